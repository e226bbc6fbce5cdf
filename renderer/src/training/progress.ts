/** The run's progress in words and numbers, as the training panel shows it. */
import type { EpochMetrics, Estimate } from '../../../shared/api';
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

/**
 * Time left in words: `etaText(130)` → "2 min 10 s left", `etaText(3900)` → "1 h 5 min left",
 * `etaText(0.4)` → "under a second left"; '' when unknown.
 */
export function etaText(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return '';
  const s = Math.round(seconds);
  if (s < 1) return 'under a second left';
  if (s < 60) return `${s} s left`;
  if (s < 3600) {
    const min = Math.floor(s / 60);
    return s % 60 ? `${min} min ${s % 60} s left` : `${min} min left`;
  }
  // Over an hour, seconds are noise.
  const m = Math.round(s / 60);
  const h = Math.floor(m / 60);
  return m % 60 ? `${h} h ${m % 60} min left` : `${h} h left`;
}

/** A measured duration, e.g. per epoch: `duration(4.26)` → "4.3 s", `duration(185)` → "3 min 5 s", `duration(4320)` → "1.2 h". */
export function duration(seconds: number): string {
  if (seconds < 60) return `${seconds < 10 ? seconds.toFixed(1) : Math.round(seconds)} s`;
  // Whole seconds first, so 179.6 s reads "3 min 0 s", not "2 min 60 s".
  const s = Math.round(seconds);
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${(seconds / 3600).toFixed(1)} h`;
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
