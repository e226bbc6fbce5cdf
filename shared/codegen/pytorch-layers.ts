/**
 * One PyTorch emitter per layer kind: the modules a layer needs in `__init__`, the expression
 * `forward` computes, and its output channels (for the next layer's `in_channels`). Netwright's
 * tensors are NHWC per sample; PyTorch's are NCHW, so channels are dimension 1.
 */
import { asPadding } from '../layers/arith';
import { isSymmetric, isZero, paddingPairs, windowPairs, type Pairs } from '../layers/padding';
import type { LayerKind, ParamsOf } from '../layers/registry';
import type { Params, ParamValue, Shape } from '../layers/types';
import type { TorchHelper } from './pytorch-helpers';
import { pyLiteral, pyNumber } from './python';
import { add, div, num, type Sym } from './symbolic';

/** What an emitter knows about the layer it writes, whose parameters are `P` (those of its kind in a table row). */
export interface TorchLayer<P = Params> {
  /** A parameter as Python: `5`, `"same"`, `(5, 3)`, or `planes * 4` inside a block. */
  arg(name: keyof P & string): string;
  /** A parameter's plain value; undefined when it is an expression of the block's parameters. */
  value<N extends keyof P & string>(name: N): P[N] | undefined;
  /** A numeric parameter as a symbolic value, for channel arithmetic. */
  sym(name: keyof P & string): Sym | undefined;
  /** The input variables, in port order. */
  inputs: readonly string[];
  /** Input channel counts; undefined where they cannot be followed (then a Lazy module is used). */
  channels: readonly (Sym | undefined)[];
  /** Python for a channel count. */
  text(channels: Sym): string;
  /** The inputs' shapes: all sizes at the top level; inside a block only the rank is sure. */
  inShapes: readonly Shape[];
  /** True at the top level, where every size is known. */
  sizesKnown: boolean;
  /** Declare `self.<name>[_suffix] = ctor`; returns `self.<attr>`. */
  module(ctor: string, suffix?: string): string;
  /** A parameter-free module the class shares, e.g. `self.relu`. */
  shared(ctor: string, wanted: string): string;
  /** True for the output layer whose softmax the export leaves out (softmaxLeftOut): `forward()` returns logits. */
  logits: boolean;
  /** True for a Dense layer the checkpoint layout stores as a 1×1 convolution (storedAsConv): timm's SE `fc1`, `fc2`. */
  asConv: boolean;
  /** Ask for a helper class the file then defines, e.g. `need('SamePad2d')`. */
  need(helper: TorchHelper): void;
}

export interface TorchEmit {
  expr: string;
  channels: Sym | undefined;
  /** A comment for the line. */
  note?: string;
}

export type TorchEmitter<P = Params> = (l: TorchLayer<P>) => TorchEmit;

const FUSED: Record<string, [string, string]> = {
  relu: ['nn.ReLU()', 'relu'],
  tanh: ['nn.Tanh()', 'tanh'],
  sigmoid: ['nn.Sigmoid()', 'sigmoid'],
  softmax: ['nn.Softmax(dim=1)', 'softmax'],
};

/** The fused activation (Conv2D, Dense) wrapped around `expr`; none for the softmax left out. */
function activate(l: TorchLayer<ParamsOf<'Conv2D' | 'Dense'>>, expr: string): string {
  const act = l.logits && l.value('activation') === 'softmax' ? undefined : FUSED[l.value('activation')!];
  return act ? `${l.shared(act[0], act[1])}(${expr})` : expr;
}

const LOGITS_NOTE = 'logits: the softmax is left out, as torchvision does (CrossEntropyLoss applies it)';

const kw = (name: string, text: string, skip: boolean) => (skip ? [] : [`${name}=${text}`]);
const isOne = (v: ParamValue | undefined) => v === 1 || (Array.isArray(v) && v.every((x) => x === 1));
const hw = (l: TorchLayer) => (l.sizesKnown ? l.inShapes[0]!.slice(0, 2) : undefined);
/** (left, right, top, bottom), ZeroPad2d's order, or one number when all four agree. */
const padArg = ([[t, b], [lf, r]]: Pairs) => (t === b && t === lf && t === r ? String(t) : `(${lf}, ${r}, ${t}, ${b})`);
const symPadding = ([[t], [lf]]: Pairs) => (t === lf ? String(t) : `(${t}, ${lf})`);

