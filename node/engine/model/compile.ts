/**
 * Compile a Netwright document into a tfjs `LayersModel` (functional API). Shapes and
 * parameters come from the shared inference, so what trains is what the canvas showed.
 */
import * as tf from '@tensorflow/tfjs';
import type { NetwrightDocument } from '../../../shared/graph/schema';
import { checkedInference, inferGraph } from '../../../shared/infer';
import { expandDocument } from '../../../shared/blocks/expand';
import { asPadding, asSize, padPairs } from '../../../shared/layers/arith';
import { ceilPairs, isZero, paddingPairs, type Pairs } from '../../../shared/layers/padding';
import type { LayerKind, ParamsOf } from '../../../shared/layers/registry';
import type { Params, ParamValue } from '../../../shared/layers/types';
import { ChannelSlice, LocalResponseNorm, UpSampling, ZeroPadChannels } from './custom-layers';
import { FastBatchNorm, FastConv2D } from './fast-layers';

interface Context {
  /** A unique, tfjs-safe name for the node's (main) layer. */
  name: string;
  /** The output shape the shape engine computed for the node. */
  shape: readonly number[];
  /** A kernel initializer with its own seed, so that a run repeats exactly. */
  init(): ReturnType<typeof tf.initializers.glorotUniform>;
  /** Use the faster-training replacements of Conv2D and BatchNormalization (fast-layers.ts). */
  fast: boolean;
}

/** How to compile; the defaults are what training uses. */
export interface CompileOptions {
  /** false: tfjs's own Conv2D and BatchNormalization layers (for benchmarks and tests). Default true. */
  fastLayers?: boolean;
}

/** A kind's layer(s), given the kind's own parameters (as inference resolved them). */
type Build<P = Params> = (params: P, inputs: tf.SymbolicTensor[], ctx: Context) => tf.SymbolicTensor;

const apply = (layer: tf.layers.Layer, inputs: tf.SymbolicTensor[]) => layer.apply(inputs.length === 1 ? inputs[0]! : inputs) as tf.SymbolicTensor;
const size = (v: ParamValue) => asSize(v)!;

/**
 * 'valid' and 'same' are tfjs's own; explicit pixels (PyTorch's convention) are a ZeroPadding2D
 * layer before a 'valid' window, which gives (N + 2P − F) / S + 1 exactly. Ceil mode pads the
 * bottom and right just enough for the last, partial window.
 */
function padded(params: ParamsOf<'Conv2D' | 'MaxPool2D' | 'AvgPool2D'>, inputs: tf.SymbolicTensor[], ctx: Context): { padding: 'valid' | 'same'; inputs: tf.SymbolicTensor[] } {
  const pad = asPadding(params.padding)!;
  if (pad === 'same') return { padding: pad, inputs };
  const explicit = padPairs(pad) as Pairs;
  const pairs = 'ceilMode' in params && params.ceilMode ? ceilPairs(explicit, inputs[0]!.shape.slice(1, 3) as number[], params.size, params.stride) : explicit;
  if (isZero(pairs)) return { padding: 'valid', inputs };
  return { padding: 'valid', inputs: [apply(tf.layers.zeroPadding2d({ padding: pairs, name: `${ctx.name}_pad` }), inputs)] };
}

/**
 * True when explicit zero padding equals tfjs's 'same' for a convolution: stride 1 and (k − 1)·d / 2
 * pixels on every side. Then no ZeroPadding2D layer is needed (one pad forward and one slice
 * backward less per convolution, e.g. in every ResNet block).
 */
function paddingIsSame(p: ParamsOf<'Conv2D'>): boolean {
  const pad = asPadding(p.padding)!;
  if (pad === 'same' || pad === 'valid') return false;
  const k = size(p.kernel);
  const s = size(p.stride);
  return (padPairs(pad) as Pairs).every(([before, after], i) => s[i] === 1 && before === after && 2 * before === (k[i]! - 1) * p.dilation);
}

