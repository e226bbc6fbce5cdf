/** Helpers for comparing a backend's results with the reference `cpu` backend. */
import * as tf from '@tensorflow/tfjs';

/** Deterministic values in [-1, 1) (mulberry32), so a failure reproduces. */
export function values(count: number, seed: number): Float32Array {
  let a = seed >>> 0;
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    out[i] = (((t ^ (t >>> 14)) >>> 0) / 4294967296) * 2 - 1;
  }
  return out;
}

/** max |a − b| / max(max |b|, 1e-6): the error measure of every comparison (≤ 1e-5 passes). */
export function relativeError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < b.length; i++) {
    diff = Math.max(diff, Math.abs(a[i]! - b[i]!));
    scale = Math.max(scale, Math.abs(b[i]!));
  }
  return diff / Math.max(scale, 1e-6);
}

/**
 * Each case run on the `cpu` backend and then on `wasm` (`run(c, index)` gives the result, or
 * several by name); the cases whose error exceeds 1e-5, as "case: error" lines (none: []).
 */
export async function wasmAgainstCpu<C>(cases: C[], run: (c: C, index: number) => ArrayLike<number> | Record<string, ArrayLike<number>>): Promise<string[]> {
  const named = (r: ArrayLike<number> | Record<string, ArrayLike<number>>): Record<string, ArrayLike<number>> => ('length' in r ? { '': r as ArrayLike<number> } : r);
  const failures: string[] = [];
  for (const [index, c] of cases.entries()) {
    await tf.setBackend('cpu');
    const want = named(run(c, index));
    await tf.setBackend('wasm');
    const got = named(run(c, index));
    const errors = Object.entries(want).map(([name, w]) => [name, relativeError(got[name]!, w)] as const);
    if (errors.some(([, e]) => !(e <= 1e-5))) failures.push(`${JSON.stringify(c)}: ${errors.map(([name, e]) => `${name ? `${name} ` : ''}${e.toExponential(2)}`).join(', ')}`);
  }
  return failures;
}
