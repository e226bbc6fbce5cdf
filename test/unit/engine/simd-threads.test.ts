/**
 * The SIMD kernels split across threads on the threaded wasm build: the parts of a large enough
 * call run on helper threads and add up to what the reference `cpu` backend computes.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { pickBackend } from '../../../electron/engine/backend';
import { simdKernels } from '../../../electron/engine/simd/simd-kernels';
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
});
