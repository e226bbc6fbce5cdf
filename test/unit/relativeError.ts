/**
 * How far values are from a reference, as tests against PyTorch compare them: the largest
 * difference over the largest reference value (so a tolerance reads as "1e-4 of the scale").
 */
import { expect } from 'vitest';

/** `relativeError(ours, pytorchs)` → max |ours − theirs| / max |theirs|; the lengths must agree. */
export function relativeError(got: ArrayLike<number>, want: ArrayLike<number>): number {
  expect(got.length).toBe(want.length);
  let diff = 0;
  let top = 0;
  for (let i = 0; i < want.length; i++) {
    diff = Math.max(diff, Math.abs(got[i]! - want[i]!));
    top = Math.max(top, Math.abs(want[i]!));
  }
  return diff / top;
}
