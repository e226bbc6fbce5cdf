/** Reading what a user types into a parameter field. Pure, so the tests can check each rule. */
import type { ParamValue } from '../../../shared/layers/types';

/** `"6"` → 6, `""` → undefined. */
export function parseNumber(text: string): number | undefined {
  if (text.trim() === '') return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}

/**
 * Up to `maxLength` numbers separated by commas, spaces, × or x: `"1, 1, -1"` → `[1, 1, -1]`.
 * One number stays a number (`"2"` → 2) unless `asArray`. Anything else is undefined.
 */
export function parseList(text: string, maxLength = 4, asArray = false): ParamValue | undefined {
  const parts = text.trim().split(/\s*[,×x*\s]\s*/i).filter((p) => p !== '');
  if (parts.length === 0 || parts.length > maxLength) return undefined;
  const nums = parts.map(Number);
  if (!nums.every(Number.isFinite)) return undefined;
  return nums.length === 1 && !asArray ? nums[0]! : nums;
}

/** A window size: `"5"` → 5, `"5×3"` → [5, 3]; what does not parse is kept as text. */
export function parseSize(text: string): ParamValue | undefined {
  if (text.trim() === '') return undefined;
  const v = parseList(text, 2);
  return v ?? text;
}

/** `[1, 1, -1]` → `"1, 1, -1"`. */
export const formatList = (v: readonly number[]): string => v.join(', ');
