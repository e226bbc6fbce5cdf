/** The pure parts of the training panel: smoothing, time left, progress, the best epoch, chart series and marks. */
import { describe, expect, it } from 'vitest';
import type { EpochMetrics, TrainEvent } from '../../../shared/api';
import { applyTrainEvent, startingTraining } from '../../../renderer/src/store/training';
import { curveSeries, epochMarks } from '../../../renderer/src/training/curves';
import { bestEpochOf, progressSteps } from '../../../renderer/src/training/progress';
import { smooth } from '../../../renderer/src/training/smoothing';

const run = (events: TrainEvent[]) => events.reduce(applyTrainEvent, startingTraining(3));
const start: TrainEvent = { type: 'start', engine: 'tfjs', backend: 'wasm', epochs: 3, batchesPerEpoch: 4, trainSamples: 128, valSamples: 32 };
const batch = (epoch: number, b: number, loss: number): TrainEvent => ({ type: 'batch', epoch, batch: b, batches: 4, loss, acc: 1 - loss / 3, eta: 10 });
const epoch = (n: number, valAcc: number): EpochMetrics & { type: 'epoch' } => ({ type: 'epoch', epoch: n, loss: 1, acc: 0.5, valLoss: 1 - valAcc, valAcc });

describe('smooth', () => {
  it('is TensorBoard’s debiased exponential moving average', () => {
    const s = smooth([1, 2, 3], 0.5);
    expect(s[0]).toBeCloseTo(1); // debiased: the first point is itself, not half of it
    expect(s[1]).toBeCloseTo((0.25 * 1 + 0.5 * 2) / 0.75);
    expect(s[2]).toBeCloseTo((0.125 * 1 + 0.25 * 2 + 0.5 * 3) / 0.875);
  });

  it('returns the values at 0 and leaves a constant curve constant at any weight', () => {
    expect(smooth([3, 1, 2], 0)).toEqual([3, 1, 2]);
    for (const w of [0.3, 0.9, 0.99]) for (const v of smooth([2, 2, 2, 2], w)) expect(v).toBeCloseTo(2);
  });

  it('passes nulls and non-finite values through without disturbing the average', () => {
    const s = smooth([1, null, Number.NaN, 1], 0.9);
    expect(s[1]).toBeNull();
    expect(s[2]).toBeNaN();
    expect(s[3]).toBeCloseTo(1);
  });

  it('damps noise more as the weight grows', () => {
    const noisy = Array.from({ length: 200 }, (_, i) => (i % 2 ? 1 : 0));
    const swing = (w: number) => Math.abs(smooth(noisy, w)[199]! - smooth(noisy, w)[198]!);
    expect(swing(0.9)).toBeLessThan(swing(0.5));
    expect(swing(0.99)).toBeLessThan(swing(0.9));
  });
});

describe('progress and the best epoch', () => {
  it('counts batches across epochs for the progress bar', () => {
    expect(progressSteps(run([start]))).toEqual({ done: 0, total: 12 });
    expect(progressSteps(run([start, batch(1, 4, 1), batch(2, 3, 1)]))).toEqual({ done: 7, total: 12 });
  });

  it('picks the highest validation accuracy, the earliest of equals', () => {
    expect(bestEpochOf([])).toBeUndefined();
    expect(bestEpochOf([epoch(1, 0.9), epoch(2, 0.95), epoch(3, 0.95), epoch(4, 0.93)])?.epoch).toBe(2);
  });
});

describe('curve series and marks', () => {
  const t = run([start, batch(1, 1, 2), batch(1, 2, 1), batch(1, 3, 2), batch(1, 4, 1), epoch(1, 0.8), batch(2, 1, 0.5), batch(2, 2, 0.7), batch(2, 3, 0.4), batch(2, 4, 0.6), epoch(2, 0.9)]);

  it('plots per-batch values against the batch count and validation as dots where each epoch ends', () => {
    const [train, validation] = curveSeries(t, 'loss', 0);
    expect(train).toMatchObject({ label: 'train', x: [1, 2, 3, 4, 5, 6, 7, 8], y: [2, 1, 2, 1, 0.5, 0.7, 0.4, 0.6] });
    expect(validation).toMatchObject({ label: 'validation', x: [4, 8], dots: true });
    expect(validation!.y[1]).toBeCloseTo(0.1);
  });

  it('smooths the training curve and keeps the raw one faintly behind it', () => {
    const series = curveSeries(t, 'loss', 0.6);
    expect(series.map((s) => s.label)).toEqual(['train', 'train (raw)', 'validation']);
    expect(series[1]).toMatchObject({ faint: true, y: [2, 1, 2, 1, 0.5, 0.7, 0.4, 0.6] });
    expect(series[0]!.y).toEqual(smooth([2, 1, 2, 1, 0.5, 0.7, 0.4, 0.6], 0.6));
    expect(series[0]!.x).toHaveLength(8);
  });

  it('marks each epoch’s end and the best epoch with its own line', () => {
    expect(epochMarks(t)).toEqual([
      { x: 4, label: 'epoch 1' },
      { x: 12, label: 'epoch 3' },
      { x: 8, label: 'best: epoch 2', strong: true },
    ]);
  });

  it('prefers the best epoch the trainer reports when done', () => {
    const done = applyTrainEvent(t, { type: 'done', epochs: t.epochMetrics, engine: 'tfjs', backend: 'wasm', samplesPerSecond: 100, bestEpoch: 1 });
    expect(epochMarks(done).find((m) => m.strong)).toEqual({ x: 4, label: 'best: epoch 1', strong: true });
  });

  it('labels at most ten epochs and draws no epoch lines for very long runs', () => {
    const long = { ...run([{ ...start, epochs: 40 }]) };
    const labelled = epochMarks(long).filter((m) => m.label);
    expect(labelled.map((m) => m.label)).toEqual(Array.from({ length: 10 }, (_, i) => `epoch ${(i + 1) * 4}`));
    expect(epochMarks({ ...long, epochs: 500 })).toEqual([]);
  });
});
