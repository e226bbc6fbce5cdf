/** The replaced wasm kernels (BatchMatMul and _FusedMatMul, pool gradients, Identity, Tanh, Slice, PadV2) against cpu or a reference. */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import { pickBackend } from '../../../node/engine/backend/choose';
import { simdKernels } from '../../../node/engine/backend/simd/simd-kernels';
import { relativeError, values } from './compare';
import { simdFor } from './simdFor';

beforeAll(async () => {
  expect(await pickBackend('wasm')).toBe('wasm');
});

describe('wasm BatchMatMul', () => {
  it.each([true, false])('(SIMD kernels: %s) matches cpu for every transpose combination, batched or not', async (simd) => {
    const kernelRuns = simdFor(simd);
    const failures: string[] = [];
    for (const [m, k, n] of [[1, 1, 1], [3, 5, 2], [32, 400, 120], [17, 9, 33], [32, 120, 84], [5, 84, 10], [1, 400, 120]] as [number, number, number][])
      for (const batch of [[], [1], [3]])
        for (const ta of [false, true])
          for (const tb of [false, true]) {
            const run = () =>
              tf.tidy(() => {
                const a = tf.tensor(values(m * k * (batch[0] ?? 1), m + k), [...batch, ...(ta ? [k, m] : [m, k])]);
                const b = tf.tensor(values(k * n * (batch[0] ?? 1), k + n + 7), [...batch, ...(tb ? [n, k] : [k, n])]);
                return tf.matMul(a, b, ta, tb);
              });
            await tf.setBackend('cpu');
            const want = run();
            await tf.setBackend('wasm');
            const got = run();
            const err = relativeError(got.dataSync(), want.dataSync());
            if (!(err <= 1e-5) || got.shape.join() !== want.shape.join()) failures.push(`${m}×${k}×${n} batch ${batch} tA ${ta} tB ${tb}: ${err}`);
            tf.dispose([got, want]);
          }
    expect(failures).toEqual([]);
    // Every unbatched product (batch [] or [1]) ran the kernel: 7 sizes × 2 × 4 transposes.
    if (kernelRuns) expect(kernelRuns.mock.calls.filter(([name]) => name === 'matmul').length).toBe(7 * 2 * 4);
  });
});

describe('wasm _FusedMatMul', () => {
  it.each([true, false])('(SIMD kernels: %s) matches cpu with a bias, relu, relu6 or none, any transposes, tail columns and rows, and sizes from 1 row to 130', async (simd) => {
    const kernelRuns = simdFor(simd);
    const failures: string[] = [];
    const sizes: [number, number, number][] = [[1, 400, 120], [3, 120, 84], [32, 400, 120], [32, 120, 84], [32, 84, 10], [7, 13, 3], [6, 5, 1], [130, 300, 150]];
    const biases = (n: number): (number[] | undefined)[] => [undefined, [n], [1], [1, n]];
    let i = 0;
    let covered = 0;
    for (const [m, k, n] of sizes)
      for (const activation of ['linear', 'relu', 'relu6', 'elu'] as const)
        for (const biasShape of biases(n))
          for (const [ta, tb] of [[false, false], [true, false], [false, true], [true, true]]) {
          i++;
          const run = () =>
            tf.tidy(() => {
              const a = tf.tensor(values(m * k, m + k + i), ta ? [k, m] : [m, k]);
              // Values around ±8, so that relu6 clips some.
              const b = tf.tensor(values(k * n, k + n + i), tb ? [n, k] : [k, n]).mul(8 / Math.sqrt(k));
              const bias = biasShape && tf.tensor(values(biasShape.reduce((x, y) => x * y, 1), i + 3), biasShape);
              return tf.fused.matMul({ a, b, transposeA: ta, transposeB: tb, bias, activation });
            });
          await tf.setBackend('cpu');
          const want = run();
          await tf.setBackend('wasm');
          let got: tf.Tensor;
          try {
            got = run();
          } catch (e) {
            // The stock kernel takes only a rank-1 bias; what it refuses stays refused.
            if (biasShape?.length === 2) continue;
            throw e;
          }
          if (activation !== 'elu' && biasShape?.length !== 2) covered++;
          const err = relativeError(got.dataSync(), want.dataSync());
          if (!(err <= 1e-5) || got.shape.join() !== want.shape.join()) failures.push(`${m}×${k}×${n} ${activation} bias ${biasShape} tA ${ta} tB ${tb}: ${err}`);
          tf.dispose([got, want]);
        }
    expect(failures).toEqual([]);
    if (kernelRuns) {
      const calls = kernelRuns.mock.calls.filter(([name]) => name === 'matmul');
      // Every linear, relu and relu6 product with no bias or a rank-1 one (rank 2 ones too, when the kernel took them).
      expect(calls.length).toBeGreaterThanOrEqual(covered);
    }
  });
});

