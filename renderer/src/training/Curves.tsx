/**
 * The live loss and accuracy charts with their view controls: a smoothing slider for the noisy
 * per-batch values and a log scale for the loss.
 */
import { memo, useId, useMemo } from 'react';
import type { TrainingState } from '../store/training';
import { useTrainingView } from '../store/trainingView';
import { curveSeries, epochMarks } from './curves';
import { Plot } from './Plot';
import { SMOOTHING_MAX } from './smoothing';

const percent = (y: number) => `${Math.round(y * 100)}%`;
const ACC_RANGE: [number, number] = [0, 1];
const EMPTY = 'Curves appear when a run starts.';

function CurvesImpl({ t }: { t: TrainingState }) {
  const smoothing = useTrainingView((v) => v.smoothing);
  const logLoss = useTrainingView((v) => v.logLoss);
  const set = useTrainingView((v) => v.set);
  const sliderId = useId();
  const { loss, acc } = useMemo(
    () => ({ loss: curveSeries(t, 'loss', smoothing), acc: curveSeries(t, 'acc', smoothing) }),
    // Only what the series read: a progress-only update does not rebuild them.
    [t.points, t.epochMetrics, t.batchesPerEpoch, t.epochBase, smoothing],
  );
  const marks = useMemo(() => epochMarks(t), [t.epochs, t.batchesPerEpoch, t.epochBase, t.bestEpoch, t.epochMetrics]);
  return (
    <div className="curves">
      <div className="curves__tools">
        <div className="curves__smoothing">
          <label htmlFor={sliderId}>Smoothing</label>
          <input id={sliderId} type="range" min={0} max={SMOOTHING_MAX} step={0.01} value={smoothing} onChange={(e) => set({ smoothing: Number(e.target.value) })} />
          <output htmlFor={sliderId}>{smoothing.toFixed(2)}</output>
        </div>
        <label className="setting--check">
          <input type="checkbox" checked={logLoss} onChange={(e) => set({ logLoss: e.target.checked })} />
          Log-scale loss
        </label>
      </div>
      <Plot title="Loss" series={loss} marks={marks} logY={logLoss} xLabel="batch" empty={EMPTY} />
      <Plot title="Accuracy" series={acc} marks={marks} yRange={ACC_RANGE} format={percent} xLabel="batch" empty={EMPTY} />
    </div>
  );
}

/** The training curves; memoised. */
export const Curves = memo(CurvesImpl);
