/**
 * The Runs tab: the run history (refreshed when a run starts or ends), and beside it the ticked
 * runs' curves overlaid, two runs' architectures compared, or a run's saved model evaluated.
 */
import { memo, useEffect } from 'react';
import { ArchitectureDiff } from './ArchitectureDiff';
import { compareArchitectures, followRuns, refreshRuns } from './commands';
import { EvaluatePane } from './EvaluatePane';
import { RunCurves } from './RunCurves';
import { RunList } from './RunList';
import { useRuns } from './store';

function Detail() {
  const view = useRuns((s) => s.view);
  switch (view.kind) {
    case 'curves':
      return <RunCurves />;
    case 'diff':
      return <ArchitectureDiff before={view.before} after={view.after} />;
    case 'evaluate':
      return <EvaluatePane key={view.id} view={view} />;
  }
}

function RunsPanelImpl() {
  const selected = useRuns((s) => s.selected);
  const view = useRuns((s) => s.view);
  const show = useRuns((s) => s.show);
  const error = useRuns((s) => s.error);
  const saved = useRuns((s) => s.savedModel);
  useEffect(() => {
    void refreshRuns();
    return followRuns();
  }, []);
  return (
    <section className="runs" aria-label="Run history">
      <div className="runs__head">
        <h2 className="panel-title">Runs</h2>
        <button type="button" className="button" onClick={() => void refreshRuns()}>
          Refresh
        </button>
        <button type="button" className="button" aria-pressed={view.kind === 'curves'} onClick={() => show({ kind: 'curves' })}>
          Curves
        </button>
        <button type="button" className="button" disabled={selected.length !== 2} title="Tick two runs to compare" onClick={() => void compareArchitectures(selected)}>
          Compare architectures
        </button>
      </div>
      {error ? (
        <p role="alert" className="runs__error">
          {error}
        </p>
      ) : null}
      {saved ? (
        <p role="status" className="runs__saved">
          {saved.saved ? `${saved.saved} ` : ''}The run keeps its model in <code>{saved.dir}</code>
        </p>
      ) : null}
      <div className="runs__body">
        <RunList />
        <div className="runs__detail">
          <Detail />
        </div>
      </div>
    </section>
  );
}

/** The Runs tab. */
export const RunsPanel = memo(RunsPanelImpl);
