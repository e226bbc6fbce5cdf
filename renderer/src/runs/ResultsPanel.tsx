/**
 * The Results tab: how the network does on validation images after each epoch — of the current
 * run (updated as each epoch's evaluation arrives), or of a run from the history opened with
 * its "Results" button.
 */
import { memo, useMemo } from 'react';
import { useApp } from '../store/store';
import { evaluationsOf } from './evaluation';
import { EvaluationView } from './EvaluationView';
import { runLabel } from './overlay';
import { useRuns } from './store';

function ResultsPanelImpl() {
  const current = useApp((s) => s.training.evaluations);
  const currentRun = useApp((s) => s.training.runId);
  const currentBest = useApp((s) => s.training.bestEpoch);
  const resultsOf = useRuns((s) => s.resultsOf);
  const record = useRuns((s) => (s.resultsOf ? s.records[s.resultsOf] : undefined));
  const showResultsOf = useRuns((s) => s.showResultsOf);
  const recorded = useMemo(() => (record ? evaluationsOf(record.events) : []), [record]);
  const past = resultsOf !== null && record !== undefined;
  return (
    <section className="results" aria-label="Results">
      <div className="results__head">
        <h2 className="panel-title">Results · {past ? runLabel(record.run) : 'current run'}</h2>
        {past ? (
          <button type="button" className="button" onClick={() => showResultsOf(null)}>
            Show the current run
          </button>
        ) : null}
      </div>
      {/* A new key per run: the epoch picked for one run means nothing for another. */}
      <EvaluationView
        key={past ? resultsOf : (currentRun ?? 'none')}
        evaluations={past ? recorded : current}
        bestEpoch={past ? record.run.bestEpoch : currentBest}
        empty={past ? 'This run recorded no evaluation (it ended before its first epoch).' : 'Train a network: its confusion matrix, accuracy per class and sample predictions appear here after each epoch.'}
      />
    </section>
  );
}

/** The Results tab. */
export const ResultsPanel = memo(ResultsPanelImpl);
