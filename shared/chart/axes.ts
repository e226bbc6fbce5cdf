/**
 * What Netwright's SVG charts share: the page size and margins, the colours, escaping, the
 * frame (title, axis labels, plot box), linear and log scales and their ticks. The Compare charts
 * (shared/compare/charts.ts) and the Experiment chart (shared/experiment/chart.ts) draw on it,
 * so every chart exports and reads alike.
 * `frame('Title', 'x', 'y', [body])` → `'<svg …'`.
 */

export const W = 560;
export const H = 360;
export const M = { left: 56, right: 16, top: 28, bottom: 44 };
/** One colour per series, in order (matplotlib's tab10). */
export const COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b', '#e377c2', '#17becf', '#7f7f7f', '#bcbd22'];

/** Text and attributes escaped for SVG. */
export const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
/** A coordinate to one decimal. */
export const n = (x: number) => Number(x.toFixed(1));

/** Powers of ten covering [lo, hi]: the log axis's ticks. */
export function decades(lo: number, hi: number): number[] {
  const out: number[] = [];
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) out.push(10 ** e);
  return out;
}

/**
 * Round ticks covering [lo, hi] for a linear axis, about `count` of them (steps of 1, 2 or 5 × 10ᵏ):
 * `linearTicks(0, 0.83)` → `[0, 0.2, 0.4, 0.6, 0.8, 1]`.
 */
export function linearTicks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) hi = lo + 1;
  const raw = (hi - lo) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw)!;
  const first = Math.floor(lo / step + 1e-9) * step;
  const out: number[] = [];
  for (let t = first; t < hi + step - 1e-9; t += step) out.push(Number(t.toPrecision(12)));
  return out;
}

/** A count with an SI suffix: `si(2e6)` → "2M". */
export const si = (x: number) => (x >= 1e9 ? `${x / 1e9}G` : x >= 1e6 ? `${x / 1e6}M` : x >= 1e3 ? `${x / 1e3}K` : String(x));

/** The whole chart: white page, title, axis labels, plot box, then `body`. */
export function frame(title: string, xLabel: string, yLabel: string, body: string[]): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="Helvetica, Arial, sans-serif" font-size="11">`,
    `<rect width="${W}" height="${H}" fill="#fff"/>`,
    `<text x="${W / 2}" y="16" text-anchor="middle" font-size="13" font-weight="bold">${esc(title)}</text>`,
    `<text x="${M.left + (W - M.left - M.right) / 2}" y="${H - 8}" text-anchor="middle">${esc(xLabel)}</text>`,
    `<text transform="translate(14 ${M.top + (H - M.top - M.bottom) / 2}) rotate(-90)" text-anchor="middle">${esc(yLabel)}</text>`,
    `<rect x="${M.left}" y="${M.top}" width="${W - M.left - M.right}" height="${H - M.top - M.bottom}" fill="none" stroke="#444"/>`,
    ...body,
    '</svg>',
  ].join('\n');
}

/** A scale from [lo, hi] to pixels, log10 when `log`. */
export function scale(lo: number, hi: number, from: number, to: number, log: boolean) {
  const f = log ? Math.log10 : (v: number) => v;
  const a = f(lo);
  const b = f(hi) === a ? a + 1 : f(hi);
  return (v: number) => from + ((f(v) - a) / (b - a)) * (to - from);
}

/** A tick on the x axis with its label. */
export const xTick = (x: number, label: string) => `<line x1="${n(x)}" y1="${H - M.bottom}" x2="${n(x)}" y2="${H - M.bottom + 4}" stroke="#444"/><text x="${n(x)}" y="${H - M.bottom + 16}" text-anchor="middle">${esc(label)}</text>`;
/** A tick on the y axis with its label. */
export const yTick = (y: number, label: string) => `<line x1="${M.left - 4}" y1="${n(y)}" x2="${M.left}" y2="${n(y)}" stroke="#444"/><text x="${M.left - 6}" y="${n(y) + 4}" text-anchor="end">${esc(label)}</text>`;