/** A convolution; with groups > 1, one per channel slice, concatenated (tfjs has no groups). */
const conv: Build<ParamsOf<'Conv2D'>> = (p, inputs, ctx) => {
  const pad = ctx.fast && paddingIsSame(p) ? { padding: 'same' as const, inputs } : padded(p, inputs, ctx);
  const { groups, filters } = p;
  const args = (name: string, count: number): Parameters<typeof tf.layers.conv2d>[0] => ({
    name,
    filters: count,
    kernelSize: size(p.kernel),
    strides: size(p.stride),
    dilationRate: p.dilation,
    padding: pad.padding,
    activation: p.activation,
    useBias: p.useBias,
    kernelInitializer: ctx.init(),
  });
  const layer = (a: Parameters<typeof tf.layers.conv2d>[0]) => (ctx.fast ? new FastConv2D(a) : tf.layers.conv2d(a));
  if (groups === 1) return apply(layer(args(ctx.name, filters)), pad.inputs);
  const channels = pad.inputs[0]!.shape[3]! / groups;
  const towers = Array.from({ length: groups }, (_, g) => {
    const slice = apply(new ChannelSlice({ start: g * channels, count: channels, name: `${ctx.name}_in${g}` }), pad.inputs);
    return apply(layer(args(`${ctx.name}_g${g}`, filters / groups)), [slice]);
  });
  return apply(tf.layers.concatenate({ axis: -1, name: ctx.name }), towers);
};

function activationLayer(p: ParamsOf<'Activation'>, name: string): tf.layers.Layer {
  switch (p.fn) {
    case 'leakyRelu':
      return tf.layers.leakyReLU({ name, alpha: p.alpha });
    default:
      return tf.layers.activation({ name, activation: p.fn });
  }
}

/** One row per layer kind, given that kind's parameters; a kind missing here is a type error. */
const builders: { [K in LayerKind]: Build<ParamsOf<K>> } = {
  Input: (p, _inputs, ctx) => tf.input({ shape: [p.height, p.width, p.channels], name: ctx.name }),
  Conv2D: conv,
  MaxPool2D: (p, inputs, ctx) => {
    // Zero padding, as tfjs has no -inf padding layer: after a ReLU this equals PyTorch's.
    const pad = padded(p, inputs, ctx);
    return apply(tf.layers.maxPooling2d({ name: ctx.name, poolSize: size(p.size), strides: size(p.stride), padding: pad.padding }), pad.inputs);
  },
  AvgPool2D: (p, inputs, ctx) => {
    const pad = padded(p, inputs, ctx);
    return apply(tf.layers.averagePooling2d({ name: ctx.name, poolSize: size(p.size), strides: size(p.stride), padding: pad.padding }), pad.inputs);
  },
  GlobalAvgPool2D: (_p, inputs, ctx) => apply(tf.layers.globalAveragePooling2d({ name: ctx.name }), inputs),
  GlobalMaxPool2D: (_p, inputs, ctx) => apply(tf.layers.globalMaxPooling2d({ name: ctx.name }), inputs),
  // tfjs's momentum is the share of the running statistics kept, as ours.
  BatchNorm: (p, inputs, ctx) => {
    const args = { name: ctx.name, epsilon: p.epsilon, momentum: p.momentum };
    return apply(ctx.fast ? new FastBatchNorm(args) : tf.layers.batchNormalization(args), inputs);
  },
  LRN: (p, inputs, ctx) => apply(new LocalResponseNorm({ name: ctx.name, size: p.size, alpha: p.alpha, beta: p.beta, k: p.k }), inputs),
  Dropout: (p, inputs, ctx) => apply(tf.layers.dropout({ name: ctx.name, rate: p.rate }), inputs),
  Flatten: (_p, inputs, ctx) => apply(tf.layers.flatten({ name: ctx.name }), inputs),
  // The engine's shape, with "-1" resolved: tfjs leaves it unknown, which later layers refuse.
  Reshape: (_p, inputs, ctx) => apply(tf.layers.reshape({ name: ctx.name, targetShape: [...ctx.shape] }), inputs),
  ZeroPadding2D: (p, inputs, ctx) => apply(tf.layers.zeroPadding2d({ name: ctx.name, padding: paddingPairs(p.padding) }), inputs),
  UpSampling2D: (p, inputs, ctx) => apply(new UpSampling({ name: ctx.name, size: size(p.size), interpolation: p.interpolation }), inputs),
  ZeroPadChannels: (p, inputs, ctx) => apply(new ZeroPadChannels({ name: ctx.name, channels: p.channels, stride: p.stride }), inputs),
  Dense: (p, inputs, ctx) =>
    apply(tf.layers.dense({ name: ctx.name, units: p.units, activation: p.activation, useBias: p.useBias, kernelInitializer: ctx.init() }), inputs),
  Activation: (p, inputs, ctx) => apply(activationLayer(p, ctx.name), inputs),
  Add: (_p, inputs, ctx) => apply(tf.layers.add({ name: ctx.name }), inputs),
  Concatenate: (_p, inputs, ctx) => apply(tf.layers.concatenate({ name: ctx.name, axis: -1 }), inputs),
  Multiply: (_p, inputs, ctx) => apply(tf.layers.multiply({ name: ctx.name }), inputs),
  BlockInput: () => {
    throw new Error('A block input outside a block: expand blocks before compiling.');
  },
  BlockOutput: (_p, inputs) => inputs[0]!,
};

