/**
 * One row per layer kind: the ONNX operators (opset 13) it becomes, computing what the tfjs
 * engine computes: explicit padding is zeros (a Pad before a pool, as the engine's
 * ZeroPadding2D), "same" is TensorFlow's (the odd pixel after), Flatten and Reshape count in
 * channels-last order (a Transpose first), LRN sums over the engine's 2⌊n/2⌋ + 1 channels.
 */
import { ACTIVATIONS, FUSED_ACTIVATIONS } from '../../layers/activation';
import { asPadding, asSize, padPairs } from '../../layers/arith';
import { ceilPairs, isZero, paddingPairs, windowPairs, type Pairs } from '../../layers/padding';
import type { LayerKind, ParamsOf } from '../../layers/registry';
import { product, type Shape } from '../../layers/types';
import { ExportError } from '../plan';
import { channelAxis, isImage, type OnnxGraph, type Value } from './graph';
import type { AttributeValue } from './proto';
import { hwioToOihw } from './weights';

export interface EmitContext {
  g: OnnxGraph;
  /** The layer's name: its label inside the labels of the block instances around it ("layer1/0/conv1"). */
  name: string;
  /** Its output shape per sample, as the shape engine computed it (channels last). */
  shape: Shape;
  /** Its inputs, in port order. */
  inputs: readonly Value[];
  /** One of its weights by tfjs's name, checked to hold `count` numbers. */
  weight(key: string, count: number): Float32Array;
}

/** A kind's operators; returns the name of the layer's output. */
type Emit<P> = (p: P, c: EmitContext) => string;

const ints = (values: readonly number[]): AttributeValue => ({ ints: values });
const size = (v: ParamsOf<'Conv2D'>['kernel']) => asSize(v)!;
/** ONNX's pads, [top, left, bottom, right], from `[[top, bottom], [left, right]]`. */
const onnxPads = ([[t, b], [l, r]]: Pairs) => [t, l, b, r];

/** Zeros around an image (N×C×H×W), as the engine's ZeroPadding2D. */
function zeroPad(c: EmitContext, x: string, [[t, b], [l, r]]: Pairs, wanted: string): string {
  return c.g.node('Pad', [x, c.g.int64s(`${c.name}/pads`, [0, 0, t, l, 0, 0, b, r])], {}, wanted);
}

type Activation = (typeof ACTIVATIONS)[number] | (typeof FUSED_ACTIVATIONS)[number];

/** `fn` applied to `x` (of per-sample shape `shape`), its output named `wanted`. */
function activate(c: EmitContext, x: string, fn: Activation, shape: Shape, alpha: number, wanted: string): string {
  const g = c.g;
  switch (fn) {
    case 'linear':
      return x;
    case 'relu':
      return g.node('Relu', [x], {}, wanted);
    case 'relu6':
      return g.node('Clip', [x, g.scalar(`${c.name}/min`, 0), g.scalar(`${c.name}/max`, 6)], {}, wanted);
    case 'tanh':
      return g.node('Tanh', [x], {}, wanted);
    case 'sigmoid':
      return g.node('Sigmoid', [x], {}, wanted);
    case 'softmax':
      // Over the channels, as tfjs's softmax over the last axis.
      return g.node('Softmax', [x], { axis: { i: channelAxis(shape) } }, wanted);
    case 'leakyRelu':
      return g.node('LeakyRelu', [x], { alpha: { f: alpha } }, wanted);
    case 'elu':
      return g.node('Elu', [x], { alpha: { f: 1 } }, wanted);
    case 'gelu': {
      // x · ½(1 + erf(x / √2)), tfjs's exact GELU (ONNX's Gelu operator is opset 20).
      const erf = g.node('Erf', [g.node('Div', [x, g.scalar(`${c.name}/sqrt2`, Math.SQRT2)], {}, `${c.name}/scaled`)], {}, `${c.name}/erf`);
      const cdf = g.node('Mul', [g.node('Add', [erf, g.scalar(`${c.name}/one`, 1)], {}, `${c.name}/erf1`), g.scalar(`${c.name}/half`, 0.5)], {}, `${c.name}/cdf`);
      return g.node('Mul', [x, cdf], {}, wanted);
    }
  }
}

