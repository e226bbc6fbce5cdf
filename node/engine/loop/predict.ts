/**
 * What a network sees in a photo: its weights from a PyTorch state_dict, a safetensors file or a
 * model Netwright saved, the photo preprocessed as torchvision's ImageNet models expect, and the
 * top classes with their probabilities (softmax of the logits, which are reported too).
 */
import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { NetwrightDocument } from '../../../shared/graph/schema';
import { IMAGENET_CLASSES } from '../../../shared/imagenet';
import { readWeights } from '../../../shared/weights/read';
import { photoInput } from '../data/photo';
import { loadModel } from './checkpoint';
import { compileWithStateDict, withLogits } from '../model/weights';

export interface PredictOptions {
  /** A .pth/.pt or .safetensors file, or a folder Netwright saved a tfjs model in (`train --save`, a run's final/). */
  weights: string;
  /** The photo: a path, or its bytes. */
  image: string | Uint8Array;
  /** How many classes to list (default 5). */
  top?: number;
  /** What messages call the weights file (default its path): the name of a file sent through the API. */
  name?: string;
  /** Load the tensors that match and list the rest, instead of refusing the file. */
  partial?: boolean;
}

export interface Prediction {
  top: { index: number; name: string; probability: number }[];
  /** The output layer's values before its softmax; null for a saved model that outputs probabilities. */
  logits: number[] | null;
  /** What was done to the photo, in words. */
  preprocessing: string;
  /** Layers given weights, and with `partial`, the tensors left out. */
  loaded: number;
  skipped: string[];
  unused: string[];
}

const softmax = (logits: ArrayLike<number>) => {
  const max = Math.max(...Array.from(logits));
  const e = Array.from(logits, (v) => Math.exp(v - max));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / sum);
};

/** The model with the weights, and the names of its classes. */
async function modelFor(doc: NetwrightDocument, options: PredictOptions) {
  if (existsSync(options.weights) && statSync(options.weights).isDirectory()) {
    if (!existsSync(join(options.weights, 'model.json'))) throw new Error(`${options.weights} holds no saved tfjs model (model.json); a torch run's model.pt is read with --weights model.pt.`);
    const { model, meta } = await loadModel(options.weights);
    return { model, logits: !meta.probabilities, classNames: meta.classNames, loaded: model.layers.filter((l) => l.countParams() > 0).length, skipped: [], unused: [] };
  }
  const tensors = readWeights(new Uint8Array(await readFile(options.weights)), options.name ?? options.weights);
  const logitsDoc = withLogits(doc);
  const { model, loaded } = compileWithStateDict(logitsDoc ?? doc, tensors, { partial: options.partial });
  return { model, logits: logitsDoc !== undefined, classNames: undefined, loaded: loaded.loaded, skipped: loaded.skipped, unused: loaded.unused };
}

/** `await predictPhoto(resnet50(), { weights: 'resnet50.pth', image: 'cat.jpg' })`. */
export async function predictPhoto(doc: NetwrightDocument, options: PredictOptions): Promise<Prediction> {
  const { model, logits: isLogits, classNames, ...loaded } = await modelFor(doc, options);
  try {
    const [, h, w, c] = model.inputs[0]!.shape;
    if (c !== 3) throw new Error(`The network's input has ${c} channels; a photo has 3 (RGB).`);
    const photo = await photoInput(options.image, h!, w!);
    const out = tf.tidy(() => (model.predict(tf.tensor4d(photo.data, [1, h!, w!, 3])) as tf.Tensor).dataSync());
    const values = Array.from(out);
    const probabilities = isLogits ? softmax(values) : values;
    const names = classNames ?? (values.length === IMAGENET_CLASSES.length ? IMAGENET_CLASSES : undefined);
    const top = probabilities
      .map((probability, index) => ({ index, name: names?.[index] ?? `class ${index}`, probability }))
      // By the output itself: probabilities that underflow to 0 still rank by their logits.
      .sort((a, b) => values[b.index]! - values[a.index]!)
      .slice(0, options.top ?? 5);
    return { top, logits: isLogits ? values : null, preprocessing: photo.steps, ...loaded };
  } finally {
    model.dispose();
  }
}
