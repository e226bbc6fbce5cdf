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
 * series that share an x array (a curve and its smoothed copy) are merged once, then each y is
 * written straight to its column. The training series can hold tens of thousands of points and
 * is re-aligned on every animation frame while a run streams, so no sort and no map.
 *
 * `alignSeries([{ x: [1, 2, 3], y: [5, 4, 3] }, { x: [3], y: [9] }])`
 * → `[[1, 2, 3], [5, 4, 3], [null, null, 9]]`
 */
export function alignSeries(series: readonly XYSeries[]): Aligned {
  const axes: (readonly number[])[] = [];
  const axisOf = series.map((s) => {
    const i = axes.indexOf(s.x);
    return i >= 0 ? i : axes.push(s.x) - 1;
  });
  const { xs, columns } = mergeAxes(axes);
  const ys = series.map((s, k) => {
    const col = columns[axisOf[k]!];
    // Plain loops: Array.from with a mapping function is several times slower here.
    const out = new Array<number | null>(xs.length).fill(null);
    // An x array that is the whole axis needs no placing.
    if (!col) for (let j = 0; j < s.x.length; j++) out[j] = drawable(s.y[j]);
    else for (let j = 0; j < s.x.length; j++) out[col[j]!] = drawable(s.y[j]);
    return out;
  });
  return [xs, ...ys];
}

/**
 * One ascending axis from several, and for each input the column of each of its values (or
 * undefined where the input is the whole axis). Equal values of different inputs share a column.
 */
function mergeAxes(axes: readonly (readonly number[])[]): { xs: number[]; columns: (Int32Array | undefined)[] } {
  if (axes.length <= 1) return { xs: axes[0]?.slice() ?? [], columns: [undefined] };
  // Common case: one axis holds every other's values (validation at epoch ends lies on the
  // batch axis), so binary searches place the few others' points and nothing is merged.
  const main = axes.reduce((a, b) => (b.length > a.length ? b : a));
  const placed = axes.map((a) => (a === main ? undefined : positionsIn(main, a)));
  if (placed.every((p, k) => p || axes[k] === main)) return { xs: main.slice(), columns: placed as (Int32Array | undefined)[] };
  const xs: number[] = [];
  const columns = axes.map((a) => new Int32Array(a.length));
  const heads = new Int32Array(axes.length);
  for (;;) {
    let next = Infinity;
    for (let k = 0; k < axes.length; k++) {
      const v = axes[k]![heads[k]!];
      if (v !== undefined && v < next) next = v;
    }
    if (next === Infinity) break;
    const col = xs.push(next) - 1;
    for (let k = 0; k < axes.length; k++) {
      const h = heads[k]!;
      if (axes[k]![h] === next) {
        columns[k]![h] = col;
        heads[k] = h + 1;
      }
    }
  }
  return { xs, columns: columns.map((c) => (c.length === xs.length ? undefined : c)) };
}

/** Where each value of `values` (ascending) sits in `axis` (ascending), or null if one is missing. */
function positionsIn(axis: readonly number[], values: readonly number[]): Int32Array | null {
  const at = new Int32Array(values.length);
  let lo = 0;
  for (let j = 0; j < values.length; j++) {
    const v = values[j]!;
    let hi = axis.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (axis[mid]! < v) lo = mid + 1;
      else hi = mid;
    }
    if (axis[lo] !== v) return null;
    at[j] = lo;
  }
  return at;
}
