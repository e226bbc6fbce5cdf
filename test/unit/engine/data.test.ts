/**
 * Engine-neutral data: synthetic images, fitting images to the Input (pad, resize, channels),
 * batches (normalisation, augmentation), image folders decoded with sharp (and cached), and
 * the preview of a dataset.
 */
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { channelStats, makeBatch, unitScale } from '../../../node/engine/loop/batches';
import { fitSubset, planFit } from '../../../node/engine/data/fit';
import { loadDataset, datasetSize } from '../../../node/engine/data/load';
import { previewDataset } from '../../../node/engine/data/preview';
import { arraySubset, classCounts, type Subset } from '../../../node/engine/data/subset';
import { syntheticPool } from '../../../node/engine/data/synthetic';
import { pickBackend } from '../../../node/engine/backend/choose';

beforeAll(async () => {
  await pickBackend('cpu');
});

const read = (s: Subset, i: number, size: number) => {
  const out = new Uint8Array(size);
  s.read(i, out, 0);
  return out;
};

/** A folder of PNG and JPEG images: `classes` sub-folders of `per` images each, plus a broken file. */
async function imageFolder(classes: string[], per: number): Promise<string> {
  const root = mkdtempSync(join(tmpdir(), 'netwright-folder-'));
  for (const [k, name] of classes.entries()) {
    mkdirSync(join(root, name));
    for (let i = 0; i < per; i++) {
      const colour = { r: k === 0 ? 200 : 20, g: k === 1 ? 200 : 20, b: 40 + i };
      const image = sharp({ create: { width: 40 + i, height: 30, channels: 3, background: colour } });
      const ext = i % 2 ? 'jpg' : 'png';
      writeFileSync(join(root, name, `img${i}.${ext}`), await (ext === 'png' ? image.png() : image.jpeg()).toBuffer());
    }
  }
  writeFileSync(join(root, classes[0]!, 'broken.png'), 'not an image');
  writeFileSync(join(root, classes[0]!, 'notes.txt'), 'ignored');
  return root;
}

describe('synthetic images', () => {
  it('are the same for the same index, at any size and channel count, with balanced classes', () => {
    const pool = syntheticPool(20, 12, 7, 2);
    expect(pool.shape).toEqual([20, 12, 2]);
    expect(pool.all.count).toBe(3500);
    expect(classCounts(pool.all, 7)).toEqual(new Array(7).fill(500));
    expect(read(pool.all, 41, 480)).toEqual(read(pool.all, 41, 480));
    expect(read(pool.all, 41, 480)).not.toEqual(read(pool.all, 42, 480));
    expect(pool.classNames.slice(0, 6)).toEqual(['disc, solid', 'square, solid', 'triangle, solid', 'ring, solid', 'cross, solid', 'disc, stripes across']);
  });

  it('are fast to make, even at 224×224×3', () => {
    const pool = syntheticPool(224, 224, 10, 3);
    const out = new Uint8Array(224 * 224 * 3);
    for (let i = 0; i < 8; i++) pool.all.read(i, out, 0);
    expect(out.reduce((a, b) => Math.max(a, b), 0)).toBeGreaterThan(100);
  });
});

describe('fitting images to the Input', () => {
  it('pads a slightly smaller image, resizes others', () => {
    expect(planFit([28, 28, 1], [32, 32, 1])).toEqual({ how: 'pad', top: 2, left: 2 });
    expect(planFit([28, 28, 1], [224, 224, 3])).toEqual({ how: 'resize' });
    expect(planFit([64, 64, 3], [32, 32, 3])).toEqual({ how: 'resize' });
    expect(planFit([32, 32, 3], [32, 32, 3])).toEqual({ how: 'same' });
  });

  it('pads with black, keeping every pixel, and copies grey to RGB', () => {
    const pixels = Uint8Array.from({ length: 4 }, (_, i) => 10 * (i + 1)); // one 2×2 grey image
    const { subset, note } = fitSubset(arraySubset(pixels, Uint8Array.of(0), 4), [2, 2, 1], [4, 4, 3], 'Tiny');
    expect(note).toBe('Tiny images are 2×2×1 and the Input is 4×4×3: resized to 4×4 (bilinear), grey copied to 3 channels.');
    const big = fitSubset(arraySubset(new Uint8Array(64).fill(9), Uint8Array.of(0), 64), [8, 8, 1], [10, 10, 1], 'Eight');
    expect(big.note).toBe('Eight images are 8×8×1 and the Input is 10×10×1: padded with 1 black pixels on each side.');
    const out = read(big.subset, 0, 100);
    expect(out[0]).toBe(0);
    expect(out[11]).toBe(9);
    expect(out.reduce((a, b) => a + b, 0)).toBe(64 * 9);
    expect(subset.count).toBe(1);
  });

  it('averages RGB to grey, and refuses channels it cannot convert', () => {
    const rgb = arraySubset(Uint8Array.of(255, 0, 0), Uint8Array.of(0), 3);
    expect(Array.from(read(fitSubset(rgb, [1, 1, 3], [1, 1, 1], 'Red').subset, 0, 1))).toEqual([76]);
    expect(() => fitSubset(rgb, [1, 1, 2], [1, 1, 3], 'Odd')).toThrow('Odd images have 2 channels and the Input has 3; set the Input to 2 channels.');
  });
});

