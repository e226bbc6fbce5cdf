/**
 * The lecture's closing charts as SVG, from `compare`'s rows: accuracy against multiply-
 * accumulates (log scale) with a bubble per network whose area is its parameter count, and
 * forward time per image against batch size, one line per network. Plain strings, so the
 * Compare view shows them and exports them as SVG or PNG unchanged.
 * `accuracyChart([{ label: 'vgg16', macs: 15.5e9, params: 138e6, accuracy: 71.6 }])` → `'<svg …'`.
 */
import type { Comparison } from '../api';
import { COLOURS, decades, esc, frame, H, M, n, scale, si, W, xTick, yTick } from '../chart/axes';

export interface AccuracyPoint {
  label: string;
  macs: number;
  params: number;
  /** Percent. */
  accuracy: number;
  /** The user's own run (its best validation accuracy on its dataset), drawn as a diamond. */
  own?: boolean;
}

/** Accuracy (%) against MACs on a log axis; bubble area ∝ parameters; the user's runs as diamonds. */
export function accuracyChart(all: readonly AccuracyPoint[], title = 'Accuracy against operations (bubble area: parameters)'): string {
  const points = all.filter((p) => p.macs > 0); // a log axis has no place for 0
  const body: string[] = [];
  if (points.length === 0) {
    body.push(`<text x="${W / 2}" y="${H / 2}" text-anchor="middle" fill="#666">No network with a published or measured accuracy</text>`);
    return frame(title, 'Multiply-accumulates per image', 'Top-1 accuracy (%)', body);
  }
  const xs = decades(Math.min(...points.map((p) => p.macs)), Math.max(...points.map((p) => p.macs)));
  const x = scale(xs[0]!, xs.at(-1)!, M.left, W - M.right, true);
  const lo = Math.max(0, Math.floor(Math.min(...points.map((p) => p.accuracy)) / 10) * 10);
  const hi = Math.min(100, Math.ceil(Math.max(...points.map((p) => p.accuracy)) / 10) * 10);
  const y = scale(lo, hi === lo ? lo + 10 : hi, H - M.bottom, M.top, false);
  for (const t of xs) body.push(xTick(x(t), si(t)));
  for (let t = lo; t <= (hi === lo ? lo + 10 : hi); t += 10) body.push(yTick(y(t), String(t)));
  const maxParams = Math.max(...points.map((p) => p.params), 1);
  points.forEach((p, i) => {
    const cx = n(x(p.macs));
    const cy = n(y(p.accuracy));
    const r = n(4 + 26 * Math.sqrt(p.params / maxParams));
    const colour = COLOURS[i % COLOURS.length]!;
    body.push(
      p.own
        ? `<path class="point own" d="M${cx} ${n(cy - r)}L${n(cx + r)} ${cy}L${cx} ${n(cy + r)}L${n(cx - r)} ${cy}Z" fill="${colour}" fill-opacity="0.35" stroke="${colour}"><title>${esc(p.label)}</title></path>`
        : `<circle class="point" cx="${cx}" cy="${cy}" r="${r}" fill="${colour}" fill-opacity="0.35" stroke="${colour}"><title>${esc(p.label)}</title></circle>`,
      `<text x="${cx}" y="${n(cy + 4)}" text-anchor="middle">${esc(p.label)}</text>`,
    );
  });
  return frame(title, 'Multiply-accumulates per image', 'Top-1 accuracy (%)', body);
}

/** Milliseconds per image against batch size (log₂), one line per network, skipped batch sizes left out. */
export function timeChart(comparison: Comparison, title = `Forward time per image (${comparison.engine}, ${comparison.backend})`): string {
  const series = comparison.rows.map((r) => ({ label: r.name, points: r.times.filter((t) => t.secondsPerImage !== undefined).map((t) => ({ batch: t.batch, ms: t.secondsPerImage! * 1000 })) }));
  const all = series.flatMap((s) => s.points);
  const body: string[] = [];
  if (all.length === 0) {
    body.push(`<text x="${W / 2}" y="${H / 2}" text-anchor="middle" fill="#666">No batch size was timed</text>`);
    return frame(title, 'Batch size', 'Milliseconds per image', body);
  }
  const batches = [...new Set(all.map((p) => p.batch))].sort((a, b) => a - b);
  const x = scale(batches[0]!, batches.at(-1)!, M.left + 10, W - M.right - 90, true);
  const ys = decades(Math.min(...all.map((p) => p.ms)), Math.max(...all.map((p) => p.ms)));
  const y = scale(ys[0]!, ys.at(-1)!, H - M.bottom, M.top, true);
  for (const b of batches) body.push(xTick(x(b), String(b)));
  for (const t of ys) body.push(yTick(y(t), String(t)));
  series.forEach((s, i) => {
    if (s.points.length === 0) return;
    const colour = COLOURS[i % COLOURS.length]!;
    const d = s.points.map((p, k) => `${k === 0 ? 'M' : 'L'}${n(x(p.batch))} ${n(y(p.ms))}`).join('');
    body.push(`<path class="series" d="${d}" fill="none" stroke="${colour}" stroke-width="2"><title>${esc(s.label)}</title></path>`);
    for (const p of s.points) body.push(`<circle cx="${n(x(p.batch))}" cy="${n(y(p.ms))}" r="3" fill="${colour}"/>`);
    const last = s.points.at(-1)!;
    body.push(`<text x="${n(x(last.batch) + 6)}" y="${n(y(last.ms) + 4)}" fill="${colour}">${esc(s.label)}</text>`);
  });
  return frame(title, 'Batch size', 'Milliseconds per image', body);
}

/** The accuracy chart's points for `compare`'s rows that have a published top-1. */
export const publishedPoints = (comparison: Comparison): AccuracyPoint[] =>
  comparison.rows.flatMap((r) => (r.accuracy?.top1 !== undefined ? [{ label: r.name, macs: r.macs, params: r.params, accuracy: r.accuracy.top1 }] : []));
