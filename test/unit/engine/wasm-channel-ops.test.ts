/**
 * The wasm backend's per-channel kernels (node/engine/backend/wasm-channel-ops.ts) against the cpu
 * backend: sums and means over leading axes, a tensor with a per-channel vector on either side,
 * batch normalisation with and without γ and β, each with Netwright's SIMD kernels on and off;
 * that the fast paths run (as SIMD passes, or as XNNPACK's pooling and depthwise convolution),
 * and that they leave neither tensors nor wasm memory behind.
 */
import * as tf from '@tensorflow/tfjs';
import type { KernelConfig } from '@tensorflow/tfjs';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { pickBackend } from '../../../node/engine/backend/choose';
import { enableSimdKernels } from '../../../node/engine/backend/simd/simd-kernels';
import { relativeError, values } from './compare';
import { simdFor } from './simdFor';

beforeAll(async () => {
  expect(await pickBackend('wasm')).toBe('wasm');
});

/** `f` on cpu and on wasm, from the same deterministic inputs: [wasm, cpu] values and shapes. */
async function both(shapes: number[][], f: (...ts: tf.Tensor[]) => tf.Tensor) {
  const run = () =>
    tf.tidy(() => {
      const out = f(...shapes.map((s, i) => tf.tensor(values(s.reduce((a, b) => a * b, 1), 11 + i), s)));
      return { data: out.dataSync().slice(), shape: out.shape };
    });
  await tf.setBackend('cpu');
  const want = run();
  await tf.setBackend('wasm');
  return [run(), want] as const;
}

const BIG = [4, 16, 16, 8]; // above the size where the fast paths start

describe.each([true, false])('SIMD kernels: %s', (simd) => {
  beforeEach(() => enableSimdKernels(simd));
  afterEach(() => enableSimdKernels(true));

  describe('wasm Sum and Mean over leading axes', () => {
    it.each([
      ['sum', [0, 1, 2], false],
      ['sum', [2, 0, 1], true],
      ['mean', [-4, -3, -2], false],
      ['mean', [0], true],
      ['sum', [0, 1, 2, 3], false],
      ['mean', [1, 2], false], // not leading: the stock kernel
    ] as const)('%s over %j (keepDims %s) matches cpu', async (op, axes, keepDims) => {
      const [got, want] = await both([BIG], (x) => tf[op](x, [...axes], keepDims));
      expect(got.shape).toEqual(want.shape);
      expect(relativeError(got.data, want.data)).toBeLessThanOrEqual(1e-5);
    });

    it.each([
      [[1, 5000], [0]],
      [[5000, 1], [0]],
      [[1, 1, 64, 100], [0, 1]],
      [[100000], [0]],
    ])('matches cpu at the edges: %j over %j (one row, one column, everything)', async (shape, axes) => {
      const [got, want] = await both([shape], (x) => tf.sum(x, axes));
      expect(got.shape).toEqual(want.shape);
      expect(relativeError(got.data, want.data)).toBeLessThanOrEqual(1e-5);
    });

    it('matches cpu on a matrix (a Dense layer’s bias gradient), and with 6 channels (LeNet-5’s C1)', async () => {
      for (const shape of [[512, 24], [4, 16, 16, 6]]) {
        const [got, want] = await both([shape], (x) => tf.sum(x, shape.slice(0, -1).map((_, i) => i)));
        expect(relativeError(got.data, want.data)).toBeLessThanOrEqual(1e-5);
      }
    });
  });

  describe('wasm Add, Sub and Multiply with a per-channel vector', () => {
    const cases: [string, (x: tf.Tensor, v: tf.Tensor) => tf.Tensor][] = [
      ['x + v', (x, v) => tf.add(x, v)],
      ['v + x', (x, v) => tf.add(v, x)],
      ['x − v', (x, v) => tf.sub(x, v)],
      ['v − x', (x, v) => tf.sub(v, x)],
      ['x · v', (x, v) => tf.mul(x, v)],
      ['v · x', (x, v) => tf.mul(v, x)],
    ];
    for (const [xShape, vShape] of [[BIG, [8]], [BIG, [1, 1, 1, 8]], [BIG, [1, 8]], [[4, 16, 16, 6], [6]]])
      it.each(cases)(`%s, x of shape ${JSON.stringify(xShape)} and v of shape ${JSON.stringify(vShape)}, matches cpu`, async (_, f) => {
        const [got, want] = await both([xShape!, vShape!], f);
        expect(got.shape).toEqual(want.shape);
        expect(relativeError(got.data, want.data)).toBe(0);
      });

    it('leaves other broadcasts to the stock kernels, and they still match cpu', async () => {
      for (const [a, b] of [[BIG, [16, 8]], [BIG, [4, 1, 1, 8]], [[8], [8]], [BIG, []]]) {
        const [got, want] = await both([a!, b!], (x, y) => tf.sub(x, y));
        expect(got.shape).toEqual(want.shape);
        expect(relativeError(got.data, want.data)).toBe(0);
      }
    });
  });

  describe('wasm FusedBatchNorm', () => {
    it.each([true, false])('matches cpu with per-channel statistics (γ and β given: %s)', async (affine) => {
      const [got, want] = await both([BIG, [8], [8], [8], [8]], (x, m, v, g, b) => tf.batchNorm(x, m, tf.abs(v), affine ? b : undefined, affine ? g : undefined, 1e-3));
      expect(relativeError(got.data, want.data)).toBeLessThanOrEqual(1e-5);
    });
  });
});