/** "C1" → "C1", "conv 3×3" → "conv_3_3"; tfjs names must be unique, so repeats get `_2`, `_3`. */
export function layerNamer(): (wanted: string) => string {
  const used = new Set<string>();
  return (wanted) => {
    let base = wanted.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '');
    if (!/^[A-Za-z]/.test(base)) base = `layer_${base}`;
    let name = base;
    for (let i = 2; used.has(name) || used.has(`${name}_pad`); i++) name = `${base}_${i}`;
    used.add(name);
    used.add(`${name}_pad`);
    return name;
  };
}

/** Each node's tfjs layer name, in inference order (the order `nameFor` must see them in). */
function nodeNames(doc: NetwrightDocument, order: readonly string[], nameFor: (wanted: string) => string): Map<string, string> {
  const byId = new Map(doc.graph.nodes.map((n) => [n.id, n]));
  return new Map(order.map((id) => [id, nameFor(byId.get(id)!.label ?? id)]));
}

/**
 * The tfjs layer name `compileDocument` gives each node, by node id of the expanded document
 * (`block/inner`), without building the model: `layerNamesOf(vgg16()).get(id)` → `'conv1_1'`.
 */
export function layerNamesOf(original: NetwrightDocument): Map<string, string> {
  const doc = expandDocument(original);
  return nodeNames(doc, inferGraph(doc.graph).order, layerNamer());
}

/**
 * The document as a tfjs model; throws when the graph has errors. Kernels are initialised from
 * the document's training seed, so the same document and seed train the same way.
 * `compileDocument(lenet5()).countParams()` → 61706.
 */
export function compileDocument(original: NetwrightDocument, options: CompileOptions = {}): tf.LayersModel {
  checkedInference(original, 'training');
  const doc = expandDocument(original);
  const inference = inferGraph(doc.graph);
  const byId = new Map(doc.graph.nodes.map((n) => [n.id, n]));
  const sources = new Map<string, string[]>();
  const hasOutgoing = new Set<string>();
  for (const e of [...doc.graph.edges].sort((a, b) => a.targetPort - b.targetPort)) {
    sources.set(e.target, [...(sources.get(e.target) ?? []), e.source]);
    hasOutgoing.add(e.source);
  }
  const nameFor = layerNamer();
  const names = nodeNames(doc, inference.order, nameFor);
  let seed = doc.training.seed * 10_007;
  const init = () => tf.initializers.glorotUniform({ seed: seed++ });
  const tensors = new Map<string, tf.SymbolicTensor>();
  const inputs: tf.SymbolicTensor[] = [];
  const outputs: tf.SymbolicTensor[] = [];
  for (const id of inference.order) {
    const node = byId.get(id)!;
    const kind = node.kind as LayerKind; // inference accepted it, so it is a known kind
    const params = inference.nodes[id]!.params!;
    const feeding = (sources.get(id) ?? []).map((s) => tensors.get(s)!);
    // Inference resolved `params` against the kind's entry: they are the kind's own.
    const out = (builders[kind] as Build)(params, feeding, { name: names.get(id)!, shape: inference.nodes[id]!.shape!, init, fast: options.fastLayers ?? true });
    tensors.set(id, out);
    if (kind === 'Input') inputs.push(out);
    else if (!hasOutgoing.has(id)) outputs.push(out);
  }
  if (inputs.length === 0) throw new Error('The network has no Input layer.');
  if (outputs.length === 0) throw new Error('The network has no output: connect a layer after the Input.');
  return tf.model({ inputs, outputs, name: nameFor(doc.name || 'model') });
}