/** A layer followed by its fused activation: the layer's own node is `<name>/<op>` unless the activation is linear. */
const fusedName = (c: EmitContext, fn: Activation, op: string) => (fn === 'linear' ? c.name : `${c.name}/${op}`);

const conv: Emit<ParamsOf<'Conv2D'>> = (p, c) => {
  const [x] = c.inputs;
  const [kh, kw] = size(p.kernel);
  const per = x!.shape[2]! / p.groups;
  const dims = [kh, kw, per, p.filters] as const;
  const weight = c.g.floats(`${c.name}/weight`, [p.filters, per, kh, kw], hwioToOihw(c.weight('kernel', product(dims)), dims));
  const bias = p.useBias ? [c.g.floats(`${c.name}/bias`, [p.filters], c.weight('bias', p.filters))] : [];
  const pads = windowPairs(p.padding, p.kernel, p.stride, p.dilation, x!.shape)!;
  const attributes = { kernel_shape: ints([kh, kw]), strides: ints(size(p.stride)), dilations: ints([p.dilation, p.dilation]), group: { i: p.groups }, pads: ints(onnxPads(pads)) };
  const y = c.g.node('Conv', [x!.name, weight, ...bias], attributes, fusedName(c, p.activation, 'conv'));
  return activate(c, y, p.activation, c.shape, 0, c.name);
};

const LOWEST = -3.4028234663852886e38;

/**
 * 0 where a window reaches zeros that are padding, the lowest float elsewhere: `Max` with it
 * puts those zeros into a MaxPool of an input padded with the lowest float. `zeros` are row (or
 * column) ranges [from, to) of that padded input.
 */
function zeroMask(out: Shape, k: readonly number[], s: readonly number[], zeros: readonly (readonly [number, number])[][]): Float32Array {
  const reaches = (i: number, axis: 0 | 1) => zeros[axis]!.some(([from, to]) => from < to && i * s[axis]! < to && i * s[axis]! + k[axis]! > from);
  const mask = new Float32Array(out[0]! * out[1]!);
  for (let y = 0; y < out[0]!; y++) for (let x = 0; x < out[1]!; x++) mask[y * out[1]! + x] = reaches(y, 0) || reaches(x, 1) ? 0 : LOWEST;
  return mask;
}

/**
 * Max or average pooling. "same" pads as TensorFlow, and the window ignores the padding;
 * explicit padding and ceil mode's extra pixels are zeros that count, as the engine's
 * ZeroPadding2D. A MaxPool with such zeros, its own or a ZeroPadding2D's just before, pads with
 * the lowest float and takes the `Max` with a mask of where the zeros are: onnxruntime would fold
 * a zero Pad into MaxPool's own padding, which never wins a maximum, and refuses padding as wide
 * as the window.
 */
function pool(op: 'MaxPool' | 'AveragePool'): Emit<ParamsOf<'MaxPool2D'>> {
  return (p, c) => {
    const [x] = c.inputs;
    const [k, s] = [size(p.size), size(p.stride)];
    const pad = asPadding(p.padding)!;
    const same = pad === 'same';
    const explicit = padPairs(pad) as Pairs;
    const pads = same ? windowPairs(pad, p.size, p.stride, 1, x!.shape)! : p.ceilMode ? ceilPairs(explicit, x!.shape, p.size, p.stride) : explicit;
    const ownZeros = !same && !isZero(pads);
    const padded = op === 'MaxPool' ? c.g.zeroPadded.get(x!.name) : undefined;
    if (op === 'AveragePool' || (!ownZeros && !padded)) {
      const attributes = { kernel_shape: ints(k), strides: ints(s), pads: ints(onnxPads(pads)), ...(op === 'AveragePool' ? { count_include_pad: { i: ownZeros ? 1 : 0 } } : {}) };
      return c.g.node(op, [x!.name], attributes, c.name);
    }
    // The padded frame: the pool's own pads around the input, itself maybe a ZeroPadding2D's output of `padded.input`.
    const z: Pairs = padded?.pairs ?? [[0, 0], [0, 0]];
    const zeros = ([0, 1] as const).map((axis) => {
      const [before, after] = pads[axis];
      const n = x!.shape[axis]!;
      const own: [number, number][] = ownZeros ? [[0, before], [before + n, before + n + after]] : [];
      return [...own, [before, before + z[axis][0]], [before + n - z[axis][1], before + n]] as [number, number][];
    });
    const total: Pairs = [0, 1].map((a) => [pads[a]![0] + z[a]![0], pads[a]![1] + z[a]![1]]) as Pairs;
    const [[t, b], [l, r]] = total;
    const lowest = c.g.node('Pad', [padded?.input ?? x!.name, c.g.int64s(`${c.name}/pads`, [0, 0, t, l, 0, 0, b, r]), c.g.scalar(`${c.name}/lowest`, LOWEST)], {}, `${c.name}/pad`);
    const pooled = c.g.node(op, [lowest], { kernel_shape: ints(k), strides: ints(s) }, `${c.name}/pool`);
    return c.g.node('Max', [pooled, c.g.floats(`${c.name}/zeros`, [c.shape[0]!, c.shape[1]!], zeroMask(c.shape, k, s, zeros))], {}, c.name);
  };
}

