/**
 * Small pure helpers for showing an evaluation: overall accuracy from the confusion matrix, how
 * strongly to shade a cell, and percentages as the results view writes them.
 */
import type { EpochMetrics, Evaluation, TrainEvent } from '../../../shared/api';

/** `percent(0.9731)` → `97.3%`; null (a class without samples) → `—`. */
export const percent = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);

/** Correct over all samples: the diagonal's share of the matrix (0 for an empty one). */
export function overallAccuracy(confusion: readonly (readonly number[])[]): number {
  let total = 0;
  let right = 0;
  confusion.forEach((row, t) =>
    row.forEach((n, p) => {
      total += n;
      if (t === p) right += n;
    }),
  );
  return total === 0 ? 0 : right / total;
}

/**
 * A cell's shade from 0 (empty) to 1: its count over its row's total, so a class with few
 * samples shows its mistakes as clearly as a large one. A square root lifts small shares, which
 * are the interesting mistakes, above the background.
 */
export function cellShade(count: number, rowTotal: number): number {
  if (count <= 0 || rowTotal <= 0) return 0;
  return Math.round(Math.sqrt(count / rowTotal) * 100) / 100;
}

/** The evaluation of `epoch`, or the latest one when `epoch` is null or no longer there. */
export function evaluationAt<E extends Pick<Evaluation, 'epoch'>>(evaluations: readonly E[], epoch: number | null): E | undefined {
  return (epoch === null ? undefined : evaluations.find((e) => e.epoch === epoch)) ?? evaluations.at(-1);
}

/** The evaluations among a run's recorded events, in order: what its Results tab shows. */
export const evaluationsOf = (events: readonly TrainEvent[]): Evaluation[] =>
  events.flatMap((e) => {
    if (e.type !== 'evaluation') return [];
    const { type: _, ...evaluation } = e;
    return [evaluation];
  });

/** The best validation accuracy of a run's epochs, or null before its first epoch. */
export const bestValAcc = (epochs: readonly EpochMetrics[]): number | null => (epochs.length === 0 ? null : Math.max(...epochs.map((e) => e.valAcc)));