/**
 * The padding of a window layer: a `padding=` argument where PyTorch can say it, else a pad
 * module before the layer (asymmetric "same", or more than half the window for a pool).
 */
function windowPadding(l: TorchLayer, kernelParam: string, pool: 'max' | 'avg' | undefined): { args: string[]; pad?: string; same?: boolean } {
  const padding = l.value('padding')!;
  const k = l.value(kernelParam);
  const s = l.value('stride');
  const d = pool ? 1 : l.value('dilation');
  const fill = pool === 'max' ? ', float("-inf")' : '';
  const padModule = (pairs: Pairs) => l.module(pool === 'max' ? `nn.ConstantPad2d(${padArg(pairs)}${fill})` : `nn.ZeroPad2d(${padArg(pairs)})`, 'pad');
  // "same" whose pixels depend on a size or a parameter not known here: worked out per input.
  const samePad = () => {
    l.need('SamePad2d');
    const args = [l.arg(kernelParam), l.arg('stride'), ...(pool ? [] : [l.arg('dilation')]), ...(fill ? ['value=float("-inf")'] : [])];
    return { args: [], pad: l.module(`SamePad2d(${args.join(', ')})`, 'pad'), same: true };
  };
  if (asPadding(padding) === 'same' && (k === undefined || s === undefined || d === undefined)) {
    return !pool && isOne(s) ? { args: ['padding="same"'], same: true } : samePad();
  }
  const pairs = windowPairs(padding, k!, s!, d as number, hw(l));
  if (!pairs) return samePad();
  const same = asPadding(padding) === 'same';
  if (isZero(pairs)) return { args: [], same };
  const ks = Array.isArray(k) ? k : [k as number, k as number];
  // A pool's padding may be at most half its window; a wider one is a pad module.
  const fits = !pool || (pairs[0][0] <= Math.floor(ks[0]! / 2) && pairs[1][0] <= Math.floor(ks[1]! / 2));
  if (isSymmetric(pairs) && fits) return { args: [`padding=${symPadding(pairs)}`], same };
  return { args: [], pad: padModule(pairs), same };
}

function conv(l: TorchLayer<ParamsOf<'Conv2D'>>): TorchEmit {
  const inC = l.channels[0];
  const p = windowPadding(l, 'kernel', undefined);
  const args = [
    ...(inC ? [l.text(inC)] : []),
    l.arg('filters'),
    `kernel_size=${l.arg('kernel')}`,
    ...kw('stride', l.arg('stride'), isOne(l.value('stride'))),
    ...p.args,
    ...kw('dilation', l.arg('dilation'), l.value('dilation') === 1),
    ...kw('groups', l.arg('groups'), l.value('groups') === 1),
    ...kw('bias', l.arg('useBias'), l.value('useBias') === true),
  ];
  const self = l.module(`nn.${inC ? 'Conv2d' : 'LazyConv2d'}(${args.join(', ')})`);
  const x = p.pad ? `${p.pad}(${l.inputs[0]})` : l.inputs[0]!;
  return { expr: activate(l, `${self}(${x})`), channels: l.sym('filters'), note: l.logits ? LOGITS_NOTE : undefined };
}

function pool(kind: 'max' | 'avg'): TorchEmitter<ParamsOf<'MaxPool2D' | 'AvgPool2D'>> {
  return (l) => {
    const p = windowPadding(l, 'size', kind);
    const padded = p.args.length > 0 || p.pad !== undefined;
    const args = [
      `kernel_size=${l.arg('size')}`,
      `stride=${l.arg('stride')}`,
      ...p.args,
      ...kw('ceil_mode', l.arg('ceilMode'), l.value('ceilMode') === false),
      // TensorFlow's "same" averages only the real pixels; explicit padding counts its zeros, as Netwright's engine does.
      ...(kind === 'avg' && padded && p.pad === undefined ? [`count_include_pad=${p.same ? 'False' : 'True'}`] : []),
    ];
    const self = l.module(`nn.${kind === 'max' ? 'MaxPool2d' : 'AvgPool2d'}(${args.join(', ')})`);
    const note = kind === 'avg' && p.same && p.pad ? 'the zeros of this "same" padding are averaged in, unlike TensorFlow' : undefined;
    return { expr: `${self}(${p.pad ? `${p.pad}(${l.inputs[0]})` : l.inputs[0]})`, channels: l.channels[0], note };
  };
}