/** A global pool, then N×C×1×1 → N×C. */
const globalPool =
  (op: 'GlobalAveragePool' | 'GlobalMaxPool'): Emit<ParamsOf<'GlobalAvgPool2D'>> =>
  (_p, c) =>
    c.g.node('Flatten', [c.g.node(op, [c.inputs[0]!.name], {}, `${c.name}/pool`)], { axis: { i: 1 } }, c.name);

const batchNorm: Emit<ParamsOf<'BatchNorm'>> = (p, c) => {
  const [x] = c.inputs;
  const n = x!.shape.at(-1)!;
  const [gamma, beta, mean, variance] = ['gamma', 'beta', 'moving_mean', 'moving_variance'].map((k) => c.weight(k, n)) as [Float32Array, Float32Array, Float32Array, Float32Array];
  if (isImage(x!.shape) || x!.shape.length === 1) {
    const inputs = [['scale', gamma], ['bias', beta], ['mean', mean], ['var', variance]] as const;
    return c.g.node('BatchNormalization', [x!.name, ...inputs.map(([k, v]) => c.g.floats(`${c.name}/${k}`, [n], v))], { epsilon: { f: p.epsilon } }, c.name);
  }
  // Channels last on a tensor of another rank: ONNX's operator wants them on axis 1, so scale and shift by hand.
  const scale = gamma.map((g, i) => g / Math.sqrt(variance[i]! + p.epsilon));
  const shift = beta.map((b, i) => b - mean[i]! * scale[i]!);
  const scaled = c.g.node('Mul', [x!.name, c.g.floats(`${c.name}/scale`, [n], scale)], {}, `${c.name}/scaled`);
  return c.g.node('Add', [scaled, c.g.floats(`${c.name}/shift`, [n], shift)], {}, c.name);
};

/** Inputs of different ranks broadcast as NumPy does in channels-last order: sizes of 1 put in after the batch. */
const multiply: Emit<ParamsOf<'Multiply'>> = (_p, c) => {
  const rank = c.shape.length;
  const same = c.inputs.every((v) => v.shape.length === rank);
  const names = same
    ? c.inputs.map((v) => v.name)
    : c.inputs.map((v, i) => {
        const last = c.g.channelsLast(v, `${c.name}/in${i}`);
        const missing = Array.from({ length: rank - v.shape.length }, (_, k) => k + 1);
        return missing.length ? c.g.node('Unsqueeze', [last, c.g.int64s(`${c.name}/axes${i}`, missing)], {}, `${c.name}/in${i}`) : last;
      });
  const lastName = same || !isImage(c.shape) ? c.name : `${c.name}/product`;
  const result = names.slice(1).reduce((acc, n, i) => c.g.node('Mul', [acc, n], {}, i === names.length - 2 ? lastName : `${c.name}/mul${i}`), names[0]!);
  return same ? result : c.g.fromChannelsLast(result, c.shape, c.name);
};

