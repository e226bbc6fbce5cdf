/** Per-epoch metrics: training and validation loss and accuracy, the best epoch named. */
import { memo } from 'react';
import type { EpochMetrics } from '../../../shared/api';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

interface Props {
  epochs: readonly EpochMetrics[];
  /** The trainer's number of the epoch with the best validation accuracy. */
  best?: number;
  /** Turns the trainer's epoch number into the one the user counts from 1. */
  numberOf(epoch: number): number;
}

function EpochTableImpl({ epochs, best, numberOf }: Props) {
  const bestRow = epochs.find((m) => m.epoch === best);
  return (
    <table className="epochs" aria-label="Metrics per epoch">
      {bestRow ? (
        <caption className="epochs__caption">
          Best: epoch {numberOf(bestRow.epoch)} · {pct(bestRow.valAcc)} validation accuracy
        </caption>
      ) : null}
      <thead>
        <tr>
          <th scope="col">Epoch</th>
          <th scope="col">Loss</th>
          <th scope="col">Acc</th>
          <th scope="col">Val loss</th>
          <th scope="col">Val acc</th>
        </tr>
      </thead>
      <tbody>
        {epochs.length === 0 ? (
          <tr>
            <td colSpan={5} className="muted">
              Metrics appear after each epoch.
            </td>
          </tr>
        ) : (
          epochs.map((m) => (
            <tr key={m.epoch} className={m === bestRow ? 'epochs__best' : undefined}>
              <td>
                {numberOf(m.epoch)}
                {m === bestRow ? <span className="epochs__badge">best</span> : null}
              </td>
              <td className="num">{m.loss.toFixed(4)}</td>
              <td className="num">{pct(m.acc)}</td>
              <td className="num">{m.valLoss.toFixed(4)}</td>
              <td className="num">{pct(m.valAcc)}</td>
            </tr>
          ))
        )}
      </tbody>
    </table>
  );
}

/** The epoch table; memoised. */
export const EpochTable = memo(EpochTableImpl);
