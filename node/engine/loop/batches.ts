/**
 * Batches as tensors: samples gathered in a given order, augmented (random horizontal flip,
 * random shift within a black border — "random crop with padding"), normalised (pixels to
 * 0..1, or standardised per channel with the training set's mean and deviation), labels one-hot.
 */
import * as tf from '@tensorflow/tfjs';
import { imageSize, type ImageShape, type Subset } from '../data/subset';

export interface Augmentation {
  /** Mirror half the images left to right. */
  flip: boolean;
  /** Shift each image by up to this many pixels each way, filling with black (0 = off). */
  crop: number;
}

export interface BatchRecipe {
  shape: ImageShape;
  classes: number;
  /** Per channel: x = (pixel / 255 − mean) / std. */
  mean: number[];
  std: number[];
}

/** Per-channel mean and deviation of pixels / 255 over (up to) the first 2,000 samples. */
export function channelStats(s: Subset, shape: ImageShape, samples = 2000): { mean: number[]; std: number[] } {
  const c = shape[2];
  const n = Math.min(samples, s.count);
  const per = imageSize(shape);
  const bytes = new Uint8Array(per);
  const sum = new Float64Array(c);
  const sq = new Float64Array(c);
  for (let i = 0; i < n; i++) {
    s.read(i, bytes, 0);
    for (let j = 0; j < per; j++) {
      const v = bytes[j]! / 255;
      sum[j % c]! += v;
      sq[j % c]! += v * v;
    }
  }
  const count = Math.max(1, n * (per / c));
  const mean = Array.from(sum, (x) => x / count);
  const std = Array.from(sq, (x, k) => Math.max(Math.sqrt(Math.max(x / count - mean[k]! ** 2, 0)), 1e-3));
  return { mean, std };
}

/** Pixels to 0..1 (mean 0, std 1 per channel). */
export const unitScale = (channels: number) => ({ mean: new Array<number>(channels).fill(0), std: new Array<number>(channels).fill(1) });

/**
 * `makeBatch(train, order.subarray(0, 32), recipe, { flip: true, crop: 4 }, rand)` → images
 * `[n, h, w, c]` and one-hot labels `[n, classes]`; the caller disposes them.
 */
export function makeBatch(s: Subset, indices: ArrayLike<number>, recipe: BatchRecipe, augment?: Augmentation, rand?: () => number): { xs: tf.Tensor4D; ys: tf.Tensor2D } {
  const [h, w, c] = recipe.shape;
  const n = indices.length;
  const per = h * w * c;
  const bytes = new Uint8Array(per);
  const images = new Float32Array(n * per);
  const oneHot = new Float32Array(n * recipe.classes);
  const scale = recipe.std.map((sd) => 1 / (255 * sd));
  const shift = recipe.mean.map((m, k) => -m / recipe.std[k]!);
  const random = rand ?? Math.random;
  for (let k = 0; k < n; k++) {
    const i = indices[k]!;
    s.read(i, bytes, 0);
    oneHot[k * recipe.classes + s.labels[i]!] = 1;
    const flip = augment?.flip === true && random() < 0.5;
    const p = augment?.crop ?? 0;
    const dy = p > 0 ? Math.floor(random() * (2 * p + 1)) - p : 0;
    const dx = p > 0 ? Math.floor(random() * (2 * p + 1)) - p : 0;
    const base = k * per;
    if (!flip && dy === 0 && dx === 0) {
      for (let j = 0; j < per; j++) images[base + j] = bytes[j]! * scale[j % c]! + shift[j % c]!;
      continue;
    }
    for (let y = 0; y < h; y++) {
      const sy = y + dy;
      for (let x = 0; x < w; x++) {
        const sx = (flip ? w - 1 - x : x) + dx;
        const inside = sy >= 0 && sy < h && sx >= 0 && sx < w;
        const o = base + (y * w + x) * c;
        for (let ch = 0; ch < c; ch++) images[o + ch] = (inside ? bytes[(sy * w + sx) * c + ch]! : 0) * scale[ch]! + shift[ch]!;
      }
    }
  }
  return { xs: tf.tensor4d(images, [n, h, w, c]), ys: tf.tensor2d(oneHot, [n, recipe.classes]) };
}