describe('batches', () => {
  const pixels = Uint8Array.from({ length: 2 * 2 * 3 * 2 }, (_, i) => i * 10);
  const s = arraySubset(pixels, Uint8Array.of(1, 0), 12);
  const recipe = { shape: [2, 2, 3] as [number, number, number], classes: 3, ...unitScale(3) };

  it('scales pixels to 0..1 and one-hot encodes labels, in the given order', () => {
    const { xs, ys } = makeBatch(s, [1, 0], recipe);
    expect(xs.shape).toEqual([2, 2, 2, 3]);
    expect(Array.from(xs.dataSync().slice(0, 2))).toEqual([120 / 255, 130 / 255].map((v) => Math.fround(v)));
    expect(Array.from(ys.dataSync())).toEqual([1, 0, 0, 0, 1, 0]);
    tf.dispose([xs, ys]);
  });

  it('standardises per channel with the training set’s statistics', () => {
    const stats = channelStats(s, recipe.shape);
    const { xs, ys } = makeBatch(s, [0, 1], { ...recipe, ...stats });
    const values = Array.from(xs.dataSync());
    for (let c = 0; c < 3; c++) {
      const channel = values.filter((_, i) => i % 3 === c);
      const mean = channel.reduce((a, b) => a + b, 0) / channel.length;
      const variance = channel.reduce((a, b) => a + (b - mean) ** 2, 0) / channel.length;
      expect(mean).toBeCloseTo(0, 5);
      expect(variance).toBeCloseTo(1, 4);
    }
    tf.dispose([xs, ys]);
  });

  it('flips left to right and shifts within a black border', () => {
    const line = arraySubset(Uint8Array.of(10, 20, 30), Uint8Array.of(0), 3); // one 1×3 grey image
    const r = { shape: [1, 3, 1] as [number, number, number], classes: 1, mean: [0], std: [1 / 255] };
    const flipped = makeBatch(line, [0], r, { flip: true, crop: 0 }, () => 0); // rand 0 < 0.5: flip
    expect(Array.from(flipped.xs.dataSync())).toEqual([30, 20, 10]);
    const draws = [0.5, 0]; // rows: no shift; columns: −1
    const shifted = makeBatch(line, [0], r, { flip: false, crop: 1 }, () => draws.shift()!);
    expect(Array.from(shifted.xs.dataSync())).toEqual([0, 10, 20]);
    tf.dispose([flipped.xs, flipped.ys, shifted.xs, shifted.ys]);
  });
});

describe('image folders', () => {
  it('decode with sharp to the Input size, skip what is not an image, split by seed, and cache', async () => {
    const root = await imageFolder(['cats', 'dogs', 'owls'], 6);
    const cacheDir = mkdtempSync(join(tmpdir(), 'netwright-cache-'));
    const options = { seed: 3, validationSplit: 0.25, input: [16, 16, 3] as [number, number, number], cacheDir };
    const data = await loadDataset(root, options);
    expect(data.classNames).toEqual(['cats', 'dogs', 'owls']);
    expect(data.train.count + data.val.count).toBe(18);
    expect(data.val.count).toBe(5);
    expect(data.notes[0]).toBe(`${root}: decoded 18 images in 3 classes to 16×16×3 with sharp (resized to cover, centred).`);
    expect(data.notes[1]).toMatch(/^Skipped 1 file that could not be decoded, e\.g\. .*broken\.png/);
    // A cats image is red, a dogs image green.
    const i = Array.from(data.train.labels).indexOf(0);
    const pixel = read(data.train, i, 16 * 16 * 3).slice(0, 3);
    expect(pixel[0]).toBeGreaterThan(150);
    expect(pixel[1]).toBeLessThan(60);
    expect(readdirSync(join(cacheDir, 'folders')).filter((f) => f.endsWith('.bin'))).toHaveLength(1);
    const again = await loadDataset(root, options);
    expect(again.notes[0]).toMatch(/18 images, 16×16×3, from the cache\.$/);
    expect(again.val.labels).toEqual(data.val.labels);
    expect(await datasetSize(root, 0.25)).toEqual({ train: 14, val: 5 });
  });

  it('explain what is wrong with a folder', async () => {
    await expect(loadDataset('/no/such/folder', { seed: 1, validationSplit: 0.2, input: [8, 8, 3] })).rejects.toThrow('The dataset folder /no/such/folder does not exist.');
    const flat = mkdtempSync(join(tmpdir(), 'netwright-flat-'));
    mkdirSync(join(flat, 'only'));
    await expect(loadDataset(flat, { seed: 1, validationSplit: 0.2, input: [8, 8, 3] })).rejects.toThrow(/needs one sub-folder per class \(at least 2\); it has 1/);
  });
});

describe('previewDataset', () => {
  it('gives labelled PNG thumbnails, classes in turn', async () => {
    const p = await previewDataset('synthetic:100:4:3', 6);
    expect(p).toMatchObject({ title: 'synthetic 100×100×3, 4 classes', shape: [100, 100, 3], total: 2000 });
    expect(p.samples.map((s) => s.label)).toEqual([0, 1, 2, 3, 0, 1]);
    expect(p.samples[0]).toMatchObject({ className: 'disc, solid', width: 64, height: 64, png: expect.stringMatching(/^data:image\/png;base64,/) });
    const mnist = await previewDataset('mnist', 3);
    expect(mnist.samples.map((s) => [s.width, s.height])).toEqual([[28, 28], [28, 28], [28, 28]]);
  });

  it('previews an image folder', async () => {
    const root = await imageFolder(['a', 'b'], 2);
    const p = await previewDataset(root, 4);
    expect(p.classNames).toEqual(['a', 'b']);
    expect(p.samples.map((s) => s.className)).toEqual(['a', 'b', 'a', 'b']);
  });
});
