/**
 * The runs list: one row per run of the history, newest first, with a tick box to overlay its
 * curves or compare it, its name and note (both editable), how long its epochs took against the
 * estimate, and its actions (results, evaluate, save the model, delete).
 */
import { memo, useState } from 'react';
import type { RunSummary } from '../../../shared/api';
import { duration, estimateOff, secondsPerEpoch } from '../../../shared/timeText';
import { deleteRun, openResults, saveModel, updateRun } from './commands';
import { bestValAcc, percent } from './evaluation';
import { RUN_COLOURS, runLabel } from './overlay';
import { useRuns } from './store';

const statusText: Record<RunSummary['status'], string> = { running: 'Running', done: 'Done', stopped: 'Stopped', error: 'Failed', interrupted: 'Interrupted' };

const started = (iso: string) => {
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? iso : at.toLocaleString('en-GB', { dateStyle: 'short', timeStyle: 'medium' });
};

/** The run's name and note; "Rename" edits both in place (Enter or Save keeps them, Escape or Cancel does not). */
function RunName({ run }: { run: RunSummary }) {
  const [editing, setEditing] = useState(false);
  const name = run.title || run.name || 'Untitled';
  if (!editing) {
    return (
      <>
        <span className="runs__name">{name}</span>{' '}
        <button type="button" className="button button--small" aria-label={`Rename ${name}`} onClick={() => setEditing(true)}>
          Rename
        </button>
        {run.experiment ? (
          <span className="runs__experiment" title="Trained by an experiment, with its other networks">
            {run.experiment.name} · network {run.experiment.index + 1}
          </span>
        ) : null}
        {run.note ? <span className="runs__note">{run.note}</span> : null}
      </>
    );
  }
  const save = (form: HTMLFormElement) => {
    const data = new FormData(form);
    const title = String(data.get('title') ?? '').trim();
    void updateRun(run.id, { ...(title ? { title } : {}), note: String(data.get('note') ?? '') });
    setEditing(false);
  };
  return (
    <form
      className="runs__rename"
      onSubmit={(e) => {
        e.preventDefault();
        save(e.currentTarget);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') setEditing(false);
      }}
    >
      <input name="title" aria-label="Run name" defaultValue={name} maxLength={200} autoFocus />
      <textarea name="note" aria-label="Note" defaultValue={run.note ?? ''} placeholder="A note on this run" maxLength={10_000} rows={2} />
      <button type="submit" className="button button--small">
        Save
      </button>
      <button type="button" className="button button--small" onClick={() => setEditing(false)}>
        Cancel
      </button>
    </form>
  );
}

/** Seconds per epoch as measured, with the estimate's miss in its tooltip where one was measured before the run. */
function EpochTime({ run }: { run: RunSummary }) {
  const took = secondsPerEpoch(run.epochs);
  if (took === undefined) return <td className="num">—</td>;
  const estimate = run.estimate?.secondsPerEpoch;
  return (
    <td className="num" title={estimate ? estimateOff(estimate, took) : undefined}>
      {duration(took)}
      {estimate ? (
        <>
          {' '}
          <span className="runs__estimate">(est. {duration(estimate)})</span>
        </>
      ) : null}
    </td>
  );
}

function RunRow({ run, tick }: { run: RunSummary; tick: number }) {
  const toggle = useRuns((s) => s.toggle);
  const show = useRuns((s) => s.show);
  const label = runLabel(run);
  const best = bestValAcc(run.epochs);
  const hasWeights = run.weights.final || run.weights.best;
  // Deleting throws away the run's weights: it takes a second click.
  const [confirming, setConfirming] = useState(false);
  return (
    <tr aria-label={label} className={tick >= 0 ? 'runs__row runs__row--ticked' : 'runs__row'}>
      <td>
        <input type="checkbox" aria-label={`Select ${label}`} checked={tick >= 0} onChange={() => toggle(run.id)} />
        {tick >= 0 ? <span className="runs__swatch" style={{ background: RUN_COLOURS[tick % RUN_COLOURS.length] }} aria-hidden="true" /> : null}
      </td>
      <th scope="row">
        <RunName run={run} />
      </th>
      <td>{started(run.started)}</td>
      <td className={`runs__status runs__status--${run.status}`} title={run.message}>
        {statusText[run.status]}
      </td>
      <td>{run.dataset}</td>
      <td className="num">{percent(best)}</td>
      <td>{run.backend ?? '—'}</td>
      <EpochTime run={run} />
      <td className="runs__actions">
        <button type="button" className="button" onClick={() => void openResults(run.id)}>
          Results
        </button>
        <button
          type="button"
          className="button"
          disabled={!hasWeights}
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
          <th scope="col">Epoch time</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {list.length === 0 ? (
          <tr>
            <td colSpan={9} className="muted">
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
