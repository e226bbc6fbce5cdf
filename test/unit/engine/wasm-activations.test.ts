/** ReLU and tanh on wasm (wasm-activations.ts), forward and gradient, with the SIMD kernels on and off, against cpu. */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import { pickBackend } from '../../../node/engine/backend/choose';
import { enableSimdKernels, simdKernels } from '../../../node/engine/backend/simd/simd-kernels';
import { registerWasmKernels } from '../../../node/engine/backend/wasm-kernels';
import { values } from './compare';

beforeAll(async () => {
  expect(await pickBackend('wasm')).toBe('wasm');
});

/** Values that test the edges first (zeros, tiny, large, infinite, NaN), then values in [-3, 3). */
function inputs(n: number, seed: number): Float32Array {
  const edges = [0, -0, 1e-30, -1e-30, 1e-40, -1e-40, 1e-8, -0.17, 0.35, 20, -20, 100, -100, Infinity, -Infinity, NaN, 9, -9.5];
  return Float32Array.from(values(n, seed), (v, i) => (i < edges.length ? edges[i]! : 3 * v));
}

/** The worst |a − b| / max(1, |b|), where NaN must meet NaN (and −0 −0 in `signedZero`). */
function worst(a: Float32Array, b: Float32Array, signedZero = false): number {
  if (a.length !== b.length) return Infinity;
  let err = 0;
  for (let i = 0; i < b.length; i++) {
    if (Number.isNaN(b[i]!) || Number.isNaN(a[i]!)) {
      if (!(Number.isNaN(b[i]!) && Number.isNaN(a[i]!))) return Infinity;
    } else if (signedZero && b[i] === 0 && !Object.is(a[i], b[i])) return Infinity;
    else if (a[i] !== b[i]) err = Math.max(err, Math.abs(a[i]! - b[i]!) / Math.max(1, Math.abs(b[i]!)));
  }
  return err;
}

/** f(x) and d/dx Σ f(x)·r on the current backend. */
function forwardAndGradient(fn: 'relu' | 'tanh', n: number) {
  return tf.tidy(() => {
    const x = tf.tensor(inputs(n, n), [n]);
    const r = tf.tensor(values(n, n + 1), [n]);
    const y = tf[fn](x).dataSync() as Float32Array;
    const dx = tf.grad((a: tf.Tensor) => tf[fn](a).mul(r).sum())(x).dataSync() as Float32Array;
    return { y, dx };
  });
}

