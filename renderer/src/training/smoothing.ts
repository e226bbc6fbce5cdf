/** Smoothing of noisy per-batch curves, as TensorBoard's slider does it. */

/**
 * An exponential moving average with TensorBoard's debiasing: the average starts at 0 and is
 * divided by `1 − weight^n`, so the first points are not dragged towards 0. Non-finite values
 * (and nulls) are passed through and do not disturb the average. `weight` 0 returns the values.
 *
 * `smooth([1, 2, 3], 0.5)` → `[1, 1.667, 2.429]` (to 3 decimals).
 */
export function smooth<T extends number | null>(values: readonly T[], weight: number): T[] {
  if (weight <= 0) return values.slice();
  const w = Math.min(weight, 0.999);
  const out = new Array<T>(values.length);
  let last = 0;
  // w^n for the debiasing, kept as a running product: Math.pow per point costs more than the rest.
  let wn = 1;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v === null || !Number.isFinite(v)) {
      out[i] = v;
      continue;
    }
    last = last * w + (1 - w) * v;
    wn *= w;
    out[i] = (last / (1 - wn)) as T;
  }
  return out;
}

/** The slider's range: 0 (raw) to 0.99 (very smooth). */
export const SMOOTHING_MAX = 0.99;
