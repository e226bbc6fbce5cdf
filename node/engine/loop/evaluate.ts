/**
 * Evaluating a model on a subset in inference mode (no dropout, BatchNorm's running statistics):
 * loss, accuracy, the confusion matrix, per-class accuracy, and a few samples to show —
 * mistakes first — with their predicted class and its probability.
 */
import * as tf from '@tensorflow/tfjs';
import { pngDataUrl } from '../data/preview';
import { imageSize, type Dataset, type ImageShape, type Subset } from '../data/subset';
import { makeBatch, type BatchRecipe } from './batches';
import type { Loss } from './step';

export interface Pick {
  index: number;
  label: number;
  predicted: number;
  confidence: number;
}

export interface EvalResult {
  loss: number;
  acc: number;
  /** `confusion[true][predicted]`: sample counts. */
  confusion: number[][];
  /** Per class: correct / samples, or null for a class without samples. */
  perClassAccuracy: (number | null)[];
  /** Up to `samples` picks: mistakes first, then correct ones, in subset order. */
  picks: Pick[];
}

export interface EvalOptions {
  /** Samples per forward pass. */
  batch: number;
  /** True when the network's output already is probabilities (it ends in a softmax). */
  probabilities: boolean;
  /** How many samples to pick for showing (default 8). */
  samples?: number;
  /** Where a batch comes from instead of the subset's images: the feature cache (feature-cache.ts), for `model` being its head. */
  batches?: (indices: ArrayLike<number>) => { xs: tf.Tensor; ys: tf.Tensor };
}

/** A forward-pass batch that keeps the input tensor near 64 MB, between the training batch and 500. */
export const evalBatchSize = (trainBatch: number, pixelsPerImage: number) => Math.max(trainBatch, Math.min(500, Math.floor(2 ** 24 / pixelsPerImage)));

/** `evaluateSubset(model, val, recipe, loss, { batch: 500, probabilities: true })`. */
export function evaluateSubset(model: tf.LayersModel, s: Subset, recipe: BatchRecipe, loss: Loss, options: EvalOptions): EvalResult {
  const classes = recipe.classes;
  const confusion = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  const mistakes: Pick[] = [];
  const right: Pick[] = [];
  const want = options.samples ?? 8;
  let lossSum = 0;
  let correct = 0;
  const all = Uint32Array.from({ length: s.count }, (_, i) => i);
  for (let start = 0; start < s.count; start += options.batch) {
    const end = Math.min(start + options.batch, s.count);
    const { xs, ys } = options.batches ? options.batches(all.subarray(start, end)) : makeBatch(s, all.subarray(start, end), recipe);
    const [l, predicted, confidence] = tf.tidy(() => {
      const out = model.predict(xs) as tf.Tensor;
      const probs = options.probabilities ? out : tf.softmax(out);
      return [loss(ys, out), tf.argMax(probs, -1), tf.max(probs, -1)];
    });
    const p = predicted!.dataSync();
    const c = confidence!.dataSync();
    lossSum += l!.dataSync()[0]! * (end - start);
    tf.dispose([xs, ys, l!, predicted!, confidence!]);
    for (let k = 0; k < end - start; k++) {
      const index = start + k;
      const label = s.labels[index]!;
      const guess = p[k]!;
      confusion[label]![guess]!++;
      if (guess === label) correct++;
      const pick = { index, label, predicted: guess, confidence: c[k]! };
      if (guess !== label && mistakes.length < want) mistakes.push(pick);
      else if (guess === label && right.length < want) right.push(pick);
    }
  }
  const perClassAccuracy = confusion.map((row, k) => {
    const n = row.reduce((a, b) => a + b, 0);
    return n === 0 ? null : row[k]! / n;
  });
  const nMistakes = Math.min(mistakes.length, Math.ceil(want / 2));
  const picks = [...mistakes.slice(0, nMistakes), ...right.slice(0, want - nMistakes)];
  if (picks.length < want) picks.push(...mistakes.slice(nMistakes, nMistakes + want - picks.length));
  return { loss: lossSum / Math.max(s.count, 1), acc: correct / Math.max(s.count, 1), confusion, perClassAccuracy, picks };
}

/** The evaluation event: confusion matrix, per-class accuracy and the picked samples as PNGs. */
export async function evaluationOf(epoch: number, val: EvalResult, data: Dataset, shape: ImageShape) {
  const pixels = new Uint8Array(imageSize(shape));
  const samples = [];
  for (const p of val.picks) {
    data.val.read(p.index, pixels, 0);
    samples.push({ label: p.label, predicted: p.predicted, confidence: p.confidence, png: (await pngDataUrl(pixels, shape)).png });
  }
  return { epoch, classNames: data.classNames, confusion: val.confusion, perClassAccuracy: val.perClassAccuracy, samples };
}
