/**
 * The wasm backend's convolution gradients against the reference `cpu` backend, on a grid of
 * sizes, kernels, strides, paddings and channel counts: with Netwright's kernels (the filter
 * gradient in SIMD, directly or, for 3×3 stride-1 ones with 8+ input channels, by Winograd's
 * F(2×2, 3×3)) and without them (the filter gradient as an XNNPACK convolution). Error
 * measure, per gradient: max |wasm − cpu| / max(max |cpu|, 1e-6) ≤ 1e-5.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { pickBackend } from '../../../node/engine/backend/choose';
import { simdKernels } from '../../../node/engine/backend/simd/simd-kernels';
import { registerWasmKernels } from '../../../node/engine/backend/wasm-kernels';
import { relativeError, values, wasmAgainstCpu } from './compare';
import { simdFor } from './simdFor';

type Pad = 'valid' | 'same' | number;
interface Case { h: number; w: number; k: number; s: number; pad: Pad; ci: number; co: number; n: number }

const outLength = (n: number, k: number, s: number, pad: Pad) =>
  pad === 'same' ? Math.ceil(n / s) : Math.floor((n + 2 * (pad === 'valid' ? 0 : pad) - k) / s) + 1;

/** dL/dx and dL/dW of L = Σ conv2d(x, W) ⊙ r on the current backend, with r fixed random weights. */
function gradients(c: Case, seed: number): { dx: Float32Array; dw: Float32Array } {
  return tf.tidy(() => {
    const x = tf.tensor4d(values(c.n * c.h * c.w * c.ci, seed), [c.n, c.h, c.w, c.ci]);
    const f = tf.tensor4d(values(c.k * c.k * c.ci * c.co, seed + 1), [c.k, c.k, c.ci, c.co]);
    const ho = outLength(c.h, c.k, c.s, c.pad);
    const wo = outLength(c.w, c.k, c.s, c.pad);
    const r = tf.tensor4d(values(c.n * ho * wo * c.co, seed + 2), [c.n, ho, wo, c.co]);
    const [dx, dw] = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, c.s, c.pad).mul(r).sum())([x, f]);
    return { dx: dx!.dataSync() as Float32Array, dw: dw!.dataSync() as Float32Array };
  });
}

function grid(): Case[] {
  const cases: Case[] = [];
  const sizes: [number, number][] = [[5, 5], [8, 8], [7, 11], [12, 9]];
  // Channel counts that reach every tile of the SIMD kernel and its tails (ci 4 + 1; co 8 + 4, and
  // co padded to a multiple of 4 from 1, 6 or 7).
  const channels: [number, number][] = [[1, 1], [3, 4], [2, 8], [5, 6], [4, 12], [6, 7]];
  let i = 0;
  for (const [h, w] of sizes)
    for (const k of [1, 3, 5])
      for (const s of [1, 2, 3])
        for (const pad of ['valid', 'same', 1, 2] as Pad[]) {
          if (outLength(h, k, s, pad) <= 0 || outLength(w, k, s, pad) <= 0) continue;
          const [ci, co] = channels[i++ % channels.length]!;
          cases.push({ h, w, k, s, pad, ci, co, n: 1 + (i % 3) });
        }
  return cases;
}

describe('Conv2DBackpropFilter on wasm', () => {
  beforeAll(async () => {
    expect(await pickBackend('wasm')).toBe('wasm');
  });

  it('is registered for the wasm backend', () => {
    expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')).toBeDefined();
  });

  it("runs the SIMD kernel on the backend's own memory", () => {
    expect(simdKernels(tf.backend())).toBeDefined();
    registerWasmKernels(false);
    expect(simdKernels(tf.backend())).toBeUndefined();
    registerWasmKernels(true);
  });

  it.each([true, false])('matches the cpu backend (filter and input gradients) on a grid of shapes (SIMD kernels: %s)', async (fast) => {
    registerWasmKernels(fast);
    onTestFinished(() => registerWasmKernels(true));
    const cases = grid();
    expect(cases.length).toBeGreaterThan(100);
    expect(await wasmAgainstCpu(cases, (c, index) => gradients(c, index * 7 + 1))).toEqual([]);
  });

  it('runs 3×3 stride-1 filter gradients with 8+ input channels in vectors of 4 as Winograd F(2×2, 3×3): odd outputs, every padding', async () => {
    const kernelRuns = simdFor(true)!;
    const cases: Case[] = [];
    for (const [h, w] of [[5, 5], [8, 8], [7, 11], [12, 9]] as const)
      for (const pad of ['valid', 'same', 1, 2] as Pad[])
        for (const [ci, co] of [[8, 4], [12, 8], [16, 12]] as const) cases.push({ h, w, k: 3, s: 1, pad, ci, co, n: 1 + (cases.length % 3) });
    expect(await wasmAgainstCpu(cases, (c, index) => gradients(c, index * 5 + 3))).toEqual([]);
    expect(kernelRuns.mock.calls.filter(([name]) => name === 'winograd_filter_grad').length).toBe(cases.length);
    expect(kernelRuns.mock.calls.filter(([name]) => name === 'conv2d_filter_grad')).toEqual([]);
  });

  it('leaves no tensors behind', () => {
    const before = tf.memory().numTensors;
    gradients({ h: 9, w: 9, k: 3, s: 2, pad: 'same', ci: 2, co: 3, n: 2 }, 5);
    expect(tf.memory().numTensors).toBe(before);
  });
});
