/** The run's progress in words and numbers, as the training panel shows it. */
import type { EpochMetrics, Estimate } from '../../../shared/api';
import { duration } from '../../../shared/timeText';
import { epochNumber, type TrainingState } from '../store/training';

/** "Epoch 1/3 · batch 120/250", once the run has reported a batch; '' before. */
export function progressText(t: TrainingState): string {
  if (!t.progress) return '';
  return `Epoch ${epochNumber(t, t.progress.epoch)}/${t.epochs} · batch ${t.progress.batch}/${t.progress.batches}`;
}

/** Batches done and batches in the whole run, for the progress bar: `{ done: 370, total: 750 }`. */
export function progressSteps(t: TrainingState): { done: number; total: number } {
  const batches = t.progress?.batches || t.batchesPerEpoch;
  const total = Math.max(t.epochs * batches, 0);
  if (!t.progress) return { done: t.status === 'done' ? total : 0, total };
  return { done: Math.min((epochNumber(t, t.progress.epoch) - 1) * batches + t.progress.batch, total), total };
}

/** A measured speed and the engine it is for: "4.3 s per epoch · 1,950 samples/s (torch · cpu)". */
export function speedText(time: NonNullable<Estimate['time']>): string {
  return `${duration(time.secondsPerEpoch)} per epoch · ${Math.round(time.samplesPerSecond).toLocaleString('en-US')} samples/s (${time.engine} · ${time.backend})`;
}

/**
 * The epoch with the highest validation accuracy (the earliest of equals, since it got there
 * first), or undefined before the first epoch ends.
 */
export function bestEpochOf(epochs: readonly EpochMetrics[]): EpochMetrics | undefined {
  let best: EpochMetrics | undefined;
  for (const m of epochs) if (Number.isFinite(m.valAcc) && (!best || m.valAcc > best.valAcc)) best = m;
  return best;
}
