/**
 * ONNX operators (NCHW) as Netwright layers (channels last). Each mapper returns the layer to add
 * and the tensors it holds in PyTorch's layout (a Conv's OIHW weight, a Gemm's (out, in)
 * weight): shared/weights/convert.ts turns those into tfjs's layouts, as for a .pth file, the
 * row permutation of a Dense after a Flatten included. Or a reason the node cannot be imported.
 * A Transpose to N×H×W×C before a Flatten (as Netwright's own ONNX export writes it) is
 * Netwright's Flatten as it is; the Dense after it takes its weight's columns back to C·H·W order.
 */
import type { LayerKind } from '../../layers/registry';
import { chwToHwc, transpose } from '../../weights/convert';
import type { OnnxNode } from './decode';
import type { Constant } from './order';

/** A value in the graph: a Netwright node's output, its shape per sample as Netwright has it. */
export interface LayerValue {
  node: string;
  shape: readonly number[];
  /** GlobalAveragePool's N×C×1×1, which Netwright holds as C. */
  pooled?: boolean;
  /** Known to hold no negative number (after a ReLU): zeros padding a MaxPool then never win. */
  nonNegative?: boolean;
  /** An image transposed to N×H×W×C (ONNX's view; Netwright holds every image so). */
  nhwc?: boolean;
  /** Flattened from an N×H×W×C image of this [H, W, C]: its features are in H·W·C order. */
  flatHwc?: readonly number[];
}

/** A tensor to store, PyTorch's layout: `weight`, `bias`, `running_mean`, `running_var`. */
export type Tensors = Record<string, { dims: number[]; values: Float32Array }>;

export type Mapped =
  | { layer: LayerKind; params: Record<string, unknown>; from: LayerValue[]; tensors?: Tensors; label?: string; nonNegative?: boolean; pooled?: boolean; flatHwc?: readonly number[] }
  | { same: LayerValue }
  | { reason: string };

export interface OpContext {
  node: OnnxNode;
  /** Each input: a layer's value, a constant, or undefined (absent, or lost to an earlier problem). */
  inputs: (LayerValue | Constant | undefined)[];
  /** Whether output 0 feeds only an Add of a constant (a MatMul then takes that as its bias). */
  biasAfter?: Constant;
}

const isLayer = (v: unknown): v is LayerValue => typeof v === 'object' && v !== null && 'node' in v;
const isConst = (v: unknown): v is Constant => typeof v === 'object' && v !== null && 'values' in v;
const f32 = (c: Constant) => (c.values instanceof Float32Array ? c.values : Float32Array.from(c.values));
/** The module name a weight's initializer gives: `features.0.weight` → `features.0`. */
const labelOf = (c: Constant | undefined) => c?.source?.replace(/\.(weight|bias|scale)$/, '');

function attrs(node: OnnxNode) {
  const get = (k: string) => node.attributes.get(k);
  return {
    int: (k: string, d: number) => {
      const a = get(k);
      return a && 'i' in a ? a.i : d;
    },
    float: (k: string, d: number) => {
      const a = get(k);
      return a && 'f' in a ? a.f : d;
    },
    ints: (k: string, d: number[]) => {
      const a = get(k);
      return a && 'ints' in a ? a.ints : d;
    },
    text: (k: string, d: string) => {
      const a = get(k);
      return a && 's' in a ? a.s : d;
    },
  };
}

/** A size as Netwright writes it: `3`, or `[3, 5]` where they differ. */
const size = ([h, w]: number[]) => (h === w ? h! : [h!, w!]);

/** ONNX's pads [top, left, bottom, right] as Netwright's padding ('valid', P, or [top, bottom, left, right]). */
function padding(pads: number[], autoPad: string): unknown {
  if (autoPad === 'SAME_UPPER') return 'same';
  if (autoPad === 'VALID') return 'valid';
  const [t, l, b, r] = pads.length === 4 ? pads : [0, 0, 0, 0];
  if (t === 0 && l === 0 && b === 0 && r === 0) return 'valid';
  return t === l && l === b && b === r ? t : [t, b, l, r];
}

