/**
 * The one formula of convolution and pooling arithmetic, `(N + 2P − F) / S + 1`, with the
 * text that explains it. Every windowed layer (Conv2D, pooling) calls this.
 */
import type { ParamValue } from './types';

/** "valid", "same", P pixels on every side, or `[top, bottom, left, right]`. */
export type Padding = 'valid' | 'same' | number | readonly [number, number, number, number];

export interface Length {
  /** The output length; ≤ 0 when the window does not fit. */
  out: number;
  /** The arithmetic as the lecture writes it, e.g. `(28 + 2·0 − 5) / 1 + 1 = 24`. */
  arithmetic: string;
}

/**
 * Output length of a window of size `f` sliding over `n` with stride `s`, padded by
 * `[before, after]` (or TensorFlow's "same": ⌈N / S⌉).
 * `outputLength(227, 11, 4, [0, 0])` → `{ out: 55, arithmetic: '(227 + 2·0 − 11) / 4 + 1 = 55' }`.
 * With `ceil` (PyTorch's ceil_mode) the division rounds up, but no window may start in the
 * padding after the input.
 */
export function outputLength(n: number, f: number, s: number, pad: 'same' | readonly [number, number], dilation = 1, ceil = false): Length {
  if (pad === 'same') {
    const out = Math.ceil(n / s);
    return { out, arithmetic: `⌈${n} / ${s}⌉ = ${out}` };
  }
  const [a, b] = pad;
  const fe = dilation * (f - 1) + 1;
  const padText = a === b ? `2·${a}` : `${a} + ${b}`;
  const exact = (n + a + b - fe) / s;
  if (ceil) {
    let out = Math.ceil(exact) + 1;
    if ((out - 1) * s >= n + a) out--;
    return { out, arithmetic: `⌈(${n} + ${padText} − ${fe}) / ${s}⌉ + 1 = ${out}` };
  }
  const out = Math.floor(exact) + 1;
  const rounded = exact + 1 === out ? `${out}` : `${trim(exact + 1)} → ${out}`;
  return { out, arithmetic: `(${n} + ${padText} − ${fe}) / ${s} + 1 = ${rounded}` };
}

const trim = (x: number) => String(Math.round(x * 100) / 100);

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

/** Read a padding parameter: a word from `words`, a non-negative integer, or four of them. */
export function asPadding(v: ParamValue, words: readonly string[] = ['valid', 'same']): Padding | undefined {
  if (typeof v === 'string' && words.includes(v)) return v as 'valid' | 'same';
  if (Array.isArray(v)) return v.length === 4 && v.every(isCount) ? (v as unknown as [number, number, number, number]) : undefined;
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  return isCount(n) ? n : undefined;
}

/** `[[top, bottom], [left, right]]` of a padding, or "same". */
export function padPairs(p: Padding): 'same' | [[number, number], [number, number]] {
  if (p === 'same') return 'same';
  if (p === 'valid') return [[0, 0], [0, 0]];
  if (typeof p === 'number') return [[p, p], [p, p]];
  return [[p[0], p[1]], [p[2], p[3]]];
}

/** Read a size parameter: `5` → `[5, 5]`, `[5, 3]` → `[5, 3]`. */
export function asSize(v: ParamValue): [number, number] | undefined {
  if (typeof v === 'number') return Number.isInteger(v) && v >= 1 ? [v, v] : undefined;
  if (Array.isArray(v) && v.length === 2 && v.every((x) => Number.isInteger(x) && x >= 1)) return [v[0]!, v[1]!];
  return undefined;
}

/** `5×5` for 5, `5×3` for [5, 3]. */
export const sizeText = (v: ParamValue): string => {
  const s = asSize(v);
  return s ? `${s[0]}×${s[1]}` : String(v);
};

/** Padding on each side that keeps the size at stride 1: `(F − 1) / 2` for odd F. */
export const samePadding = (f: number, dilation = 1): number => Math.floor((dilation * (f - 1)) / 2);
