/** MNIST from the `mnist` package: 10,000 real digits, split 8,000 / 2,000 by a seed. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { batchTensors, limitSubset, loadMnist, parseDataArray, PIXELS } from '../../../electron/engine/mnist';

describe('loadMnist', () => {
  it('splits the 10,000 digits into 8,000 for training and 2,000 for validation', async () => {
    const { train, val } = await loadMnist(1);
    expect([train.count, val.count]).toEqual([8000, 2000]);
    expect(train.images).toHaveLength(8000 * PIXELS);
    expect(val.labels).toHaveLength(2000);
    // Every class is present in both parts, and pixels are grey levels 0..1.
    for (const part of [train, val]) expect(new Set(part.labels).size).toBe(10);
    expect(Math.min(...train.images.subarray(0, 100 * PIXELS))).toBe(0);
    expect(Math.max(...train.images.subarray(0, 100 * PIXELS))).toBeLessThanOrEqual(1);
  });

  it('gives the same split for the same seed and a different one for another seed', async () => {
    const [a, b, c] = await Promise.all([loadMnist(7), loadMnist(7), loadMnist(8)]);
    expect(a.val.labels).toEqual(b.val.labels);
    expect(a.train.images.subarray(0, PIXELS)).toEqual(b.train.images.subarray(0, PIXELS));
    expect(a.val.labels).not.toEqual(c.val.labels);
  });

  it('reads the package files exactly as JSON.parse does', () => {
    const root = dirname(createRequire(import.meta.url).resolve('mnist/package.json'));
    const bytes = readFileSync(join(root, 'src', 'digits', '3.json'));
    const expected = Float32Array.from((JSON.parse(bytes.toString('utf8')) as { data: number[] }).data);
    const parsed = parseDataArray(bytes);
    expect(parsed.length).toBe(expected.length);
    // A plain loop: a deep equality over 800,000 numbers takes seconds.
    let differing = 0;
    for (let i = 0; i < expected.length; i++) if (parsed[i] !== expected[i]) differing++;
    expect(differing).toBe(0);
  });
});

describe('batchTensors', () => {
  it('makes images [n, 28, 28, 1] and one-hot labels [n, 10], in the given order', async () => {
    const { val } = await loadMnist(1);
    const order = Uint32Array.from([5, 3]);
    const { xs, ys } = batchTensors(val, 0, 2, order);
    expect(xs.shape).toEqual([2, 28, 28, 1]);
    expect(Array.from(tf.argMax(ys, 1).dataSync())).toEqual([val.labels[5], val.labels[3]]);
    expect(xs.dataSync().subarray(PIXELS, 2 * PIXELS)).toEqual(val.images.subarray(3 * PIXELS, 4 * PIXELS));
    tf.dispose([xs, ys]);
    expect(limitSubset(val, 100).count).toBe(100);
  });
});