describe('the fast paths', () => {
  const counted = new Map<string, KernelConfig>();
  const calls = new Map<string, number>();
  /** Count the calls of the wasm kernel `name` from now on. */
  function count(name: string) {
    const k = tf.getKernel(name, 'wasm')!;
    counted.set(name, k);
    calls.set(name, 0);
    tf.unregisterKernel(name, 'wasm');
    tf.registerKernel({ ...k, kernelFunc: (args) => (calls.set(name, calls.get(name)! + 1), k.kernelFunc(args)) });
  }
  afterEach(() => {
    for (const [name, k] of counted) {
      tf.unregisterKernel(name, 'wasm');
      tf.registerKernel(k);
    }
    counted.clear();
  });

  /** Two sums over leading axes and three per-channel affine maps (a bias, a scale, a batch norm). */
  const sumsAndAffineMaps = () =>
    tf.tidy(() => {
      const x = tf.ones(BIG);
      const v = tf.ones([8]);
      tf.sum(x, [0, 1, 2]);
      tf.mean(x, [0, 1]);
      tf.add(x, v);
      tf.mul(v, x);
      tf.batchNorm(x, v, v, v, v);
    });

  it('run as SIMD passes', () => {
    const kernelRuns = simdFor(true)!;
    sumsAndAffineMaps();
    const runs = (kernel: string) => kernelRuns.mock.calls.filter(([name]) => name === kernel).length;
    expect([runs('channel_sum'), runs('channel_scale_shift')]).toEqual([2, 3]);
  });

  it('run as XNNPACK average pools and depthwise convolutions without the SIMD kernels', () => {
    simdFor(false);
    count('AvgPool');
    count('FusedDepthwiseConv2D');
    sumsAndAffineMaps();
    expect(calls.get('AvgPool')).toBe(2);
    expect(calls.get('FusedDepthwiseConv2D')).toBe(3);
  });

  it('leave no tensors and no wasm memory behind', () => {
    const heap = () => (tf.backend() as unknown as { wasm: { HEAPU8: Uint8Array } }).wasm.HEAPU8.length;
    const x = tf.randomNormal([32, 32, 32, 16]);
    const v = tf.randomNormal([16]);
    const step = () =>
      tf.tidy(() => {
        tf.sum(x, [0, 1, 2]);
        tf.sub(v, x);
        tf.batchNorm(x, v, tf.abs(v), v, v);
      });
    step();
    const [tensors, bytes] = [tf.memory().numTensors, heap()];
    for (let i = 0; i < 300; i++) step(); // 300 × 6 MiB of results: a leak would grow the heap
    expect(tf.memory().numTensors).toBe(tensors);
    expect(heap()).toBe(bytes);
    tf.dispose([x, v]);
  });
});
