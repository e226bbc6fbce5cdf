/**
 * Padding arithmetic that targets need spelled out: TensorFlow's "same" as pixels per side (for
 * PyTorch), and the extra bottom/right pixels of PyTorch's ceil mode (for Keras, tfjs and the
 * engine, which compiles to tfjs).
 */
import { asPadding, asSize, outputLength, padPairs } from './arith';
import type { ParamValue } from './types';

export type Pairs = [[number, number], [number, number]];

/**
 * TensorFlow's "same" along one axis: total = max((⌈n/s⌉ − 1)·s + k_eff − n, 0), the odd pixel
 * after. At stride 1 the length does not matter: `samePads(undefined, 3, 1)` → [1, 1];
 * `samePads(224, 7, 2)` → [2, 3]; `samePads(undefined, 3, 2)` → undefined.
 */
export function samePads(n: number | undefined, k: number, s: number, d = 1): [number, number] | undefined {
  const ke = d * (k - 1) + 1;
  if (s !== 1 && n === undefined) return undefined;
  const total = s === 1 ? ke - 1 : Math.max((Math.ceil(n! / s) - 1) * s + ke - n!, 0);
  return [Math.floor(total / 2), total - Math.floor(total / 2)];
}

/**
 * The padding of a window layer as pixels `[[top, bottom], [left, right]]`, "same" worked out
 * where it can be (`hw` is the input's height and width, when known); undefined when "same"
 * depends on a size not known here.
 */
export function windowPairs(padding: ParamValue, kernel: ParamValue, stride: ParamValue, dilation: number, hw?: readonly number[]): Pairs | undefined {
  const pad = asPadding(padding)!;
  if (pad !== 'same') return padPairs(pad) as Pairs;
  const k = asSize(kernel)!;
  const s = asSize(stride)!;
  const rows = samePads(hw?.[0], k[0], s[0], dilation);
  const cols = samePads(hw?.[1], k[1], s[1], dilation);
  return rows && cols ? [rows, cols] : undefined;
}

/**
 * Ceil mode as extra bottom/right padding for targets without it, as the tfjs engine does:
 * `ceilPairs([[0, 0], [0, 0]], [112, 112], 3, 2)` → [[0, 1], [0, 1]].
 */
export function ceilPairs(pairs: Pairs, hw: readonly number[], size: ParamValue, stride: ParamValue): Pairs {
  const k = asSize(size)!;
  const s = asSize(stride)!;
  return pairs.map(([a, b], i) => {
    const n = hw[i]!;
    const out = outputLength(n, k[i]!, s[i]!, [a, b], 1, true).out;
    return [a, b + Math.max(0, (out - 1) * s[i]! + k[i]! - (n + a + b))];
  }) as Pairs;
}

/** Explicit padding (ZeroPadding2D's) as pixels: `paddingPairs(1)` → [[1, 1], [1, 1]], `paddingPairs([1, 0, 0, 1])` → [[1, 0], [0, 1]]. */
export const paddingPairs = (padding: ParamValue): Pairs => padPairs(asPadding(padding, [])!) as Pairs;

export const isZero = (p: Pairs) => p.flat().every((x) => x === 0);
export const isSymmetric = (p: Pairs) => p[0][0] === p[0][1] && p[1][0] === p[1][1];
