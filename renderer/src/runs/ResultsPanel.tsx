/**
 * The Results tab: how the network does on validation images after each epoch — of the current
 * run (updated as each epoch's evaluation arrives), of a run from the history opened with its
 * "Results" button, or, while the current run has none (before its first epoch, or in a new
 * session), of the latest run in the history that has results, a stopped one included.
 */
import { memo, useEffect, useMemo } from 'react';
import { useApp } from '../store/store';
import { isActive } from '../store/training';
import { fetchRecord, followRuns, refreshRuns } from './commands';
import { evaluationsOf } from './evaluation';
import { EvaluationView } from './EvaluationView';
import { runLabel } from './overlay';
import { useRuns } from './store';

function ResultsPanelImpl() {
  const current = useApp((s) => s.training.evaluations);
  const currentRun = useApp((s) => s.training.runId);
  const currentBest = useApp((s) => s.training.bestEpoch);
  const active = useApp((s) => isActive(s.training));
  const resultsOf = useRuns((s) => s.resultsOf);
  // The latest finished run with an epoch behind it: what to show while the current run has nothing to show.
  const latest = useRuns((s) => s.runs.find((r) => r.status !== 'running' && r.epochs.length > 0)?.id);
  const fallback = resultsOf === null && current.length === 0 && !active ? latest : undefined;
  const shown = resultsOf ?? fallback ?? null;
  const record = useRuns((s) => (shown ? s.records[shown] : undefined));
  const showResultsOf = useRuns((s) => s.showResultsOf);
  const recorded = useMemo(() => (record ? evaluationsOf(record.events) : []), [record]);
  useEffect(() => {
    if (!useRuns.getState().loaded) void refreshRuns();
    return followRuns();
  }, []);
  useEffect(() => {
    if (fallback) void fetchRecord(fallback);
  }, [fallback]);
  const past = shown !== null && record !== undefined;
  const title = past ? `${runLabel(record.run)}${fallback ? ' (the latest run with results)' : ''}` : 'current run';
  return (
    <section className="results" aria-label="Results">
      <div className="results__head">
        <h2 className="panel-title">Results · {title}</h2>
        {resultsOf !== null && past ? (
          <button type="button" className="button" onClick={() => showResultsOf(null)}>
            Show the current run
          </button>
        ) : null}
      </div>
      {/* A new key per run: the epoch picked for one run means nothing for another. */}
      <EvaluationView
        key={past ? shown : (currentRun ?? 'none')}
        evaluations={past ? recorded : current}
        bestEpoch={past ? record.run.bestEpoch : currentBest}
        empty={past ? 'This run recorded no evaluation (it ended before its first epoch).' : 'Train a network: its confusion matrix, accuracy per class and sample predictions appear here after each epoch.'}
      />
    </section>
  );
}

/** The Results tab. */
export const ResultsPanel = memo(ResultsPanelImpl);