describe('wasm AvgPoolGrad and MaxPoolGrad', () => {
  it.each([
    ['avgPool', true],
    ['avgPool', false],
    ['maxPool', true],
    ['maxPool', false],
  ] as const)('%s (SIMD kernels: %s): matches cpu for tiling windows (the fast path) and any other pool, ties included', async (op, simd) => {
    const kernelRuns = simdFor(simd);
    const failures: string[] = [];
    let i = 0;
    for (const [h, w] of [[4, 4], [7, 5], [28, 28], [9, 12]] as [number, number][])
      for (const [size, stride] of [[2, 2], [3, 3], [[2, 3], [2, 3]], [3, 2], [2, 1]] as [number | [number, number], number | [number, number]][])
        for (const pad of ['valid', 'same'] as const) {
          const c = 1 + (i++ % 3);
          const run = () =>
            tf.tidy(() => {
              const x = tf.tensor4d(values(2 * h * w * c, i), [2, h, w, c]);
              // Ties, as after a ReLU: the first maximum of a window gets the gradient.
              const input = op === 'maxPool' ? tf.relu(tf.round(x.mul(2))) : x;
              const shape = tf[op](input as tf.Tensor4D, size, stride, pad).shape;
              const r = tf.tensor(values(shape.reduce((a, b) => a * b, 1), i + 9), shape);
              return tf.grad((a: tf.Tensor) => tf[op](a as tf.Tensor4D, size, stride, pad).mul(r).sum())(input as tf.Tensor4D);
            });
          await tf.setBackend('cpu');
          const want = run();
          await tf.setBackend('wasm');
          const got = run();
          const err = relativeError(got.dataSync(), want.dataSync());
          if (!(err <= 1e-5)) failures.push(`${op} ${h}×${w}×${c} pool ${size} stride ${stride} ${pad}: ${err}`);
          tf.dispose([got, want]);
        }
    expect(failures).toEqual([]);
    if (kernelRuns) expect(kernelRuns.mock.calls.some(([name]) => name === (op === 'maxPool' ? 'max_pool_grad' : 'avg_pool_grad_tiles'))).toBe(true);
  });

  it('maxPool: overlapping windows match a float64 reference (the stock wasm kernel does not)', () => {
    const [n, h, w, c] = [2, 7, 5, 2];
    const xv = values(n * h * w * c, 3);
    const [ho, wo] = [h - 1, w - 1];
    const rv = values(n * ho * wo * c, 12);
    const want = new Float64Array(n * h * w * c);
    for (let b = 0; b < n; b++)
      for (let i = 0; i < ho; i++)
        for (let j = 0; j < wo; j++)
          for (let k = 0; k < c; k++) {
            let best = -Infinity;
            let at = -1;
            for (let a = 0; a < 2; a++)
              for (let e = 0; e < 2; e++) {
                const idx = ((b * h + i + a) * w + j + e) * c + k;
                if (xv[idx]! > best) [best, at] = [xv[idx]!, idx];
              }
            want[at]! += rv[((b * ho + i) * wo + j) * c + k]!;
          }
    const got = tf.tidy(() => {
      const r = tf.tensor4d(rv, [n, ho, wo, c]);
      return tf.grad((a: tf.Tensor) => tf.maxPool(a as tf.Tensor4D, 2, 1, 'valid').mul(r).sum())(tf.tensor4d(xv, [n, h, w, c]));
    });
    expect(relativeError(got.dataSync(), want)).toBeLessThanOrEqual(1e-6);
    got.dispose();
  });
});

describe('wasm Identity', () => {
  it('shares memory yet keeps each tensor alive on its own, leaving nothing behind', () => {
    const before = tf.memory().numTensors;
    const bytes = tf.memory().numBytes;
    const x = tf.tensor([1, 2, 3]);
    const y = tf.clone(x);
    x.dispose();
    expect(Array.from(y.dataSync())).toEqual([1, 2, 3]);
    const v = tf.variable(y);
    y.dispose();
    const next = tf.tensor([4, 5, 6]);
    v.assign(next);
    next.dispose();
    expect(Array.from(v.dataSync())).toEqual([4, 5, 6]);
    v.dispose();
    expect(tf.memory().numTensors).toBe(before);
    expect(tf.memory().numBytes).toBe(bytes);
  });
});

describe('wasm Cast', () => {
  it('to the same dtype shares memory, each tensor alive on its own; to another dtype it converts', () => {
    const before = tf.memory().numTensors;
    const bytes = tf.memory().numBytes;
    const x = tf.tensor([1.5, -2, 0]);
    const backend = tf.backend() as unknown as { dataIdMap: { get(id: object): { memoryOffset: number } } };
    const y = tf.cast(x, 'float32');
    expect(backend.dataIdMap.get(y.dataId).memoryOffset).toBe(backend.dataIdMap.get(x.dataId).memoryOffset);
    x.dispose();
    expect(Array.from(y.dataSync())).toEqual([1.5, -2, 0]);
    const z = tf.cast(y, 'int32');
    expect(z.dtype).toBe('int32');
    expect(Array.from(z.dataSync())).toEqual([1, -2, 0]);
    tf.dispose([y, z]);
    expect(tf.memory().numTensors).toBe(before);
    expect(tf.memory().numBytes).toBe(bytes);
  });
});