const image = (v: LayerValue | undefined) => v !== undefined && v.shape.length === 3;

function conv({ node, inputs: [x, w, b] }: OpContext): Mapped {
  const a = attrs(node);
  if (!isLayer(x) || !image(x)) return { reason: 'its input is not an image (N×C×H×W)' };
  if (!isConst(w) || w.dims.length !== 4) return { reason: 'its weight is not a constant 4-D tensor (O×I×H×W)' };
  const dilations = a.ints('dilations', [1, 1]);
  if (dilations[0] !== dilations[1]) return { reason: `its dilations (${dilations.join(', ')}) differ between height and width, which Netwright's Conv2D cannot express` };
  const autoPad = a.text('auto_pad', 'NOTSET');
  if (autoPad === 'SAME_LOWER') return { reason: 'auto_pad SAME_LOWER puts the odd pixel before, which Netwright cannot express' };
  const [o, , kh, kw] = w.dims as [number, number, number, number];
  if (b !== undefined && (!isConst(b) || b.values.length !== o)) return { reason: `its bias is not a constant of ${o} values` };
  const params = { filters: o, kernel: size([kh, kw]), stride: size(a.ints('strides', [1, 1])), padding: padding(a.ints('pads', []), autoPad), dilation: dilations[0], groups: a.int('group', 1), activation: 'linear', useBias: b !== undefined };
  const tensors: Tensors = { weight: { dims: w.dims, values: f32(w) }, ...(isConst(b) ? { bias: { dims: [o], values: f32(b) } } : {}) };
  return { layer: 'Conv2D', params, from: [x], tensors, label: labelOf(w) };
}

/** A Dense from y = x·W (+ b), W given as (in, out), or (out, in) where `outFirst`. */
function dense(x: LayerValue | Constant | undefined, w: LayerValue | Constant | undefined, b: Constant | undefined, outFirst: boolean): Mapped {
  if (!isLayer(x) || x.shape.length !== 1 || x.pooled) return { reason: 'its input is not a flat vector (N×features): Flatten it first' };
  if (!isConst(w) || w.dims.length !== 2) return { reason: 'its weight is not a constant matrix' };
  const [n, units] = outFirst ? [w.dims[1]!, w.dims[0]!] : (w.dims as [number, number]);
  if (n !== x.shape[0]) return { reason: `its weight takes ${n} inputs, but it is fed ${x.shape[0]}` };
  if (b !== undefined && b.values.length !== units) return { reason: `its bias has ${b.values.length} values, not ${units}` };
  let weight = outFirst ? f32(w) : transpose(f32(w), n, units);
  // PyTorch's layout flattens C·H·W, which loading turns to H·W·C: features already in H·W·C order go back first.
  if (x.flatHwc) weight = hwcColumnsToChw(weight, units, x.flatHwc);
  const tensors: Tensors = { weight: { dims: [units, n], values: weight }, ...(b ? { bias: { dims: [units], values: f32(b) } } : {}) };
  return { layer: 'Dense', params: { units, activation: 'linear', useBias: b !== undefined }, from: [x], tensors, label: labelOf(w) };
}

function gemm({ node, inputs: [x, w, c] }: OpContext): Mapped {
  const a = attrs(node);
  if (a.int('transA', 0) !== 0) return { reason: 'transA is set: Netwright takes the input as rows' };
  if (a.float('alpha', 1) !== 1 || (c !== undefined && a.float('beta', 1) !== 1)) return { reason: 'alpha or beta is not 1' };
  if (c !== undefined && !isConst(c)) return { reason: 'its C is not a constant bias' };
  return dense(x, w, c, a.int('transB', 0) === 1);
}

