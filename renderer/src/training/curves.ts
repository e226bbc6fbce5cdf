/** The loss and accuracy charts' series and marks for a run, from the training state. Pure. */
import { epochNumber, type TrainingState } from '../store/training';
import type { PlotProps, PlotSeries } from './Plot';
import { bestEpochOf } from './progress';
import { smooth } from './smoothing';

const TRAIN = 'var(--series-train)';
const VAL = 'var(--series-val)';

/** The trainer's number of the best epoch: the one it reported when done, else the best so far. */
export const bestEpoch = (t: TrainingState): number | undefined => t.bestEpoch ?? bestEpochOf(t.epochMetrics)?.epoch;

/**
 * One chart's series: the per-batch values (smoothed when `smoothing` > 0, the raw values then
 * drawn faintly behind), and the validation value of each epoch as a dot where the epoch ends.
 * The smoothed or raw training series comes first: its length is the chart's point count.
 */
export function curveSeries(t: TrainingState, metric: 'loss' | 'acc', smoothing: number): PlotSeries[] {
  const steps = t.points.map((p) => p.step);
  const raw = t.points.map((p) => p[metric]);
  const valX = t.epochMetrics.map((m) => epochNumber(t, m.epoch) * t.batchesPerEpoch);
  const valY = t.epochMetrics.map((m) => (metric === 'loss' ? m.valLoss : m.valAcc));
  const validation: PlotSeries = { label: 'validation', x: valX, y: valY, color: VAL, dots: true };
  if (smoothing <= 0) return [{ label: 'train', x: steps, y: raw, color: TRAIN }, validation];
  return [{ label: 'train', x: steps, y: smooth(raw, smoothing), color: TRAIN }, { label: 'train (raw)', x: steps, y: raw, color: TRAIN, faint: true }, validation];
}

/** Most epoch labels a chart shows; with more epochs, only every n-th is labelled. */
const MAX_LABELS = 10;
/** Beyond this many epochs the lines would be a grey wall: only the best epoch is marked. */
const MAX_LINES = 100;

/**
 * A dashed line where each epoch ends ("epoch 2"), and a solid one at the best epoch
 * ("best: epoch 3"): `epochMarks(t)` for a 3-epoch run of 100 batches → lines at 100, 200, 300.
 */
export function epochMarks(t: TrainingState): NonNullable<PlotProps['marks']> {
  const per = t.batchesPerEpoch;
  if (!per) return [];
  const best = bestEpoch(t);
  const bestN = best === undefined ? undefined : epochNumber(t, best);
  const every = Math.ceil(t.epochs / MAX_LABELS);
  const marks: NonNullable<PlotProps['marks']> = [];
  if (t.epochs <= MAX_LINES) {
    for (let n = 1; n <= t.epochs; n++) if (n !== bestN) marks.push({ x: n * per, label: n % every === 0 ? `epoch ${n}` : '' });
  }
  if (bestN !== undefined) marks.push({ x: bestN * per, label: `best: epoch ${bestN}`, strong: true });
  return marks;
}
