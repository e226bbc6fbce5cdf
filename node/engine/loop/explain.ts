/**
 * Looking inside a trained network: a model saved by either engine (`train --save`, a run's
 * `final/` or `best/`; a torch run's model.pt is written into its document compiled by tfjs) or a
 * document with a weights file (explain-sources.ts), one image normalised exactly as training
 * normalised it (ImageNet's preprocessing for a weights file, as `predict`'s), and one
 * forward pass that keeps every layer's output. From it: each layer's per-channel mean and
 * maximum, its activation maps as a grid, a convolution's filters, and Grad-CAM (Selvaraju et
 * al. 2017) for the predicted class or a chosen one. Used by `netwright explain` and by the
 * trainer process's `explain` job (`runs.explain`).
 */
import * as tf from '@tensorflow/tfjs';
import { instanceOutputs } from '../../../shared/blocks/outputs';
import type { NetwrightDocument } from '../../../shared/graph/schema';
import { layerNamesOf } from '../model/compile';
import { decodeImage } from '../data/folder';
import { loadDataset } from '../data/load';
import { photoPixels } from '../data/photo';
import { arraySubset, imageSize } from '../data/subset';
import { makeBatch } from './batches';
import { loadModel, readMeta, type ModelMeta } from './checkpoint';
import { placementOf, placeOnInput } from './explain-geometry';
import { displayZoom, featureGrid, filterGrid, heatOverlay, type TileGrid } from './explain-pictures';
import { torchRunModel, weightsFileModel } from './explain-sources';

/** A model ready to explain images with: the layers shown, and one model that outputs them all. */
export interface Explainer {
  meta: ModelMeta;
  model: tf.LayersModel;
  /** Every layer of a document node (not the Input, not the padding or group slices a node compiles to), in order. */
  layers: tf.layers.Layer[];
  /** The network with every shown layer's output as an output. */
  all: tf.LayersModel;
  /** Layer name → document node id (`block/inner` inside a block), when the document is known. */
  nodes: Map<string, string>;
  /** The document's block instances (`outer/inner` when nested), each with the layer that gives its output. */
  blocks: BlockOutput[];
  /** How an image file is fitted to the input: `cover` as an image folder's images are, `imagenet` as `predict` prepares a photo. */
  fit: 'cover' | 'imagenet';
  dispose(): void;
}

/** A block instance seen from outside: its node (an id path), its label path, and the layer whose output is the instance's. */
export interface BlockOutput {
  node: string;
  label: string;
  layer: string;
}

/** What to draw besides the statistics. */
export interface ExplainOptions {
  /** Layers whose activation maps to draw as grids. */
  maps?: 'all' | readonly string[];
  /** A convolution whose filters to draw. */
  filters?: string;
  /** Grad-CAM on a layer (default the last convolution) for a class (default the predicted one). */
  gradcam?: { layer?: string; class?: number };
}

/** One layer's output for the image: its shape (no batch) and each channel's mean and maximum. */
export interface LayerActivity {
  name: string;
  node?: string;
  shape: number[];
  mean: number[];
  max: number[];
}

export interface GradCam {
  layer: string;
  class: number;
  /** The heat map over the image, enlarged for display. */
  png: string;
  width: number;
  height: number;
  /** The hottest input pixel, `[y, x]`. */
  peak: [number, number];
  /** The map at the input's size (`h·w`, row-major), 0…1. */
  heat: Float32Array;
}

export interface Explanation {
  predicted: number;
  /** The block instances, each shown by its output layer (whose maps are among the layers'). */
  blocks: BlockOutput[];
  /** The output layer's values (probabilities when the network ends in a softmax). */
  output: number[];
  layers: LayerActivity[];
  maps: { layer: string; grid: TileGrid }[];
  filters?: { layer: string; shape: [number, number, number, number]; rgb: boolean; grid: TileGrid };
  gradcam?: GradCam;
}

/** Layers a node compiles to beside its own: `C1_pad`, a grouped convolution's `C1_in0` and `C1_g0`. */
const HELPER = /_(pad|in\d+|g\d+)$/;