const globalPool = (module: string): TorchEmitter => (l) => ({ expr: `torch.flatten(${l.module(module)}(${l.inputs[0]}), 1)`, channels: l.channels[0] });

function batchNorm(l: TorchLayer<ParamsOf<'BatchNorm'>>): TorchEmit {
  const inC = l.channels[0];
  const eps = l.value('epsilon');
  const m = l.value('momentum');
  // Keras keeps `momentum` of the running statistics at each step; PyTorch mixes in `momentum` of the new batch.
  const momentum = m !== undefined ? pyNumber(1 - m) : `1 - ${l.arg('momentum')}`;
  const dims = l.inShapes[0]!.length === 1 ? '1d' : '2d';
  const args = [...(inC ? [l.text(inC)] : []), ...kw('eps', l.arg('epsilon'), eps === 1e-5), ...kw('momentum', momentum, momentum === '0.1')];
  return { expr: `${l.module(`nn.${inC ? '' : 'Lazy'}BatchNorm${dims}(${args.join(', ')})`)}(${l.inputs[0]})`, channels: inC };
}

function lrn(l: TorchLayer<ParamsOf<'LRN'>>): TorchEmit {
  const float = (p: 'alpha' | 'beta' | 'k') => (l.value(p) !== undefined ? pyLiteral(l.value(p)!, true) : l.arg(p));
  const self = l.module(`nn.LocalResponseNorm(${l.arg('size')}, alpha=${float('alpha')}, beta=${float('beta')}, k=${float('k')})`);
  return { expr: `${self}(${l.inputs[0]})`, channels: l.channels[0] };
}

function flatten(l: TorchLayer): TorchEmit {
  const image = l.inShapes[0]!.length === 3;
  return {
    expr: `torch.flatten(${l.inputs[0]}, 1)`,
    channels: image ? undefined : l.channels[0],
    note: image ? 'C, H, W order (Netwright flattens H, W, C): the same size, another order' : undefined,
  };
}

/** NHWC targets become NCHW: [1, 1, -1] → `x.view(x.size(0), -1, 1, 1)`. */
function reshape(l: TorchLayer<ParamsOf<'Reshape'>>): TorchEmit {
  const target = l.value('shape')!;
  const dims = target.length === 3 ? [target[2]!, target[0]!, target[1]!] : target;
  const x = l.inputs[0]!;
  const last = target.at(-1)!;
  const rest = target.slice(0, -1).reduce((a, b) => a * b, 1);
  const inC = l.channels[0];
  const channels = last !== -1 ? num(last) : l.inShapes[0]!.length === 1 && inC && rest > 0 ? div(inC, num(rest), true) : undefined;
  return { expr: `${x}.view(${x}.size(0), ${dims.join(', ')})`, channels };
}

function dense(l: TorchLayer<ParamsOf<'Dense'>>): TorchEmit {
  const inC = l.channels[0];
  const args = [...(inC ? [l.text(inC)] : []), l.arg('units'), ...kw('bias', l.arg('useBias'), l.value('useBias') === true)];
  const note = l.logits ? LOGITS_NOTE : undefined;
  if (l.asConv && inC) {
    // The same product on a 1×1 image: the checkpoint's (out, in, 1, 1) weight loads as it is.
    const self = l.module(`nn.Conv2d(${args[0]}, ${args[1]}, kernel_size=1${args[2] ? `, ${args[2]}` : ''})`);
    return { expr: activate(l, `torch.flatten(${self}(${channelGate(l.inputs[0]!)}), 1)`), channels: l.sym('units'), note: note ?? 'a 1×1 convolution, as the checkpoint stores this layer' };
  }
  const self = l.module(`nn.${inC ? 'Linear' : 'LazyLinear'}(${args.join(', ')})`);
  return { expr: activate(l, `${self}(${l.inputs[0]})`), channels: l.sym('units'), note };
}

const ACTIVATIONS: Partial<Record<ParamsOf<'Activation'>['fn'], (l: TorchLayer<ParamsOf<'Activation'>>) => [string, string]>> = {
  ...Object.fromEntries(Object.entries(FUSED).map(([fn, v]) => [fn, () => v])),
  relu6: () => ['nn.ReLU6()', 'relu6'],
  leakyRelu: (l) => [`nn.LeakyReLU(${l.value('alpha') !== undefined ? pyLiteral(l.value('alpha')!, true) : l.arg('alpha')})`, 'leaky_relu'],
  elu: () => ['nn.ELU()', 'elu'],
  gelu: () => ['nn.GELU()', 'gelu'],
};

