/**
 * The models `explain` looks inside besides a tfjs run's saved one, each as a tfjs model compiled
 * from its document with the weights written in: a torch run's `model.pt` (its folder's
 * `netwright.json` says `engine: 'torch'`), fed as train.py fed it; and a weights file — a
 * PyTorch state_dict (.pth/.pt) or safetensors, e.g. torchvision's — for a document (a template
 * with torchvision's names), fed photos preprocessed for ImageNet as `predict` feeds them.
 * The compiled model ends in the document's softmax, as a tfjs run's does, so the output is
 * probabilities and Grad-CAM takes the score before it, for every kind of weights alike.
 */
import { statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import * as tf from '@tensorflow/tfjs';
import type { NetwrightDocument } from '../../../shared/graph/schema';
import { endsInSoftmax } from '../../../shared/graph/softmax-output';
import { IMAGENET_CLASSES, IMAGENET_MEAN, IMAGENET_STD } from '../../../shared/imagenet';
import { readWeights } from '../../../shared/weights/read';
import { compileDocument } from '../model/compile';
import { compileWithStateDict } from '../model/weights';
import { unitScale } from './batches';
import type { ModelMeta } from './checkpoint';
import { loadInitialWeights } from './initial-weights';

/**
 * A torch run's saved folder as a tfjs model: `doc` compiled, `model.pt` written in strictly.
 * The normalisation is the one train.py reported; a run saved before it did has none, and then
 * only `scale` (pixels / 255) is known.
 */
export async function torchRunModel(dir: string, meta: ModelMeta & { engine?: string }, doc: NetwrightDocument | undefined): Promise<{ model: tf.LayersModel; meta: ModelMeta }> {
  if (!doc) throw new Error(`${dir} holds a torch run's model.pt: looking inside it needs the document it was trained from (--doc FILE|TEMPLATE).`);
  const stored = meta.normalization as ModelMeta['normalization'] | undefined;
  if (!stored && doc.training.normalization === 'standardize') {
    throw new Error(`${dir}/netwright.json does not say which mean and deviation train.py standardised the images with (the run was saved before the torch engine recorded them): train it again to look inside.`);
  }
  const model = compileDocument(doc);
  try {
    const loaded = await loadInitialWeights(doc, model, { path: dir });
    if (loaded.newHead) throw new Error(`"${doc.name}" is not the document this model was trained from: its ${loaded.newHead}.`);
  } catch (e) {
    model.dispose();
    throw e;
  }
  return { model, meta: { ...meta, normalization: stored ?? unitScale(meta.inputShape[2]), probabilities: endsInSoftmax(doc) } };
}

/**
 * A weights file for `doc`, strictly (every tensor taken, every weight given), as a tfjs model
 * with what explaining needs to know: ImageNet's normalisation, and ImageNet's class names when
 * the network has 1000 outputs. `name` is what messages call the file (default its path).
 */
export async function weightsFileModel(doc: NetwrightDocument, file: string, name = file): Promise<{ model: tf.LayersModel; meta: ModelMeta }> {
  if (statSync(file, { throwIfNoEntry: false })?.isDirectory()) throw new Error(`${name} is a folder: a saved model is looked inside as \`netwright explain ${name} --doc FILE|TEMPLATE\`.`);
  const tensors = readWeights(new Uint8Array(await readFile(file)), name);
  const { model } = compileWithStateDict(doc, tensors);
  const [, h, w, c] = model.inputs[0]!.shape as number[];
  if (c !== 3) {
    model.dispose();
    throw new Error(`The network's input has ${c} channels; looking inside with a weights file takes a photo, which has 3 (RGB).`);
  }
  const classes = model.outputs[0]!.shape.at(-1)!;
  const meta: ModelMeta = {
    format: 'netwright-model',
    version: 1,
    name: doc.name,
    dataset: '',
    seed: 0,
    validationSplit: 0,
    inputShape: [h!, w!, c],
    classNames: classes === IMAGENET_CLASSES.length ? [...IMAGENET_CLASSES] : [],
    normalization: { mean: [...IMAGENET_MEAN], std: [...IMAGENET_STD] },
    probabilities: endsInSoftmax(doc),
    epoch: 0,
  };
  return { model, meta };
}