/**
 * `await openExplainer('/runs/abc/final', doc)`: the saved model, its layers named by node when
 * `doc` is given. A torch run's folder needs `doc`: its model.pt is written into `doc` compiled.
 */
export async function openExplainer(dir: string, doc?: NetwrightDocument): Promise<Explainer> {
  const meta = await readMeta(dir);
  const opened = meta.engine === 'torch' ? await torchRunModel(dir, meta, doc) : await loadModel(dir);
  return explainerOf(opened.model, opened.meta, doc, 'cover');
}

/** `await openWeightsExplainer(resnet18, 'resnet18.pth')`: the document with a state_dict's weights (strictly), fed photos as for ImageNet. */
export async function openWeightsExplainer(doc: NetwrightDocument, file: string, name?: string): Promise<Explainer> {
  const { model, meta } = await weightsFileModel(doc, file, name);
  return explainerOf(model, meta, doc, 'imagenet');
}

function explainerOf(model: tf.LayersModel, meta: ModelMeta, doc: NetwrightDocument | undefined, fit: Explainer['fit']): Explainer {
  const names = new Set(model.layers.map((l) => l.name));
  const layers = model.layers.filter((l) => l.inboundNodes[0]!.inboundLayers.length > 0 && !(HELPER.test(l.name) && names.has(l.name.replace(HELPER, ''))));
  const all = tf.model({ inputs: model.inputs, outputs: layers.map((l) => l.output as tf.SymbolicTensor) });
  const byNode = doc ? layerNamesOf(doc) : new Map<string, string>();
  const nodes = new Map([...byNode].map(([id, name]) => [name, id]));
  const stranger = doc && layers.find((l) => !nodes.has(l.name));
  if (stranger) {
    model.dispose();
    throw new Error(`"${doc.name}" is not the document this model was trained from: the model has a layer "${stranger.name}", which the document has not.`);
  }
  const blocks = doc ? instanceOutputs(doc).flatMap(({ node, label, layer }) => (byNode.has(layer) ? [{ node, label, layer: byNode.get(layer)! }] : [])) : [];
  return { meta, model, layers, all, nodes, blocks, fit, dispose: () => model.dispose() };
}

/** An image file or its bytes as the model's input pixels: fitted as an image folder's are (cover, grey or RGB), or for a weights file as `predict` crops a photo. */
export const imagePixels = async (ex: Explainer, image: string | Uint8Array): Promise<Uint8Array> =>
  ex.fit === 'imagenet' ? (await photoPixels(image, ex.meta.inputShape[0], ex.meta.inputShape[1])).pixels : decodeImage(image, ex.meta.inputShape);

/** Validation samples `indices` of the dataset the model was trained on, split with its seed, fitted to its input. */
export async function validationSamples(meta: ModelMeta, indices: readonly number[], cacheDir?: string): Promise<{ pixels: Uint8Array; label: number }[]> {
  if (!meta.dataset) throw new Error(`${meta.name} with a weights file has no dataset to take a validation sample from: give an image.`);
  const data = await loadDataset(meta.dataset, { seed: meta.seed, validationSplit: meta.validationSplit, input: meta.inputShape, cacheDir });
  return indices.map((i) => {
    if (i >= data.val.count) throw new Error(`${data.title} has ${data.val.count} validation samples; there is no sample ${i}.`);
    const pixels = new Uint8Array(imageSize(meta.inputShape));
    data.val.read(i, pixels, 0);
    return { pixels, label: data.val.labels[i]! };
  });
}

/** 8-bit pixels as the batch of one that training would have made of them (netwright.json's normalisation). */
export function normalised(meta: ModelMeta, pixels: Uint8Array): tf.Tensor4D {
  const { xs, ys } = makeBatch(arraySubset(pixels, Uint8Array.of(0), pixels.length), [0], { shape: meta.inputShape, classes: 1, ...meta.normalization });
  ys.dispose();
  return xs;
}

/** A layer by name among the model's, or an error that lists what there is. */
function layerNamed(ex: Explainer, name: string): tf.layers.Layer {
  const layer = ex.model.layers.find((l) => l.name === name);
  if (!layer) throw new Error(`The model has no layer "${name}"; its layers: ${ex.layers.map((l) => l.name).join(', ')}.`);
  return layer;
}

