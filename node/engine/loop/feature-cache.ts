/**
 * Feature caching for fine-tuning: when the network's first part is fixed — every layer frozen
 * or without weights, no Dropout, up to one tensor that everything after it reads — and
 * augmentation is off, that part gives every image the same features in every epoch. So it runs
 * once per image (in the first epoch, as its batches come) and the rest of the network trains and
 * validates on the cached features from then on. Frozen BatchNorm runs in inference mode (fast-layers.ts), so
 * it is as fixed as a frozen convolution. This is what makes a ResNet's head trainable on a CPU.
 *
 * The head is the same layers (their weights shared) applied to a new Input of the features'
 * shape; the full model is what is saved.
 */
import * as tf from '@tensorflow/tfjs';
import type { Subset } from '../data/subset';
import { makeBatch, type BatchRecipe } from './batches';

/** Cached features may take at most this many bytes (beyond it, the run trains without a cache). */
export const FEATURE_CACHE_LIMIT = 1024 * 2 ** 20;

/** Layers whose output in training differs from call to call, so they are never cached. */
const RANDOM_IN_TRAINING = new Set(['Dropout', 'SpatialDropout2D', 'GaussianNoise', 'GaussianDropout', 'AlphaDropout']);

export interface FeatureSplit {
  /** The fixed first part: images → features. */
  extractor: tf.LayersModel;
  /** The rest, on the features (the full model's own layers). */
  head: tf.LayersModel;
  /** The layer whose output is cached, and the features' shape per image. */
  cut: string;
  shape: number[];
}

const inboundOf = (layer: tf.layers.Layer): tf.layers.Layer[] => (layer.inboundNodes[0]?.inboundLayers ?? []) as tf.layers.Layer[];

/**
 * Where `model` (its frozen layers already marked, model/trainable.ts) can be cut, or why not:
 * `splitFixedPart(model)` → `{ extractor, head, cut: 'avgpool', shape: [512] }`.
 */
export function splitFixedPart(model: tf.LayersModel): FeatureSplit | { reason: string } {
  const fixed = new Set<tf.layers.Layer>();
  let frozenWeights = false;
  for (const layer of model.layers) {
    const inputs = inboundOf(layer);
    const isInput = inputs.length === 0;
    const deterministic = !RANDOM_IN_TRAINING.has(layer.getClassName());
    const weightsFixed = layer.trainableWeights.length === 0;
    if (isInput || (deterministic && weightsFixed && inputs.every((l) => fixed.has(l)))) {
      fixed.add(layer);
      if (!isInput && layer.weights.length > 0) frozenWeights = true;
    }
  }
  if (!frozenWeights) return { reason: 'no frozen layer with weights starts the network' };
  // The fixed layers that a trained layer reads: exactly one may be, and it is the cut.
  const read = new Set<tf.layers.Layer>();
  for (const layer of model.layers) if (!fixed.has(layer)) for (const l of inboundOf(layer)) if (fixed.has(l)) read.add(l);
  if (read.size !== 1) return { reason: read.size === 0 ? 'every layer is fixed' : `the trained layers read ${read.size} tensors of the frozen part, not one` };
  const cut = [...read][0]!;
  const shape = (cut.outputShape as number[]).slice(1);
  const extractor = tf.model({ inputs: model.inputs, outputs: cut.output as tf.SymbolicTensor });
  const features = tf.input({ shape, name: `${cut.name}_features` });
  const outputs = new Map<tf.layers.Layer, tf.SymbolicTensor>([[cut, features]]);
  for (const layer of model.layers) {
    if (fixed.has(layer)) continue;
    const inputs = inboundOf(layer).map((l) => outputs.get(l)!);
    outputs.set(layer, layer.apply(inputs.length === 1 ? inputs[0]! : inputs) as tf.SymbolicTensor);
  }
  const out = model.outputLayers[0]!;
  return { extractor, head: tf.model({ inputs: features, outputs: outputs.get(out)! }), cut: cut.name, shape };
}

