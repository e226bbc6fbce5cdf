/**
 * The training panel: Train and Stop, epochs and batch size, the run's progress, engine and
 * backend, live loss and accuracy curves (per batch, validation per epoch) and the epoch table.
 */
import { memo, useMemo } from 'react';
import { startTraining, stopTraining } from '../commands/training';
import { NumberInput } from '../panels/fields';
import { useApp, type AppState } from '../store/store';
import { useFrameValue } from './useFrameValue';
import { epochNumber, isActive, type TrainingState } from '../store/training';
import { Plot, type PlotSeries } from './Plot';
import { EpochTable } from './EpochTable';
import { progressText } from './progress';

const selectTraining = (s: AppState) => s.training;
const percent = (y: number) => `${Math.round(y * 100)}%`;

const statusText: Record<TrainingState['status'], string> = {
  idle: 'Not started',
  starting: 'Starting…',
  running: 'Training',
  stopping: 'Stopping…',
  stopped: 'Stopped',
  done: 'Done',
  error: 'Failed',
};

function useSeries(t: TrainingState) {
  return useMemo(() => {
    const steps = t.points.map((p) => p.step);
    const valX = t.epochMetrics.map((m) => epochNumber(t, m.epoch) * t.batchesPerEpoch);
    const loss: PlotSeries[] = [
      { label: 'train', x: steps, y: t.points.map((p) => p.loss), color: 'var(--series-train)' },
      { label: 'validation', x: valX, y: t.epochMetrics.map((m) => m.valLoss), color: 'var(--series-val)', dots: true },
    ];
    const acc: PlotSeries[] = [
      { label: 'train', x: steps, y: t.points.map((p) => p.acc), color: 'var(--series-train)' },
      { label: 'validation', x: valX, y: t.epochMetrics.map((m) => m.valAcc), color: 'var(--series-val)', dots: true },
    ];
    return { loss, acc };
  }, [t.points, t.epochMetrics, t.batchesPerEpoch, t.epochBase]);
}

function TrainingPanelImpl() {
  const t = useFrameValue(selectTraining);
  const settings = useApp((s) => s.doc.training);
  const setTraining = useApp((s) => s.setTraining);
  const active = isActive(t);
  const { loss, acc } = useSeries(t);
  const xMarks = useMemo(
    () => (t.batchesPerEpoch ? Array.from({ length: t.epochs }, (_, i) => ({ x: (i + 1) * t.batchesPerEpoch, label: `epoch ${i + 1}` })) : []),
    [t.epochs, t.batchesPerEpoch],
  );
  return (
    <section className="training" aria-label="Training">
      <div className="training__controls">
        <h2 className="panel-title">Training · MNIST</h2>
        <div className="training__buttons">
          <button type="button" className="button button--primary" onClick={() => void startTraining()} disabled={active}>
            Train
          </button>
          <button type="button" className="button" onClick={() => void stopTraining()} disabled={!active || t.status === 'stopping'}>
            Stop
          </button>
        </div>
        <div className="training__fields">
          <label>
            Epochs
            <NumberInput min={1} max={1000} step={1} value={settings.epochs} disabled={active} onChange={(n) => Number.isInteger(n) && n >= 1 && n <= 1000 && setTraining({ epochs: n })} />
          </label>
          <label>
            Batch size
            <NumberInput min={1} max={4096} step={1} value={settings.batchSize} disabled={active} onChange={(n) => Number.isInteger(n) && n >= 1 && n <= 4096 && setTraining({ batchSize: n })} />
          </label>
        </div>
        <p className="training__status" role="status">
          <span className={`training__state training__state--${t.status}`}>{statusText[t.status]}</span>
          {progressText(t) ? <span className="training__progress">{progressText(t)}</span> : null}
        </p>
        {t.engine ? (
          <p className="training__engine">
            Engine: {t.engine} · Backend: {t.backend}
          </p>
        ) : null}
        {t.samplesPerSecond ? <p className="training__engine">{Math.round(t.samplesPerSecond).toLocaleString('en-US')} samples/s</p> : null}
      </div>
      <Plot title="Loss" series={loss} marks={xMarks} />
      <Plot title="Accuracy" series={acc} yRange={[0, 1]} format={percent} marks={xMarks} />
      <EpochTable epochs={t.epochMetrics} />
    </section>
  );
}

/** The training panel. */
export const TrainingPanel = memo(TrainingPanelImpl);
