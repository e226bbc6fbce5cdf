/**
 * The one formula of convolution and pooling arithmetic, `(N + 2P − F) / S + 1`, with the
 * text that explains it. Every windowed layer (Conv2D, MaxPool2D, AvgPool2D) calls this.
 */
import type { ParamValue } from './types';

export type Padding = 'valid' | 'same' | number;

export interface Length {
  /** The output length; ≤ 0 when the window does not fit. */
  out: number;
  /** The arithmetic as the lecture writes it, e.g. `(28 + 2·0 − 5) / 1 + 1 = 24`. */
  arithmetic: string;
}

/**
 * Output length of a window of size `f` sliding over `n` with stride `s`.
 * `outputLength(227, 11, 4, 'valid')` → `{ out: 55, arithmetic: '(227 + 2·0 − 11) / 4 + 1 = 55' }`.
 * "same" is TensorFlow's: ⌈N / S⌉, padding as needed. An explicit P is PyTorch's: both sides.
 */
export function outputLength(n: number, f: number, s: number, padding: Padding, dilation = 1): Length {
  if (padding === 'same') {
    const out = Math.ceil(n / s);
    return { out, arithmetic: `⌈${n} / ${s}⌉ = ${out}` };
  }
  const p = padding === 'valid' ? 0 : padding;
  const fe = dilation * (f - 1) + 1;
  const exact = (n + 2 * p - fe) / s + 1;
  const out = Math.floor(exact);
  const fText = dilation === 1 ? `${f}` : `${fe}`;
  const rounded = exact === out ? `${out}` : `${trim(exact)} → ${out}`;
  return { out, arithmetic: `(${n} + 2·${p} − ${fText}) / ${s} + 1 = ${rounded}` };
}

const trim = (x: number) => String(Math.round(x * 100) / 100);

/** Read a padding parameter: `'same'`, `'valid'` or a non-negative integer. */
export function asPadding(v: ParamValue): Padding | undefined {
  if (v === 'same' || v === 'valid') return v;
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  return Number.isInteger(n) && n >= 0 ? n : undefined;
}

/** Padding on each side that keeps the size at stride 1: `(F − 1) / 2` for odd F. */
export const samePadding = (f: number, dilation = 1): number => Math.floor((dilation * (f - 1)) / 2);