describe('wasm Tanh', () => {
  it('is within 2e-7 of tanh over the whole range, ±0 and the saturated tails included, and leaves nothing behind', () => {
    const xs = Float32Array.from([...Array.from({ length: 4001 }, (_, i) => (i - 2000) / 100), 0, -0, 1e-30, -1e-30, 88, -88, 1e4, -1e4]);
    const before = tf.memory().numTensors;
    const got = tf.tidy(() => tf.tanh(tf.tensor(xs)).dataSync());
    const worst = Math.max(...Array.from(xs, (x, i) => Math.abs(got[i]! - Math.tanh(x))));
    expect(worst).toBeLessThanOrEqual(2e-7);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('wasm Slice', () => {
  it('copies the same box as cpu at every rank from 1 to 4, through the SIMD kernel, and int32 and rank 5 as before', async () => {
    const kernelRuns = vi.spyOn(simdKernels(tf.backend())!, 'run');
    onTestFinished(() => kernelRuns.mockRestore());
    const cases: [number[], number[], number[]][] = [
      [[10], [3], [5]],
      [[4, 7], [1, 2], [2, -1]],
      [[3, 5, 6], [0, 1, 0], [3, 3, 6]],
      [[2, 34, 34, 16], [0, 1, 1, 0], [2, 32, 32, 16]], // a padded activation cropped: whole rows
      [[3, 9, 8, 6], [1, 2, 3, 1], [2, 5, 4, 4]], // a channel range: one copy per pixel
      [[2, 3, 4, 5, 6], [0, 1, 1, 1, 2], [2, 2, 2, 3, 3]],
    ];
    const failures: string[] = [];
    for (const dtype of ['float32', 'int32'] as const)
      for (const [shape, begin, size] of cases) {
        const run = () => tf.tidy(() => tf.slice(tf.tensor(values(shape.reduce((a, b) => a * b, 1), shape.length), shape, dtype), begin, size));
        await tf.setBackend('cpu');
        const want = run();
        await tf.setBackend('wasm');
        const got = run();
        if (got.shape.join() !== want.shape.join() || got.dtype !== want.dtype || got.dataSync().some((v, i) => v !== want.dataSync()[i])) failures.push(`${dtype} ${shape} from ${begin} size ${size}`);
        tf.dispose([got, want]);
      }
    expect(failures).toEqual([]);
    expect(kernelRuns.mock.calls.filter(([name]) => name === 'slice4d').length).toBe(5);
  });
});

describe('wasm PadV2', () => {
  it('pads like cpu at every rank, through the SIMD kernel once unpadded last axes are merged (rank ≤ 4), and int32 as before', async () => {
    const kernelRuns = vi.spyOn(simdKernels(tf.backend())!, 'run');
    onTestFinished(() => kernelRuns.mockRestore());
    const cases: [number[], [number, number][], number][] = [
      [[10], [[3, 0]], 0],
      [[4, 7], [[1, 2], [0, 5]], -1.5],
      [[3, 5, 6], [[0, 0], [2, 1], [0, 0]], 0],
      [[2, 28, 28, 6], [[0, 0], [0, 0], [0, 0], [0, 2]], 0], // LeNet-5's C1 gradient to 8 channels: whole vectors
      [[2, 5, 5, 6], [[0, 0], [0, 0], [0, 0], [0, 1]], 0], // to 7 channels: short runs
      [[2, 16, 16, 32], [[0, 0], [1, 1], [1, 1], [0, 0]], 0], // an activation padded for a convolution: long runs
      [[3, 2, 4, 20], [[1, 2], [2, 0], [0, 3], [5, 17]], 2.5], // every axis, runs of each length
      [[2, 28, 28, 1], [[0, 0], [2, 2], [2, 2], [0, 0]], 0], // a 1-channel image: whole image rows
      [[2, 3, 2, 2, 3], [[0, 0], [1, 0], [0, 1], [0, 0], [0, 0]], 1], // rank 5, as rank 3
      [[2, 3, 2, 2, 3], [[0, 0], [1, 0], [0, 1], [0, 0], [1, 1]], 0],
    ];
    const failures: string[] = [];
    for (const dtype of ['float32', 'int32'] as const)
      for (const [shape, paddings, value] of cases) {
        const run = () => tf.tidy(() => tf.pad(tf.tensor(values(shape.reduce((a, b) => a * b, 1), shape.length), shape, dtype), paddings, value));
        await tf.setBackend('cpu');
        const want = run();
        await tf.setBackend('wasm');
        const got = run();
        if (got.shape.join() !== want.shape.join() || got.dtype !== want.dtype || got.dataSync().some((v, i) => v !== want.dataSync()[i])) failures.push(`${dtype} ${shape} padded ${JSON.stringify(paddings)} with ${value}`);
        tf.dispose([got, want]);
      }
    expect(failures).toEqual([]);
    const runs = (kernel: string) => kernelRuns.mock.calls.filter(([name]) => name === kernel).length;
    expect([runs('pad4d'), runs('pad_channels')]).toEqual([8, 1]);
  });
});
