/**
 * The panel under the canvas, with a tab each for training, its results, the run history, the
 * model summary, Compare (forward times and the accuracy-against-operations chart) and Experiment
 * (several networks trained alike, their curves overlaid). It keeps
 * its height whichever tab shows (the workspace's handle sets it); it
 * can be collapsed to its tabs (a tab opens it again) or maximised to fill the window.
 */
import { memo, type ComponentType } from 'react';
import { usePanels, type DockTab } from '../store/panels';
import { ResultsPanel } from '../runs/ResultsPanel';
import { RunsPanel } from '../runs/RunsPanel';
import { TrainingPanel } from '../training/TrainingPanel';
import { ExperimentPanel } from '../experiment/ExperimentPanel';
import { ComparePanel } from './ComparePanel';
import { SummaryPanel } from './SummaryPanel';

const tabs: { id: DockTab; title: string; Panel: ComponentType }[] = [
  { id: 'training', title: 'Training', Panel: TrainingPanel },
  { id: 'results', title: 'Results', Panel: ResultsPanel },
  { id: 'runs', title: 'Runs', Panel: RunsPanel },
  { id: 'summary', title: 'Summary', Panel: SummaryPanel },
  { id: 'compare', title: 'Compare', Panel: ComparePanel },
  { id: 'experiment', title: 'Experiment', Panel: ExperimentPanel },
];

function BottomDockImpl({ height }: { height: number }) {
  const tab = usePanels((s) => s.dock);
  const collapsed = usePanels((s) => s.layout.collapsed.dock);
  const maximised = usePanels((s) => s.dockMaximised);
  const { showDock, setCollapsed, maximiseDock } = usePanels.getState();
  return (
    <div className={`dock${maximised ? ' dock--maximised' : ''}`} id="dock">
      <div className="dock__bar">
        <div className="dock__tabs" role="tablist" aria-label="Bottom panel">
          {tabs.map((t) => (
            <button
              key={t.id}
              type="button"
              role="tab"
              id={`dock-tab-${t.id}`}
              aria-selected={tab === t.id}
              aria-controls="dock-panel"
              className="dock__tab"
              onClick={() => showDock(t.id)}
            >
              {t.title}
            </button>
          ))}
        </div>
        <div className="dock__tools">
          <button type="button" className="dock__tool" aria-pressed={maximised} onClick={() => maximiseDock(!maximised)} title={maximised ? 'Back to its size under the canvas' : 'Fill the window with this panel'}>
            {maximised ? 'Restore' : 'Maximise'}
          </button>
          <button type="button" className="dock__tool" aria-expanded={!collapsed} aria-controls="dock-panel" onClick={() => setCollapsed('dock', !collapsed)}>
            {collapsed ? 'Show panel' : 'Hide panel'}
          </button>
        </div>
      </div>
      {collapsed ? null : (
        <div className="dock__panel" id="dock-panel" role="tabpanel" aria-labelledby={`dock-tab-${tab}`} style={maximised ? undefined : { height }}>
          {tabs.map(({ id, Panel }) => (id === tab ? <Panel key={id} /> : null))}
        </div>
      )}
    </div>
  );
}

/** The bottom dock. */
export const BottomDock = memo(BottomDockImpl);