function pool(kind: 'MaxPool2D' | 'AvgPool2D') {
  return ({ node, inputs: [x] }: OpContext): Mapped => {
    const a = attrs(node);
    if (!isLayer(x) || !image(x)) return { reason: 'its input is not an image (N×C×H×W)' };
    if (a.ints('dilations', [1, 1]).some((d) => d !== 1)) return { reason: 'its dilations are not 1' };
    const autoPad = a.text('auto_pad', 'NOTSET');
    if (autoPad === 'SAME_LOWER') return { reason: 'auto_pad SAME_LOWER puts the odd pixel before, which Netwright cannot express' };
    const pad = padding(a.ints('pads', []), autoPad);
    const ceil = a.int('ceil_mode', 0) === 1;
    // Netwright pads a pool with zeros that count (as its ZeroPadding2D); ONNX's MaxPool pads with
    // −∞ and its AveragePool leaves the padding out unless count_include_pad.
    const padded = (pad !== 'valid' && pad !== 'same') || ceil;
    if (padded && kind === 'MaxPool2D' && !x.nonNegative) return { reason: 'it pads an input that may be negative, where Netwright\'s zero padding would win the maximum' };
    if (padded && kind === 'AvgPool2D' && (ceil || a.int('count_include_pad', 0) !== 1)) return { reason: 'it averages over padding it leaves out (count_include_pad 0 or ceil_mode), which Netwright counts' };
    const params = { size: size(a.ints('kernel_shape', [1, 1])), stride: size(a.ints('strides', [1, 1])), padding: pad, ceilMode: ceil };
    return { layer: kind, params, from: [x], nonNegative: kind === 'MaxPool2D' && x.nonNegative };
  };
}

function activation(fn: string, nonNegative = false) {
  return ({ inputs: [x] }: OpContext): Mapped => (isLayer(x) ? { layer: 'Activation', params: { fn }, from: [x], nonNegative } : { reason: 'its input is not a layer\'s output' });
}

function clip(c: OpContext): Mapped {
  const a = attrs(c.node);
  const [, lo, hi] = c.inputs;
  const min = isConst(lo) ? lo.values[0] : a.float('min', -Infinity);
  const max = isConst(hi) ? hi.values[0] : a.float('max', Infinity);
  if (min === 0 && max === 6) return activation('relu6', true)(c);
  if (min === 0 && max === Infinity) return activation('relu', true)(c);
  return { reason: `it clips to [${min}, ${max}]; Netwright has ReLU ([0, ∞)) and ReLU6 ([0, 6])` };
}

function softmax(c: OpContext): Mapped {
  const [x] = c.inputs;
  const axis = attrs(c.node).int('axis', -1);
  if (!isLayer(x)) return { reason: 'its input is not a layer\'s output' };
  const rank = x.shape.length + 1;
  // Over the channels: axis 1 of N×C×H×W, or the last of N×C.
  if (axis === 1 || axis === 1 - rank || (rank === 2 && axis === -1)) return activation('softmax')(c);
  return { reason: `its axis ${axis} is not the channels'` };
}

/** A Dense weight (out, in) whose inputs are in H·W·C order, with its columns in C·H·W order. */
function hwcColumnsToChw(weight: Float32Array, units: number, hwc: readonly number[]): Float32Array {
  const n = weight.length / units;
  const hwcOf = chwToHwc([...hwc]);
  const out = new Float32Array(weight.length);
  for (let o = 0; o < units; o++) for (let j = 0; j < n; j++) out[o * n + j] = weight[o * n + hwcOf(j)]!;
  return out;
}

/** Flatten, or a Reshape that flattens: N×C×H×W → N×(C·H·W), or N×H×W×C → N×(H·W·C). */
function flatten(x: LayerValue | Constant | undefined): Mapped {
  if (!isLayer(x)) return { reason: 'its input is not a layer\'s output' };
  if (x.shape.length === 1) return { same: { ...x, pooled: false } };
  return { layer: 'Flatten', params: {}, from: [x], nonNegative: x.nonNegative, ...(x.nhwc ? { flatHwc: x.shape } : {}) };
}

/** A Transpose between N×C×H×W and N×H×W×C: Netwright holds images channels last either way. */
function transposeOp({ node, inputs: [x] }: OpContext): Mapped {
  if (!isLayer(x) || !image(x)) return { reason: 'its input is not an image (N×C×H×W)' };
  const perm = attrs(node).ints('perm', []).join(',');
  if (perm === '0,2,3,1' && !x.nhwc) return { same: { ...x, nhwc: true } };
  if (perm === '0,3,1,2' && x.nhwc) return { same: { ...x, nhwc: false } };
  return { reason: `its permutation (${perm || 'reversed'}) is not N×C×H×W to N×H×W×C before a Flatten` };
}

