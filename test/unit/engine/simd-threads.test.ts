/**
 * The SIMD kernels split across threads on the threaded wasm build: the parts of a large enough
 * call run on helper threads and add up to what the reference `cpu` backend computes.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import { pickBackend } from '../../../node/engine/backend/choose';
import { simdKernels } from '../../../node/engine/backend/simd/simd-kernels';
import { relativeError, values } from './compare';

interface Case { n: number; h: number; ci: number; co: number; k: number; s: number; pad: 'same' | 'valid' }

/** dL/dW and dL/dx of L = Σ conv2d(x, W) ⊙ r on the current backend. */
function gradients(c: Case) {
  return tf.tidy(() => {
    const x = tf.tensor4d(values(c.n * c.h * c.h * c.ci, 1), [c.n, c.h, c.h, c.ci]);
    const w = tf.tensor4d(values(c.k * c.k * c.ci * c.co, 2), [c.k, c.k, c.ci, c.co]);
    const y = tf.conv2d(x, w, c.s, c.pad);
    const r = tf.tensor(values(y.size, 3), y.shape);
    const [dx, dw] = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, c.s, c.pad).mul(r).sum())([x, w]);
    return { dx: dx!.dataSync() as Float32Array, dw: dw!.dataSync() as Float32Array };
  });
}

describe('SIMD kernels on two threads', () => {
  beforeAll(async () => {
    expect(await pickBackend('wasm', { threads: 2 })).toBe('wasm');
  });

  it('share their calls between two threads', () => {
    expect(simdKernels(tf.backend())?.parts).toBe(2);
  });

  // Each above the 4 M multiply-accumulates from which a call is split; odd batches split unevenly.
  it.each<Case>([
    { n: 9, h: 16, ci: 16, co: 16, k: 3, s: 1, pad: 'same' },
    { n: 9, h: 40, ci: 6, co: 10, k: 5, s: 2, pad: 'valid' },
    { n: 5, h: 48, ci: 32, co: 8, k: 3, s: 2, pad: 'same' },
  ])('give the gradients cpu gives, and leave no tensors behind: %o', async (c) => {
    await tf.setBackend('cpu');
    const want = gradients(c);
    await tf.setBackend('wasm');
    const before = tf.memory().numTensors;
    const got = gradients(c);
    expect(tf.memory().numTensors).toBe(before);
    expect(relativeError(got.dw, want.dw)).toBeLessThanOrEqual(1e-5);
    expect(relativeError(got.dx, want.dx)).toBeLessThanOrEqual(1e-5);
  });

  it('split a Winograd convolution by batch items, each part with scratch of its own', async () => {
    const kernelRuns = vi.spyOn(simdKernels(tf.backend())!, 'run');
    onTestFinished(() => kernelRuns.mockRestore());
    // 9 × 15×15 × 3·3·16·16: 4.7 M multiply-accumulates; odd sides make the last tiles overlap.
    const run = () => tf.tidy(() => tf.conv2d(tf.tensor4d(values(9 * 15 * 15 * 16, 7), [9, 15, 15, 16]), tf.tensor4d(values(9 * 16 * 16, 8), [3, 3, 16, 16]), 1, 'same').dataSync() as Float32Array);
    await tf.setBackend('cpu');
    const want = run();
    await tf.setBackend('wasm');
    expect(relativeError(run(), want)).toBeLessThanOrEqual(1e-5);
    const [lists] = kernelRuns.mock.calls.find(([name]) => name === 'winograd_conv3x3')!.slice(1) as [number[][]];
    expect(lists.length).toBeGreaterThan(1);
    expect(new Set(lists.map((args) => args[3])).size).toBe(lists.length);
  });

  it('split a matrix product by rows (multiples of 4) and give what cpu gives: fused with bias and relu, and transposed', async () => {
    const kernelRuns = vi.spyOn(simdKernels(tf.backend())!, 'run');
    onTestFinished(() => kernelRuns.mockRestore());
    // 131×300×150 and 150×131×300: 5.9 M multiply-adds each, above the split; 131 rows leave a tail of 3.
    const [m, k, n] = [131, 300, 150];
    const run = () =>
      tf.tidy(() => {
        const a = tf.tensor(values(m * k, 4), [m, k]);
        const b = tf.tensor(values(k * n, 5), [k, n]);
        const fused = tf.fused.matMul({ a, b, bias: tf.tensor(values(n, 6), [n]), activation: 'relu' });
        const transposed = tf.matMul(a, fused, true, false);
        return [fused.dataSync() as Float32Array, transposed.dataSync() as Float32Array];
      });
    await tf.setBackend('cpu');
    const want = run();
    await tf.setBackend('wasm');
    const before = tf.memory().numTensors;
    const got = run();
    expect(tf.memory().numTensors).toBe(before);
    got.forEach((g, i) => expect(relativeError(g, want[i]!)).toBeLessThanOrEqual(1e-5));
    const calls = kernelRuns.mock.calls.filter(([name]) => name === 'matmul');
    expect(calls.length).toBe(2);
    for (const [, lists] of calls) {
      expect(lists.length).toBeGreaterThan(1);
      expect(lists.every(([, , , , m0]) => m0! % 4 === 0)).toBe(true);
    }
  });
});
