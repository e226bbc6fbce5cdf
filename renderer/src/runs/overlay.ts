/**
 * The overlay of several runs' curves: one colour per run, training as a line and validation as
 * dots, per epoch — what the Runs tab plots for the runs ticked in the list.
 */
import type { RunSummary } from '../../../shared/api';
import type { PlotSeries } from '../training/Plot';

/** Distinct colours that read on light and dark panels, taken in turn. */
export const RUN_COLOURS = ['#4f5bd5', '#e0682b', '#1f8a5b', '#c0398a', '#0e8fb3', '#b8621b', '#7a6bd0', '#6d8a1f'] as const;

/**
 * `runLabel(run)` → `LeNet-5 · batch 64 · 04:12:33`: the run's name (the document's, for runs
 * recorded before runs had their own) and the start time, which tell two runs apart.
 */
export function runLabel(run: Pick<RunSummary, 'name' | 'title' | 'started'>): string {
  const at = new Date(run.started);
  const time = Number.isNaN(at.getTime()) ? run.started : at.toLocaleTimeString('en-GB', { hour12: false });
  return `${run.title || run.name || 'Untitled'} · ${time}`;
}

export type OverlayMetric = 'loss' | 'acc';

/**
 * `overlaySeries(runs, 'loss')`: two series per run — `… train` (a line) and `… validation`
 * (dots) — with the epochs counted from 1 whatever the engine numbers them from.
 */
export function overlaySeries(runs: readonly Pick<RunSummary, 'name' | 'title' | 'started' | 'epochs'>[], metric: OverlayMetric): PlotSeries[] {
  return runs.flatMap((run, i) => {
    const colour = RUN_COLOURS[i % RUN_COLOURS.length];
    const x = run.epochs.map((_, k) => k + 1);
    const label = runLabel(run);
    const val = metric === 'loss' ? 'valLoss' : 'valAcc';
    return [
      // A line through one point draws nothing: a one-epoch run shows its training value as a dot too.
      { label: `${label} train`, x, y: run.epochs.map((e) => e[metric]), color: colour, dots: run.epochs.length === 1 },
      { label: `${label} validation`, x, y: run.epochs.map((e) => e[val]), color: colour, dots: true },
    ];
  });
}