function reshape({ inputs: [x, target] }: OpContext): Mapped {
  if (!isConst(target)) return { reason: 'its target shape is not a constant, nor computed from constants and shapes' };
  const t = [...target.values];
  const total = isLayer(x) ? x.shape.reduce((a, b) => a * b, 1) : 0;
  if (t.length === 2 && [0, 1, -1].includes(t[0]!) && (t[1] === -1 || t[1] === total)) return flatten(x);
  return { reason: `it reshapes to (${t.join(', ')}); Netwright imports a Reshape that flattens (N, -1)` };
}

function merge(layer: 'Add' | 'Multiply' | 'Concatenate') {
  return ({ node, inputs }: OpContext): Mapped => {
    if (inputs.length === 0) return { reason: 'it has no inputs' };
    if (!inputs.every(isLayer)) return { reason: `${inputs.some(isConst) ? 'one input is a constant' : 'an input is missing'}: Netwright's ${layer} joins the outputs of layers` };
    const values = inputs as LayerValue[];
    // torchvision's DenseNet concatenates its first layer's one input: that is the input.
    if (values.length === 1) return { same: values[0]! };
    if (layer === 'Concatenate') {
      const rank = values[0]!.shape.length + 1;
      const axis = attrs(node).int('axis', 1);
      if (axis !== 1 && axis !== 1 - rank) return { reason: `it joins along axis ${axis}, not the channels (1)` };
    }
    const nonNegative = layer !== 'Multiply' && values.every((v) => v.nonNegative);
    return { layer, params: { inputs: values.length }, from: values, nonNegative };
  };
}

function pad({ node, inputs: [x, pads, value] }: OpContext): Mapped {
  const a = attrs(node);
  if (!isLayer(x) || !image(x)) return { reason: 'its input is not an image (N×C×H×W)' };
  if (a.text('mode', 'constant') !== 'constant') return { reason: `its mode is ${a.text('mode', '')}; Netwright pads with zeros` };
  const p = isConst(pads) ? [...pads.values] : a.ints('pads', []);
  if (p.length !== 8) return { reason: 'its pads are not 8 constant numbers (N×C×H×W, before then after)' };
  if (isConst(value) && value.values[0] !== 0) return { reason: `it pads with ${value.values[0]}, not zeros` };
  const [n0, c0, t, l, n1, c1, b, r] = p as [number, number, number, number, number, number, number, number];
  if (n0 || c0 || n1 || [c1, t, l, b, r].some((v) => v < 0)) return { reason: 'it pads the batch or before the channels, or crops' };
  // Zero channels after the input's: the ResNet paper's option A shortcut (ZeroPadChannels).
  if (c1 && t + l + b + r > 0) return { reason: 'it pads the channels and the image at once' };
  if (c1) return { layer: 'ZeroPadChannels', params: { channels: x.shape[2]! + c1, stride: 1 }, from: [x], nonNegative: x.nonNegative };
  if (t + l + b + r === 0) return { same: x };
  return { layer: 'ZeroPadding2D', params: { padding: [t, b, l, r] }, from: [x] };
}

/** A Slice that keeps every s-th row and column from the first (x[:, :, ::s, ::s]): ZeroPadChannels without new channels. */
function slice({ inputs: [x, starts, ends, axes, steps] }: OpContext): Mapped {
  if (!isLayer(x) || !image(x) || x.nhwc) return { reason: 'its input is not an image (N×C×H×W)' };
  if (![starts, ends, axes, steps].every(isConst)) return { reason: 'its starts, ends, axes and steps are not all constants' };
  const [h, w] = x.shape as [number, number];
  const ax = [...(axes as Constant).values].map((a) => (a < 0 ? a + 4 : a));
  const [s0, s1] = [...(steps as Constant).values];
  const sizes = ax.map((a) => (a === 2 ? h : w));
  const whole = [...(ends as Constant).values].every((e, i) => e >= sizes[i]!) && [...(starts as Constant).values].every((v) => v === 0);
  if (ax.join(',') !== '2,3' || !whole || s0 !== s1 || !(s0! >= 1)) return { reason: 'it is not every s-th row and column of the whole image (x[:, :, ::s, ::s])' };
  return { layer: 'ZeroPadChannels', params: { channels: x.shape[2]!, stride: s0 }, from: [x], nonNegative: x.nonNegative };
}

