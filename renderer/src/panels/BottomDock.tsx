/** The panel under the canvas, with a tab each for training, its results, the run history and the model summary. */
import { memo, type ComponentType } from 'react';
import { usePanels, type DockTab } from '../store/panels';
import { ResultsPanel } from '../runs/ResultsPanel';
import { RunsPanel } from '../runs/RunsPanel';
import { TrainingPanel } from '../training/TrainingPanel';
import { SummaryPanel } from './SummaryPanel';

const tabs: { id: DockTab; title: string; Panel: ComponentType }[] = [
  { id: 'training', title: 'Training', Panel: TrainingPanel },
  { id: 'results', title: 'Results', Panel: ResultsPanel },
  { id: 'runs', title: 'Runs', Panel: RunsPanel },
  { id: 'summary', title: 'Summary', Panel: SummaryPanel },
];

function BottomDockImpl() {
  const tab = usePanels((s) => s.dock);
  const showDock = usePanels((s) => s.showDock);
  return (
    <div className="dock">
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
      <div className="dock__panel" id="dock-panel" role="tabpanel" aria-labelledby={`dock-tab-${tab}`}>
        {tabs.map(({ id, Panel }) => (id === tab ? <Panel key={id} /> : null))}
      </div>
    </div>
  );
}

/** The bottom dock. */
export const BottomDock = memo(BottomDockImpl);