function activation(l: TorchLayer<ParamsOf<'Activation'>>): TorchEmit {
  if (l.logits) return { expr: l.inputs[0]!, channels: l.channels[0] };
  const [ctor, name] = ACTIVATIONS[l.value('fn')!]!(l);
  return { expr: `${l.shared(ctor, name)}(${l.inputs[0]})`, channels: l.channels[0] };
}

/** PyTorch's bilinear with align_corners=False samples at pixel centres, as the engine and Keras do. */
function upSampling(l: TorchLayer<ParamsOf<'UpSampling2D'>>): TorchEmit {
  const mode = l.value('interpolation') === 'bilinear' ? 'mode="bilinear", align_corners=False' : 'mode="nearest"';
  return { expr: `${l.module(`nn.Upsample(scale_factor=${l.arg('size')}, ${mode})`)}(${l.inputs[0]})`, channels: l.channels[0] };
}

/** Option A's shortcut, a helper class (pytorch-helpers.ts): its output has `channels` channels. */
function zeroPadChannels(l: TorchLayer<ParamsOf<'ZeroPadChannels'>>): TorchEmit {
  l.need('ZeroPadChannels');
  return { expr: `${l.module(`ZeroPadChannels(${l.arg('channels')}, stride=${l.arg('stride')})`)}(${l.inputs[0]})`, channels: l.sym('channels') };
}

const sumOf = (cs: readonly (Sym | undefined)[]) => (cs.every((c) => c !== undefined) ? cs.reduce((a, b) => add(a!, b!), num(0)) : undefined);

/** The widest input decides the channels of a broadcast product (x, not the 1×1×C gate). */
function widest(l: TorchLayer): Sym | undefined {
  const size = (s: Shape) => s.reduce((a, b) => a * b, 1) * (s.length === 3 ? 1 : 0);
  let best = 0;
  l.inShapes.forEach((s, i) => {
    if (size(s) > size(l.inShapes[best]!)) best = i;
  });
  return l.channels[best];
}

/** A vector of C multiplies an image per channel: [N, C] → [N, C, 1, 1], as NHWC broadcasting lines up C with C. */
const channelGate = (x: string) => `${x}.view(${x}.size(0), -1, 1, 1)`;

const passThrough: TorchEmitter = (l) => ({ expr: l.inputs[0]!, channels: l.channels[0] });

/** One row per kind, given its kind's parameters: a kind added to the registry without a row here does not compile. */
export const torchEmitters: { [K in LayerKind]: TorchEmitter<ParamsOf<K>> } = {
  Input: passThrough,
  Conv2D: conv,
  MaxPool2D: pool('max'),
  AvgPool2D: pool('avg'),
  GlobalAvgPool2D: globalPool('nn.AdaptiveAvgPool2d(1)'),
  GlobalMaxPool2D: globalPool('nn.AdaptiveMaxPool2d(1)'),
  BatchNorm: batchNorm,
  LRN: lrn,
  Dropout: (l) => ({ expr: `${l.module(`nn.Dropout(${l.value('rate') !== undefined ? pyLiteral(l.value('rate')!, true) : l.arg('rate')})`)}(${l.inputs[0]})`, channels: l.channels[0] }),
  Flatten: flatten,
  Reshape: reshape,
  ZeroPadding2D: (l) => ({ expr: `${l.module(`nn.ZeroPad2d(${padArg(paddingPairs(l.value('padding')!))})`)}(${l.inputs[0]})`, channels: l.channels[0] }),
  UpSampling2D: upSampling,
  ZeroPadChannels: zeroPadChannels,
  Dense: dense,
  Activation: activation,
  Add: (l) => ({ expr: l.inputs.join(' + '), channels: l.channels[0] }),
  Concatenate: (l) => ({ expr: `torch.cat([${l.inputs.join(', ')}], 1)`, channels: sumOf(l.channels) }),
  Multiply: (l) => ({ expr: l.inputs.map((x, i) => (l.inShapes[i]!.length === 1 && l.inShapes.some((s) => s.length === 3) ? channelGate(x) : x)).join(' * '), channels: widest(l) }),
  BlockInput: passThrough,
  BlockOutput: passThrough,
};
