/**
 * Ticks for an axis counted in whole units (epochs): uPlot picks a tick spacing from its own
 * increments (0.5, 2.5, …), which on a short axis gives "1, 1.5, 2"; here the spacing is
 * rounded up to a whole 1, 2 or 5 × 10ⁿ, so ticks fall on whole numbers only and are never
 * closer than uPlot asked. Pure, so it is tested without a browser.
 */

/** The smallest whole step of 1, 2 or 5 × 10ⁿ that is at least `incr`: `wholeStep(0.5)` → 1, `wholeStep(2.5)` → 5. */
export function wholeStep(incr: number): number {
  if (!(incr > 1)) return 1;
  const p = 10 ** Math.floor(Math.log10(incr));
  return [1, 2, 5].map((m) => m * p).find((s) => s >= incr) ?? 10 * p;
}

/** Where the ticks go between `min` and `max`, at least `incr` apart: `wholeSplits(0.9, 3.1, 0.5)` → [1, 2, 3]. */
export function wholeSplits(min: number, max: number, incr: number): number[] {
  const step = wholeStep(incr);
  const splits: number[] = [];
  // `min / step` may round (a tiny min gives 0): only ticks on the axis are kept.
  for (let v = Math.ceil(min / step) * step; v <= max; v += step) if (v >= min) splits.push(v);
  return splits;
}