/** The last layer with a convolution's kernel (`[kh, kw, in, out]`): Grad-CAM's usual choice. */
export function lastConvolution(ex: Explainer): string {
  const conv = ex.model.layers.filter((l) => l.weights[0]?.shape.length === 4).at(-1);
  if (!conv) throw new Error('The model has no convolution, so Grad-CAM has no layer to look at.');
  return conv.name;
}

/**
 * The network's class scores with layer `at`'s output replaced by `value`, run layer by layer:
 * the function Grad-CAM differentiates. Scores are taken before a final softmax, as the paper does.
 */
export function scoresWith(model: tf.LayersModel, x: tf.Tensor, at: string, value: tf.Tensor): tf.Tensor {
  const outputs = new Map<string, tf.Tensor>();
  const last = model.outputLayers[0]!;
  for (const layer of model.layers) {
    const from = layer.inboundNodes[0]!.inboundLayers.map((l) => outputs.get(l.name)!);
    if (layer.name === at) outputs.set(at, value);
    else if (from.length === 0) outputs.set(layer.name, x);
    else if (layer === last && layer.getConfig().activation === 'softmax') outputs.set(layer.name, logitsOf(layer, from[0]!));
    else outputs.set(layer.name, layer.apply(from.length === 1 ? from[0]! : from) as tf.Tensor);
  }
  return outputs.get(last.name)!;
}

/** A softmax layer's scores before the softmax: a Dense layer's `x·W + b`, an Activation's input. */
function logitsOf(layer: tf.layers.Layer, input: tf.Tensor): tf.Tensor {
  if (layer.getClassName() !== 'Dense') return input;
  const [kernel, bias] = layer.weights.map((w) => w.read());
  return bias ? tf.add(tf.matMul(input as tf.Tensor2D, kernel as tf.Tensor2D), bias) : tf.matMul(input as tf.Tensor2D, kernel as tf.Tensor2D);
}

/**
 * Grad-CAM: the gradient of class `cls`'s score with respect to layer `at`'s output A, averaged
 * over space to one weight per channel, then ReLU(Σ weight·A) scaled to 0…1: `[h, w]` of A's units.
 */
export function gradCamMap(model: tf.LayersModel, x: tf.Tensor4D, activation: tf.Tensor, at: string, cls: number): Float32Array {
  return tf.tidy(() => {
    // A one-hot product, not a gather: the wasm backend has no gradient kernel for gather.
    const pick = tf.oneHot([cls], model.outputs[0]!.shape.at(-1)!);
    const score = (a: tf.Tensor) => scoresWith(model, x, at, a).mul(pick).sum();
    const gradient = tf.grad(score)(activation);
    const weights = gradient.mean([1, 2], true);
    const cam = tf.relu(activation.mul(weights).sum(-1));
    const top = cam.max();
    return (top.dataSync()[0]! > 0 ? cam.div(top) : cam).dataSync() as Float32Array;
  });
}

/** Every shown layer's output for one image, by layer name: `layerOutputs(ex, pixels).get('C1')` → `[1, 28, 28, 6]`. The caller disposes them. */
export function layerOutputs(ex: Explainer, pixels: Uint8Array): Map<string, tf.Tensor> {
  const x = normalised(ex.meta, pixels);
  try {
    return outputsFor(ex, x);
  } finally {
    x.dispose();
  }
}

function outputsFor(ex: Explainer, x: tf.Tensor4D): Map<string, tf.Tensor> {
  const predicted = ex.all.predict(x);
  const outs = Array.isArray(predicted) ? predicted : [predicted];
  return new Map(ex.layers.map((l, i) => [l.name, outs[i]!]));
}

/** Per-channel mean and maximum of a layer's output (the last axis is the channel). */
function activityOf(t: tf.Tensor): { mean: number[]; max: number[] } {
  return tf.tidy(() => {
    const flat = t.reshape([-1, t.shape.at(-1)!]);
    return { mean: Array.from(flat.mean(0).dataSync()), max: Array.from(flat.max(0).dataSync()) };
  });
}

/**
 * Everything about one image: `await explainImage(ex, pixels, { maps: ['C1'], gradcam: {} })`
 * → every layer's statistics, C1's maps, and Grad-CAM on the last convolution for the predicted class.
 */
