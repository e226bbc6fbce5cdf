/**
 * The runs list: one row per run of the history, newest first, with a tick box to overlay its
 * curves or compare it, and its actions (results, evaluate, save the model, delete).
 */
import { memo, useState } from 'react';
import type { RunSummary } from '../../../shared/api';
import { deleteRun, openResults, saveModel } from './commands';
import { bestValAcc, percent } from './evaluation';
import { RUN_COLOURS, runLabel } from './overlay';
import { useRuns } from './store';

const statusText: Record<RunSummary['status'], string> = { running: 'Running', done: 'Done', stopped: 'Stopped', error: 'Failed', interrupted: 'Interrupted' };

const started = (iso: string) => {
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? iso : at.toLocaleString('en-GB', { dateStyle: 'short', timeStyle: 'medium' });
};

function RunRow({ run, tick }: { run: RunSummary; tick: number }) {
  const toggle = useRuns((s) => s.toggle);
  const show = useRuns((s) => s.show);
  const label = runLabel(run);
  const best = bestValAcc(run.epochs);
  const hasWeights = run.weights.final || run.weights.best;
  // Evaluate reads tfjs weights; a torch run keeps a PyTorch model.pt, which Save model downloads.
  const torch = run.engine === 'torch';
  // Deleting throws away the run's weights: it takes a second click.
  const [confirming, setConfirming] = useState(false);
  return (
    <tr aria-label={label} className={tick >= 0 ? 'runs__row runs__row--ticked' : 'runs__row'}>
      <td>
        <input type="checkbox" aria-label={`Select ${label}`} checked={tick >= 0} onChange={() => toggle(run.id)} />
        {tick >= 0 ? <span className="runs__swatch" style={{ background: RUN_COLOURS[tick % RUN_COLOURS.length] }} aria-hidden="true" /> : null}
      </td>
      <th scope="row">{run.name || 'Untitled'}</th>
      <td>{started(run.started)}</td>
      <td className={`runs__status runs__status--${run.status}`} title={run.message}>
        {statusText[run.status]}
      </td>
      <td>{run.dataset}</td>
      <td className="num">{percent(best)}</td>
      <td>{run.backend ?? '—'}</td>
      <td className="runs__actions">
        <button type="button" className="button" onClick={() => void openResults(run.id)}>
          Results
        </button>
        <button
          type="button"
          className="button"
          disabled={!hasWeights || torch}
          title={torch ? 'Evaluate is for tfjs runs: this torch run keeps a PyTorch model.pt (Save model)' : undefined}
          onClick={() => show({ kind: 'evaluate', id: run.id })}
        >
          Evaluate…
        </button>
        <button type="button" className="button" disabled={!hasWeights} onClick={() => void saveModel(run.id, run.weights.final ? 'final' : 'best')}>
          Save model
        </button>
        {confirming ? (
          <>
            <button type="button" className="button button--danger" onClick={() => void deleteRun(run.id)}>
              Delete with its weights
            </button>
            {/* Focus the harmless choice: the Delete button that had it is gone. */}
            <button type="button" className="button" autoFocus onClick={() => setConfirming(false)}>
              Keep
            </button>
          </>
        ) : (
          <button type="button" className="button" disabled={run.status === 'running'} onClick={() => setConfirming(true)}>
            Delete
          </button>
        )}
      </td>
    </tr>
  );
}

function RunListImpl() {
  const list = useRuns((s) => s.runs);
  const loaded = useRuns((s) => s.loaded);
  const selected = useRuns((s) => s.selected);
  return (
    <table className="runs__list" aria-label="Runs">
      <thead>
        <tr>
          <th scope="col">
            <span className="visually-hidden">Selected</span>
          </th>
          <th scope="col">Name</th>
          <th scope="col">Started</th>
          <th scope="col">Status</th>
          <th scope="col">Dataset</th>
          <th scope="col">Best val acc</th>
          <th scope="col">Backend</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {list.length === 0 ? (
          <tr>
            <td colSpan={8} className="muted">
              {loaded ? 'No runs yet: each training run is kept here with its curves, document and weights.' : 'Reading the run history…'}
            </td>
          </tr>
        ) : (
          list.map((run) => <RunRow key={run.id} run={run} tick={selected.indexOf(run.id)} />)
        )}
      </tbody>
    </table>
  );
}

/** The runs list. */
export const RunList = memo(RunListImpl);