/**
 * The training images' features, computed on first use and kept: `cache.batch(indices)` gives
 * the features and one-hot labels of those samples (the caller disposes them), running the
 * extractor only on samples it has not seen.
 */
export class FeatureCache {
  private readonly size: number;
  private readonly store: Float32Array;
  private readonly have: Uint8Array;

  constructor(
    private readonly split: FeatureSplit,
    private readonly data: Subset,
    private readonly recipe: BatchRecipe,
  ) {
    this.size = split.shape.reduce((a, b) => a * b, 1);
    this.store = new Float32Array(data.count * this.size);
    this.have = new Uint8Array(data.count);
  }

  /** Bytes the cache holds for `count` samples of `shape`: whether it fits FEATURE_CACHE_LIMIT. */
  static bytes(shape: number[], count: number): number {
    return shape.reduce((a, b) => a * b, 1) * count * 4;
  }

  batch(indices: ArrayLike<number>): { xs: tf.Tensor; ys: tf.Tensor2D } {
    const missing = Array.from(indices).filter((i) => !this.have[i]);
    if (missing.length > 0) {
      const { xs, ys } = makeBatch(this.data, missing, this.recipe);
      // Training mode, as the whole network's training forward pass runs it: the same numbers,
      // on the training kernels (FastConv2D's plain convolution is the faster one on wasm). Frozen
      // BatchNorm normalises with its statistics either way, and no Dropout is in this part.
      const features = tf.tidy(() => this.split.extractor.apply(xs, { training: true }) as tf.Tensor);
      const values = features.dataSync();
      missing.forEach((i, k) => {
        this.store.set(values.subarray(k * this.size, (k + 1) * this.size), i * this.size);
        this.have[i] = 1;
      });
      tf.dispose([xs, ys, features]);
    }
    const n = indices.length;
    const out = new Float32Array(n * this.size);
    const oneHot = new Float32Array(n * this.recipe.classes);
    for (let k = 0; k < n; k++) {
      const i = indices[k]!;
      out.set(this.store.subarray(i * this.size, (i + 1) * this.size), k * this.size);
      oneHot[k * this.recipe.classes + this.data.labels[i]!] = 1;
    }
    return { xs: tf.tensor(out, [n, ...this.split.shape]), ys: tf.tensor2d(oneHot, [n, this.recipe.classes]) };
  }
}

/**
 * The caches for a run's training and validation images, or none with the reason in `note`
 * (no note when nothing is frozen): `const { cache, validation, head, note } = cacheFor(model, data.train, data.val, recipe, augmenting)`.
 */
export function cacheFor(model: tf.LayersModel, data: Subset, val: Subset, recipe: BatchRecipe, augmenting: boolean): { cache?: FeatureCache; validation?: FeatureCache; head?: tf.LayersModel; note?: string } {
  const off = (why: string) => ({ note: `Feature cache off: ${why}, so every epoch runs the whole network.` });
  const split = splitFixedPart(model);
  if ('reason' in split) return split.reason.startsWith('no frozen') ? {} : off(split.reason);
  if (augmenting) return off('augmentation changes each image every epoch');
  const bytes = FeatureCache.bytes(split.shape, data.count + val.count);
  if (bytes > FEATURE_CACHE_LIMIT) return off(`the features after ${split.cut} would take ${Math.round(bytes / 2 ** 20)} MiB (at most ${FEATURE_CACHE_LIMIT / 2 ** 20})`);
  const per = split.shape.reduce((a, b) => a * b, 1);
  return {
    cache: new FeatureCache(split, data, recipe),
    validation: new FeatureCache(split, val, recipe),
    head: split.head,
    note: `Feature cache: the frozen part up to ${split.cut} runs once per image in the first epoch (${per.toLocaleString('en-US')} values each, ${(bytes / 2 ** 20).toFixed(1)} MiB in all); later epochs train and validate the rest on the cached features.`,
  };
}
