/**
 * The engine-neutral form of a dataset: samples as 8-bit pixels (height × width × channels per
 * image, row-major) and a class per sample. A subset reads one sample at a time, so that a
 * dataset can live in memory, be generated on demand (synthetic) or be adapted lazily.
 */
import { permutation, seededRandom } from './random';

/** [height, width, channels] of one image. */
export type ImageShape = [number, number, number];

export interface Subset {
  count: number;
  /** The class of each sample, 0 … classes − 1. */
  labels: Uint8Array;
  /** Write sample `i`'s pixels (0..255, HWC) into `out` from `offset` on. */
  read(i: number, out: Uint8Array, offset: number): void;
}

/** All samples of a source, before the train/validation split. */
export interface Pool {
  /** "MNIST", "synthetic 32×32×3, 10 classes", … */
  title: string;
  shape: ImageShape;
  classNames: string[];
  all: Subset;
  /**
   * The source's own validation part (CIFAR's test files), kept apart from `all`: when present,
   * it is validated on instead of a share split off `all`.
   */
  heldOut?: Subset;
  /** Lines worth telling the user (e.g. "decoded 1,204 images, 3 skipped"). */
  notes: string[];
}

/** A dataset ready to train on: the pool split, both parts in the Input's shape. */
export interface Dataset {
  title: string;
  shape: ImageShape;
  classNames: string[];
  train: Subset;
  val: Subset;
  notes: string[];
}

export const imageSize = (shape: ImageShape) => shape[0] * shape[1] * shape[2];

/** Samples kept in one byte array: `arraySubset(pixels, labels, 28 * 28)`. */
export function arraySubset(pixels: Uint8Array, labels: Uint8Array, pixelsPerImage: number): Subset {
  return {
    count: labels.length,
    labels,
    read: (i, out, offset) => out.set(pixels.subarray(i * pixelsPerImage, (i + 1) * pixelsPerImage), offset),
  };
}

/** The samples `indices` of a subset, in that order (no pixels are copied). */
export function pickSubset(s: Subset, indices: Uint32Array): Subset {
  const labels = new Uint8Array(indices.length);
  indices.forEach((i, k) => (labels[k] = s.labels[i]!));
  return { count: indices.length, labels, read: (i, out, offset) => s.read(indices[i]!, out, offset) };
}

/** The first `limit` samples of a subset. */
export function limitSubset(s: Subset, limit: number): Subset {
  if (limit >= s.count) return s;
  return { count: limit, labels: s.labels.subarray(0, limit), read: s.read };
}

/** How many of `total` samples a validation share holds out: `validationCount(10_000, 0.2)` → 2,000 (at least 1, never all). */
export const validationCount = (total: number, validationSplit: number) => Math.min(total - 1, Math.max(1, Math.round(total * validationSplit)));

/**
 * A seeded split: the pool shuffled with `seed`, the last `validationSplit` share for
 * validation (at least one sample each side). The same seed gives the same split:
 * `splitPool(mnist.all, 1, 0.2)` → 8,000 / 2,000 digits.
 */
export function splitPool(all: Subset, seed: number, validationSplit: number): { train: Subset; val: Subset } {
  if (all.count < 2) throw new Error(`The dataset has ${all.count} sample${all.count === 1 ? '' : 's'}; training needs at least 2.`);
  const order = permutation(all.count, seededRandom(seed));
  const valCount = validationCount(all.count, validationSplit);
  const trainCount = all.count - valCount;
  return { train: pickSubset(all, order.subarray(0, trainCount)), val: pickSubset(all, order.subarray(trainCount)) };
}

/**
 * A source's own split (CIFAR's training and test files): the training part shuffled with
 * `seed`, and for validation as many test samples as `validationSplit` of both parts would hold
 * out, all of them when that is more (CIFAR-10 at 0.2: 12,000 → the 10,000 test images), a
 * seeded sample otherwise. `heldOutSize` gives the counts without the samples.
 */
export function splitHeldOut(train: Subset, test: Subset, seed: number, validationSplit: number): { train: Subset; val: Subset } {
  const sizes = heldOutSize(train.count, test.count, validationSplit);
  if (train.count < 1 || test.count < 1) throw new Error(`The dataset has ${train.count} training and ${test.count} test samples; training needs at least 1 of each.`);
  const order = permutation(test.count, seededRandom(seed + 1)).subarray(0, sizes.val);
  return { train: pickSubset(train, permutation(train.count, seededRandom(seed))), val: pickSubset(test, order) };
}

/** `heldOutSize(50_000, 10_000, 0.1)` → `{ train: 50_000, val: 6_000 }`. */
export const heldOutSize = (train: number, test: number, validationSplit: number) => ({ train, val: Math.min(test, Math.max(1, Math.round((train + test) * validationSplit))) });

/** How many samples of each class a subset holds. */
export function classCounts(s: Subset, classes: number): number[] {
  const counts = new Array<number>(classes).fill(0);
  for (const l of s.labels) counts[l] = (counts[l] ?? 0) + 1;
  return counts;
}
