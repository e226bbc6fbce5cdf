/** Per-epoch metrics: training and validation loss and accuracy. */
import { memo } from 'react';
import type { EpochMetrics } from '../../../shared/api';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function EpochTableImpl({ epochs }: { epochs: readonly EpochMetrics[] }) {
  return (
    <table className="epochs" aria-label="Metrics per epoch">
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
          epochs.map((m, i) => (
            <tr key={m.epoch}>
              <td>{i + 1}</td>
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
