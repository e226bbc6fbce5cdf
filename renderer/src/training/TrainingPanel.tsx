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
import { LineChart, type ChartSeries } from './LineChart';
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
    const valX = (epoch: number) => epochNumber(t, epoch) * t.batchesPerEpoch;
    const loss: ChartSeries[] = [
      { name: 'train', className: 'series-train', style: 'line', points: t.points.map((p) => ({ x: p.step, y: p.loss })) },
      { name: 'validation', className: 'series-val', style: 'dots', points: t.epochMetrics.map((m) => ({ x: valX(m.epoch), y: m.valLoss })) },
    ];
    const acc: ChartSeries[] = [
      { name: 'train', className: 'series-train', style: 'line', points: t.points.map((p) => ({ x: p.step, y: p.acc })) },
      { name: 'validation', className: 'series-val', style: 'dots', points: t.epochMetrics.map((m) => ({ x: valX(m.epoch), y: m.valAcc })) },
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
  const xMax = Math.max(t.epochs * t.batchesPerEpoch, t.points.at(-1)?.step ?? 0, 1);
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
      <LineChart title="Loss" series={loss} xMax={xMax} xMarks={xMarks} />
      <LineChart title="Accuracy" series={acc} xMax={xMax} yRange={[0, 1]} format={percent} xMarks={xMarks} />
      <EpochTable epochs={t.epochMetrics} />
    </section>
  );
}

/** The training panel. */
export const TrainingPanel = memo(TrainingPanelImpl);