function batchNorm({ node, inputs: [x, ...stats] }: OpContext): Mapped {
  if (!isLayer(x)) return { reason: 'its input is not a layer\'s output' };
  if (stats.length !== 4 || !stats.every(isConst)) return { reason: 'its scale, bias, mean and variance are not constants' };
  const c = x.shape.at(-1)!;
  if (stats.some((s) => (s as Constant).values.length !== c)) return { reason: `its scale, bias, mean and variance do not each hold ${c} values` };
  const names = ['weight', 'bias', 'running_mean', 'running_var'];
  const tensors: Tensors = Object.fromEntries(names.map((n, i) => [n, { dims: [c], values: f32(stats[i] as Constant) }]));
  return { layer: 'BatchNorm', params: { epsilon: attrs(node).float('epsilon', 1e-5), momentum: 0.9 }, from: [x], tensors, label: labelOf(stats[0] as Constant) };
}

function lrn({ node, inputs: [x] }: OpContext): Mapped {
  const a = attrs(node);
  const n = a.int('size', 1);
  if (!isLayer(x) || !image(x)) return { reason: 'its input is not an image (N×C×H×W)' };
  // The engine sums over 2⌊n/2⌋ + 1 channels centred on each: ONNX's window for an odd n.
  if (n % 2 === 0) return { reason: `its size ${n} is even: its window is one-sided, Netwright's centred` };
  return { layer: 'LRN', params: { size: n, alpha: a.float('alpha', 1e-4), beta: a.float('beta', 0.75), k: a.float('bias', 1) }, from: [x], nonNegative: x.nonNegative };
}

/** The operators imported, by name. */
export const OPERATORS: Record<string, (c: OpContext) => Mapped> = {
  Conv: conv,
  Gemm: gemm,
  MatMul: (c) => dense(c.inputs[0], c.inputs[1], c.biasAfter, false),
  BatchNormalization: batchNorm,
  Relu: activation('relu', true),
  Clip: clip,
  Sigmoid: activation('sigmoid', true),
  Tanh: activation('tanh'),
  Softmax: softmax,
  MaxPool: pool('MaxPool2D'),
  AveragePool: pool('AvgPool2D'),
  GlobalAveragePool: ({ inputs: [x] }) => (isLayer(x) && image(x) ? { layer: 'GlobalAvgPool2D', params: {}, from: [x], pooled: true, nonNegative: x.nonNegative } : { reason: 'its input is not an image (N×C×H×W)' }),
  GlobalMaxPool: ({ inputs: [x] }) => (isLayer(x) && image(x) ? { layer: 'GlobalMaxPool2D', params: {}, from: [x], pooled: true, nonNegative: x.nonNegative } : { reason: 'its input is not an image (N×C×H×W)' }),
  Concat: merge('Concatenate'),
  Add: merge('Add'),
  Mul: merge('Multiply'),
  Flatten: (c) => (attrs(c.node).int('axis', 1) === 1 ? flatten(c.inputs[0]) : { reason: 'its axis is not 1' }),
  Reshape: reshape,
  Transpose: transposeOp,
  Pad: pad,
  Slice: slice,
  LRN: lrn,
  Dropout: ({ inputs: [x, ratio] }) => (isLayer(x) ? { layer: 'Dropout', params: { rate: isConst(ratio) ? ratio.values[0] : 0.5 }, from: [x], nonNegative: x.nonNegative } : { reason: 'its input is not a layer\'s output' }),
  Identity: ({ inputs: [x] }) => (isLayer(x) ? { same: x } : { reason: 'its input is missing' }),
};

export { isConst, isLayer };
