/**
 * The training panel: the run's buttons and progress over the run settings, the live curves,
 * and the estimate before a run with the epoch table after each epoch.
 */
import { memo, useCallback } from 'react';
import { datasetTitle, parseDatasetSpec } from '../../../shared/datasets';
import { useApp, type AppState } from '../store/store';
import { epochNumber } from '../store/training';
import { Curves } from './Curves';
import { bestEpoch } from './curves';
import { EpochTable } from './EpochTable';
import { Estimate } from './Estimate';
import { RunControls } from './RunControls';
import { RunStatus } from './RunStatus';
import { useFrameValue } from './useFrameValue';

const selectTraining = (s: AppState) => s.training;

/** "MNIST", "synthetic 32×32×3, 10 classes": what the next run (or the current one) trains on. */
function useDatasetName(running: string | undefined): string {
  const spec = useApp((s) => s.doc.training.dataset);
  if (running) return running;
  const parsed = parseDatasetSpec(spec);
  return parsed.ok ? datasetTitle(parsed.spec) : spec;
}

function TrainingPanelImpl() {
  const t = useFrameValue(selectTraining);
  const dataset = useDatasetName(t.status === 'idle' ? undefined : t.dataset);
  const numberOf = useCallback((epoch: number) => epochNumber(t, epoch), [t.epochBase]);
  return (
    <section className="training" aria-label="Training">
      <div className="training__controls">
        <h2 className="panel-title">Training · {dataset}</h2>
        <RunStatus t={t} />
        <RunControls />
      </div>
      <Curves t={t} />
      <div className="training__side">
        <EpochTable epochs={t.epochMetrics} best={bestEpoch(t)} numberOf={numberOf} />
        <Estimate />
      </div>
    </section>
  );
}

/** The training panel. */
export const TrainingPanel = memo(TrainingPanelImpl);