describe('wasm Relu and Tanh', () => {
  it.each([
    ['relu', true],
    ['relu', false],
    ['tanh', true],
    ['tanh', false],
  ] as const)('%s (SIMD kernels: %s): values and gradients match cpu for odd sizes and edge values, leaving nothing behind', async (fn, simd) => {
    const kernels = simdKernels(tf.backend())!;
    const kernelRuns = vi.spyOn(kernels, 'run');
    enableSimdKernels(simd);
    onTestFinished(() => {
      enableSimdKernels(true);
      kernelRuns.mockRestore();
    });
    const failures: string[] = [];
    for (const n of [1, 5, 7, 18, 33, 100_003]) {
      await tf.setBackend('cpu');
      const want = forwardAndGradient(fn, Math.max(n, 1));
      await tf.setBackend('wasm');
      const before = tf.memory().numTensors;
      const got = forwardAndGradient(fn, Math.max(n, 1));
      if (tf.memory().numTensors !== before) failures.push(`${n}: tensors left behind`);
      // ReLU is exact; tanh within 2e-7 (cpu's is the float64 tanh), and its gradient follows.
      // −0 stays −0 through tanh as on cpu (the 2·σ(2x) − 1 without the SIMD kernels gives 0).
      const yErr = worst(got.y, want.y, simd || fn === 'relu');
      const dxErr = worst(got.dx, want.dx);
      if (!(yErr <= (fn === 'relu' ? 0 : 2e-7))) failures.push(`${fn} ${n}: values off by ${yErr}`);
      if (!(dxErr <= (fn === 'relu' ? 0 : 1e-6))) failures.push(`${fn} ${n}: gradient off by ${dxErr}`);
    }
    expect(failures).toEqual([]);
    const ran = new Set(kernelRuns.mock.calls.map(([name]) => name));
    expect([ran.has(fn), ran.has(`${fn}_grad`)]).toEqual([simd, simd]);
  });

  it('tanh saturates to ±1 and keeps NaN, ±0 and tiny values (relative error near 0)', () => {
    const xs = [0, -0, 1e-38, -1e-38, 1e-6, -3e-4, 0.17, 9, -9, 10, -10, 20, -20, 88, -88, 1e30, -1e30, Infinity, -Infinity, NaN];
    const got = tf.tidy(() => tf.tanh(tf.tensor(xs)).dataSync());
    xs.forEach((x, i) => {
      const want = Math.tanh(x);
      if (Number.isNaN(x)) expect(got[i]).toBeNaN();
      else if (x === 0) expect(Object.is(got[i], x)).toBe(true);
      else if (Math.abs(x) >= 10) expect(got[i]).toBe(Math.sign(x));
      else expect(Math.abs(got[i]! - want) / Math.abs(want)).toBeLessThanOrEqual(2e-7);
    });
  });

  it('reach the SIMD kernels from tfjs-layers (Activation, Dense and Conv2D with relu or tanh), also after registering again', () => {
    registerWasmKernels();
    registerWasmKernels();
    const kernelRuns = vi.spyOn(simdKernels(tf.backend())!, 'run');
    onTestFinished(() => kernelRuns.mockRestore());
    tf.tidy(() => {
      const model = tf.sequential({
        layers: [
          tf.layers.conv2d({ inputShape: [6, 6, 2], filters: 3, kernelSize: 3, activation: 'tanh' }),
          tf.layers.activation({ activation: 'relu' }),
          tf.layers.flatten(),
          tf.layers.dense({ units: 5, activation: 'tanh' }),
          tf.layers.dense({ units: 4, activation: 'relu' }),
        ],
      });
      const x = tf.tensor4d(values(3 * 6 * 6 * 2, 5), [3, 6, 6, 2]);
      const { grads } = tf.variableGrads(() => (model.apply(x, { training: true }) as tf.Tensor).square().sum() as tf.Scalar);
      expect(Object.values(grads).every((g) => g.dataSync().every(Number.isFinite))).toBe(true);
      model.layers.forEach((layer) => layer.dispose());
    });
    const counts = (name: string) => kernelRuns.mock.calls.filter(([kernel]) => kernel === name).length;
    expect(['relu', 'relu_grad', 'tanh', 'tanh_grad'].map(counts)).toEqual([2, 2, 2, 2]);
  });

  it('registerWasmKernels(false) turns them off: tfjs kernels and gradients again', () => {
    const kernelRuns = vi.spyOn(simdKernels(tf.backend())!, 'run');
    registerWasmKernels(false);
    onTestFinished(() => {
      registerWasmKernels();
      kernelRuns.mockRestore();
    });
    const dx = tf.tidy(() => tf.grad((a: tf.Tensor) => tf.relu(a).add(tf.tanh(a)).sum())(tf.tensor([-1, 0.5, 2])).arraySync() as number[]);
    expect(dx.map((v) => Math.round(v * 1e6) / 1e6)).toEqual([0.419974, 1.786448, 1.070651]);
    expect(kernelRuns).not.toHaveBeenCalled();
  });

  it('have the second derivatives cpu has', async () => {
    const run = () =>
      tf.tidy(() => {
        const x = tf.tensor(values(37, 7), [37]);
        const d2 = (f: (a: tf.Tensor) => tf.Tensor) => tf.grad((a: tf.Tensor) => tf.grad((b: tf.Tensor) => f(b).mul(b).sum())(a).sum())(x).dataSync() as Float32Array;
        return [d2((a) => tf.relu(a)), d2((a) => tf.tanh(a))];
      });
    await tf.setBackend('cpu');
    const want = run();
    await tf.setBackend('wasm');
    const got = run();
    expect(worst(got[0]!, want[0]!)).toBe(0);
    expect(worst(got[1]!, want[1]!)).toBeLessThanOrEqual(1e-6);
  });
});