/** One row per layer kind, given that kind's parameters; a kind missing here is a type error. */
export const onnxEmitters: { [K in LayerKind]: Emit<ParamsOf<K>> } = {
  Input: () => {
    throw new ExportError('An Input is a graph input, not a layer.');
  },
  Conv2D: conv,
  MaxPool2D: pool('MaxPool'),
  AvgPool2D: pool('AveragePool'),
  GlobalAvgPool2D: globalPool('GlobalAveragePool'),
  GlobalMaxPool2D: globalPool('GlobalMaxPool'),
  BatchNorm: batchNorm,
  LRN: (p, c) => {
    // tfjs sums over 2⌊n/2⌋ + 1 channels with α/n: ONNX's LRN with that size and α scaled to match.
    const n = 2 * Math.floor(p.size / 2) + 1;
    return c.g.node('LRN', [c.inputs[0]!.name], { size: { i: n }, alpha: { f: (p.alpha / p.size) * n }, beta: { f: p.beta }, bias: { f: p.k } }, c.name);
  },
  // Inference only: ONNX's Dropout is the identity unless asked to train.
  Dropout: (p, c) => c.g.node('Dropout', [c.inputs[0]!.name, c.g.scalar(`${c.name}/ratio`, p.rate)], {}, c.name),
  Flatten: (_p, c) => c.g.node('Flatten', [c.g.channelsLast(c.inputs[0]!, `${c.name}/nhwc`)], { axis: { i: 1 } }, c.name),
  Reshape: (_p, c) => {
    const x = c.g.channelsLast(c.inputs[0]!, `${c.name}/nhwc`);
    const y = c.g.node('Reshape', [x, c.g.int64s(`${c.name}/shape`, [-1, ...c.shape])], {}, isImage(c.shape) ? `${c.name}/nhwc_out` : c.name);
    return c.g.fromChannelsLast(y, c.shape, c.name);
  },
  ZeroPadding2D: (p, c) => {
    const pairs = paddingPairs(p.padding);
    const y = zeroPad(c, c.inputs[0]!.name, pairs, c.name);
    c.g.zeroPadded.set(y, { input: c.inputs[0]!.name, pairs });
    return y;
  },
  // x[:, :, ::s, ::s] (a Slice with steps), then zero channels after the input's (a Pad on axis 1).
  ZeroPadChannels: (p, c) => {
    const x = c.inputs[0]!;
    const [h, w, channels] = x.shape as [number, number, number];
    const kept = p.stride === 1 ? x.name : c.g.node('Slice', [x.name, c.g.int64s(`${c.name}/starts`, [0, 0]), c.g.int64s(`${c.name}/ends`, [h, w]), c.g.int64s(`${c.name}/axes`, [2, 3]), c.g.int64s(`${c.name}/steps`, [p.stride, p.stride])], {}, `${c.name}/subsample`);
    return c.g.node('Pad', [kept, c.g.int64s(`${c.name}/pads`, [0, 0, 0, 0, 0, p.channels - channels, 0, 0])], {}, c.name);
  },
  UpSampling2D: (p, c) => {
    const [h, w] = size(p.size);
    const attributes: Record<string, AttributeValue> =
      p.interpolation === 'nearest'
        ? { mode: { s: 'nearest' }, coordinate_transformation_mode: { s: 'asymmetric' }, nearest_mode: { s: 'floor' } }
        : { mode: { s: 'linear' }, coordinate_transformation_mode: { s: 'half_pixel' } };
    return c.g.node('Resize', [c.inputs[0]!.name, '', c.g.floats(`${c.name}/scales`, [4], Float32Array.of(1, 1, h, w))], attributes, c.name);
  },
  Dense: (p, c) => {
    const n = c.inputs[0]!.shape[0]!;
    const weight = c.g.floats(`${c.name}/weight`, [n, p.units], c.weight('kernel', n * p.units));
    const bias = p.useBias ? [c.g.floats(`${c.name}/bias`, [p.units], c.weight('bias', p.units))] : [];
    const y = c.g.node('Gemm', [c.inputs[0]!.name, weight, ...bias], {}, fusedName(c, p.activation, 'gemm'));
    return activate(c, y, p.activation, c.shape, 0, c.name);
  },
  Activation: (p, c) => activate(c, c.inputs[0]!.name, p.fn, c.shape, p.alpha, c.name),
  Add: (_p, c) => c.g.node(c.inputs.length === 2 ? 'Add' : 'Sum', c.inputs.map((v) => v.name), {}, c.name),
  Concatenate: (_p, c) => c.g.node('Concat', c.inputs.map((v) => v.name), { axis: { i: channelAxis(c.shape) } }, c.name),
  Multiply: multiply,
  BlockInput: () => {
    throw new ExportError('A block input outside a block.');
  },
  BlockOutput: (_p, c) => c.inputs[0]!.name,
};
