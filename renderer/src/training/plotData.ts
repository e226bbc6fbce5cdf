/**
 * Series with their own x values, brought onto the one shared x axis that uPlot draws from.
 * Pure, so it is tested without a browser.
 */

/** What `alignSeries` reads of a series: its x values (ascending) and a y for each. */
export interface XYSeries {
  x: readonly number[];
  y: readonly (number | null)[];
}

/** uPlot's data layout: the shared x values first, then one y array per series (null = no value there). */
export type Aligned = [number[], ...(number | null)[][]];

/** A y value uPlot can draw; NaN or ±Infinity (a diverged loss) would break its ranges, so they become gaps. */
const drawable = (v: number | null | undefined): number | null => (v !== null && v !== undefined && Number.isFinite(v) ? v : null);

/**
 * Merge the x values of every series (each ascending) into one ascending axis and place each y
 * on it; where a series has no point at an x it gets null. Linear in the total number of points:
 * one k-way merge, no sort and no map, since the training series can hold tens of thousands of
 * points and is re-aligned on every animation frame while a run streams.
 *
 * `alignSeries([{ x: [1, 2, 3], y: [5, 4, 3] }, { x: [3], y: [9] }])`
 * → `[[1, 2, 3], [5, 4, 3], [null, null, 9]]`
 */
export function alignSeries(series: readonly XYSeries[]): Aligned {
  const first = series[0];
  // Common case: every series shares one x array (or there is only one); nothing to merge.
  if (first && series.every((s) => s.x === first.x)) return [first.x.slice(), ...series.map((s) => Array.from(s.x, (_, i) => drawable(s.y[i])))];
  const heads = series.map(() => 0);
  const xs: number[] = [];
  const ys: (number | null)[][] = series.map(() => []);
  for (;;) {
    let next = Infinity;
    for (let k = 0; k < series.length; k++) {
      const s = series[k]!;
      if (heads[k]! < s.x.length && s.x[heads[k]!]! < next) next = s.x[heads[k]!]!;
    }
    if (next === Infinity) break;
    xs.push(next);
    for (let k = 0; k < series.length; k++) {
      const s = series[k]!;
      const h = heads[k]!;
      // A series with this x contributes one point; several series at the same x share the column.
      if (h < s.x.length && s.x[h] === next) {
        ys[k]!.push(drawable(s.y[h]));
        heads[k] = h + 1;
      } else ys[k]!.push(null);
    }
  }
  return [xs, ...ys];
}
