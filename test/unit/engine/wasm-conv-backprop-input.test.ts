/**
 * The wasm backend's convolution input gradient (our transposed-convolution kernel) against the
 * reference `cpu` backend: strides that differ per axis, paddings wider than the kernel, and the
 * shapes a forward window leaves pixels out; for strided kernels both forms (the SIMD kernel, and
 * zero insertion when the SIMD kernels are off), and at stride 1 the filter turned both ways, and
 * the Winograd convolution where the forward has 8 or more output channels. Error: max |wasm − cpu| /
 * max |cpu| ≤ 1e-5.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { pickBackend } from '../../../node/engine/backend/choose';
import { registerWasmKernels } from '../../../node/engine/backend/wasm-kernels';
import { relativeError, values, wasmAgainstCpu } from './compare';
import { simdFor } from './simdFor';

type Pad = 'valid' | 'same' | [[number, number], [number, number]];
interface Case { h: number; w: number; kh: number; kw: number; s: [number, number]; pad: Pad; ci: number; co: number; n: number }

const padOf = (pad: Pad) => (Array.isArray(pad) ? [[0, 0], ...pad, [0, 0]] as [number, number][] : pad);

/** dL/dx of L = Σ conv2d(x, W) ⊙ r on the current backend (the filter is a constant). */
function inputGradient(c: Case, seed: number): Float32Array {
  const dx = tf.tidy(() => {
    const x = tf.tensor4d(values(c.n * c.h * c.w * c.ci, seed), [c.n, c.h, c.w, c.ci]);
    const f = tf.tensor4d(values(c.kh * c.kw * c.ci * c.co, seed + 1), [c.kh, c.kw, c.ci, c.co]);
    const shape = tf.conv2d(x, f, c.s, padOf(c.pad) as never).shape;
    const r = tf.tensor4d(values(shape.reduce((a, b) => a * b, 1), seed + 2), shape);
    return tf.grad((a: tf.Tensor) => tf.conv2d(a as tf.Tensor4D, f, c.s, padOf(c.pad) as never).mul(r).sum())(x);
  });
  const out = dx.dataSync() as Float32Array;
  dx.dispose();
  return out;
}

function grid(): Case[] {
  const cases: Case[] = [];
  let i = 0;
  for (const [h, w] of [[6, 6], [9, 7], [13, 10]] as const)
    for (const [kh, kw] of [[1, 1], [3, 3], [5, 3], [2, 4]] as const)
      for (const s of [[1, 1], [2, 2], [3, 1], [2, 3]] as [number, number][])
        for (const pad of ['valid', 'same', [[1, 1], [0, 2]], [[3, 0], [2, 2]]] as Pad[]) {
          const [ci, co] = ([[1, 2], [3, 4], [4, 1], [9, 3]] as const)[i++ % 4]!;
          const c = { h, w, kh, kw, s, pad, ci, co, n: 1 + (i % 2) };
          const ph = Array.isArray(pad) ? pad[0][0] + pad[0][1] : 0;
          const pw = Array.isArray(pad) ? pad[1][0] + pad[1][1] : 0;
          if (pad !== 'same' && (h + ph < kh || w + pw < kw)) continue;
          cases.push(c);
        }
  return cases;
}

describe('Conv2DBackpropInput on wasm', () => {
  beforeAll(async () => {
    expect(await pickBackend('wasm')).toBe('wasm');
  });

  it('replaces the stock kernel, and agrees with it', () => {
    const c: Case = { h: 8, w: 7, kh: 3, kw: 3, s: [2, 1], pad: 'same', ci: 3, co: 5, n: 2 };
    registerWasmKernels(false);
    const stockKernel = tf.getKernel('Conv2DBackpropInput', 'wasm')!.kernelFunc;
    const stock = inputGradient(c, 9);
    registerWasmKernels(true);
    expect(tf.getKernel('Conv2DBackpropInput', 'wasm')!.kernelFunc).not.toBe(stockKernel);
    expect(relativeError(inputGradient(c, 9), stock)).toBeLessThanOrEqual(1e-5);
  });

  it.each([true, false])('matches the cpu backend on a grid of sizes, kernels, strides and paddings (SIMD kernels: %s)', async (simd) => {
    const kernelRuns = simdFor(simd);
    const cases = grid();
    expect(cases.length).toBeGreaterThan(150);
    expect(await wasmAgainstCpu(cases, (c, index) => inputGradient(c, index * 5 + 3))).toEqual([]);
    // Every strided case ran the SIMD kernel; every other one turned its filter with the SIMD module.
    const strided = cases.filter((c) => c.s.some((s) => s > 1)).length;
    if (kernelRuns) expect(kernelRuns.mock.calls.filter(([name]) => name === 'conv2d_input_grad').length).toBe(strided);
    if (kernelRuns) expect(kernelRuns.mock.calls.filter(([name]) => name === 'turn_filter').length).toBe(cases.length - strided);
  });

  it('runs the stride-1 input gradients of 3×3 convolutions with 8+ output channels as Winograd convolutions, odd sizes and every padding included', async () => {
    const kernelRuns = simdFor(true)!;
    const cases: Case[] = [];
    for (const [h, w] of [[6, 6], [9, 7], [13, 10]] as const)
      for (const pad of ['valid', 'same', [[1, 1], [0, 2]], [[3, 0], [2, 2]]] as Pad[])
        for (const [ci, co] of [[3, 8], [5, 12]] as const) cases.push({ h, w, kh: 3, kw: 3, s: [1, 1], pad, ci, co, n: 1 + (cases.length % 2) });
    expect(await wasmAgainstCpu(cases, (c, index) => inputGradient(c, index * 5 + 4))).toEqual([]);
    // The input gradient is a convolution from the forward's 8 or 12 output channels: Winograd's;
    // the forward, from 3 or 5 channels, is not.
    expect(kernelRuns.mock.calls.filter(([name]) => name === 'winograd_conv3x3').length).toBe(cases.length);
  });

  it('leaves no tensors behind', () => {
    const before = tf.memory().numTensors;
    inputGradient({ h: 9, w: 8, kh: 3, kw: 2, s: [2, 3], pad: [[3, 0], [2, 2]], ci: 2, co: 3, n: 2 }, 5);
    expect(tf.memory().numTensors).toBe(before);
  });
});