export async function explainImage(ex: Explainer, pixels: Uint8Array, options: ExplainOptions = {}): Promise<Explanation> {
  const x = normalised(ex.meta, pixels);
  const byName = outputsFor(ex, x);
  const outs = [...byName.values()];
  try {
    const output = Array.from(outs.at(-1)!.dataSync());
    const predictedClass = output.indexOf(Math.max(...output));
    const layers = ex.layers.map((l, i): LayerActivity => ({ name: l.name, ...(ex.nodes.has(l.name) ? { node: ex.nodes.get(l.name)! } : {}), shape: outs[i]!.shape.slice(1), ...activityOf(outs[i]!) }));
    const wanted = options.maps === 'all' ? ex.layers.map((l) => l.name) : (options.maps ?? []);
    const drawn = wanted.map((name) => {
      layerNamed(ex, name);
      const t = byName.get(name);
      if (!t) throw new Error(`"${name}" is part of a node's layer; pick one of: ${ex.layers.map((l) => l.name).join(', ')}.`);
      return { name, t };
    });
    // A Dense layer's units have no map. The grids are encoded at once: sharp spreads them over its threads.
    const maps: Explanation['maps'] = await Promise.all(
      drawn.filter(({ t }) => t.rank === 4).map(async ({ name, t }) => ({ layer: name, grid: await featureGrid((await t.data()) as Float32Array, t.shape.slice(1) as [number, number, number]) })),
    );
    const explanation: Explanation = { predicted: predictedClass, blocks: ex.blocks, output, layers, maps };
    if (options.filters !== undefined) explanation.filters = await filtersOf(layerNamed(ex, options.filters));
    if (options.gradcam) explanation.gradcam = await gradCam(ex, x, pixels, byName, options.gradcam.layer ?? lastConvolution(ex), options.gradcam.class ?? predictedClass);
    return explanation;
  } finally {
    x.dispose();
    tf.dispose(outs);
  }
}

async function filtersOf(layer: tf.layers.Layer): Promise<NonNullable<Explanation['filters']>> {
  const kernel = layer.weights[0];
  if (kernel?.shape.length !== 4) throw new Error(`${layer.name} is not a convolution: it has no kernel of filters to draw.`);
  const shape = kernel.shape as [number, number, number, number];
  const values = (await kernel.read().data()) as Float32Array;
  return { layer: layer.name, shape, rgb: shape[2] === 3, grid: await filterGrid(values, shape) };
}

async function gradCam(ex: Explainer, x: tf.Tensor4D, pixels: Uint8Array, byName: Map<string, tf.Tensor>, at: string, cls: number): Promise<GradCam> {
  const layer = layerNamed(ex, at);
  const classes = ex.model.outputs[0]!.shape.at(-1)!;
  if (cls < 0 || cls >= classes) throw new Error(`Class ${cls} is not one of the model's ${classes} (0…${classes - 1}).`);
  const own = byName.get(at);
  const activation = own ?? (tf.model({ inputs: ex.model.inputs, outputs: layer.output as tf.SymbolicTensor }).predict(x) as tf.Tensor);
  try {
    if (activation.rank !== 4) throw new Error(`Grad-CAM needs a layer with maps (height × width × channels); ${at}'s output is ${JSON.stringify(activation.shape.slice(1))}.`);
    const [h, w] = ex.meta.inputShape;
    const zoom = displayZoom(h, w);
    const cam = gradCamMap(ex.model, x, activation, at, cls);
    const units = activation.shape.slice(1, 3) as [number, number];
    const placement = placementOf(ex.model, at);
    const heat = placeOnInput(cam, units, placement, [h, w]);
    let peak = 0;
    for (let i = 1; i < heat.length; i++) if (heat[i]! > heat[peak]!) peak = i;
    const overlay = await heatOverlay(pixels, ex.meta.inputShape, placeOnInput(cam, units, placement, [h * zoom, w * zoom], zoom), zoom);
    return { layer: at, class: cls, ...overlay, peak: [Math.floor(peak / w), peak % w], heat };
  } finally {
    if (!own) activation.dispose();
  }
}
