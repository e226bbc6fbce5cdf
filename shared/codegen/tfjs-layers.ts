/**
 * One TensorFlow.js emitter per layer kind: the `tf.layers` objects a node becomes, applied in
 * turn, or a helper call where tfjs lacks the layer (grouped convolution, LRN). tfjs is
 * channels-last like Netwright.
 */
import { paddingPairs, type Pairs } from '../layers/padding';
import type { ParamsOf } from '../layers/registry';
import { depthMultiplier, fnPadding, type FnEmitter, type FnEmitters, type FnLayer, type FnStep } from './functional';

const isOne = (v: unknown) => v === 1 || (Array.isArray(v) && v.every((x) => x === 1));
const opt = (name: string, text: string, skip = false) => (skip ? [] : [`${name}: ${text}`]);
/** `{ a: 1, name: 'c1' }`: the options of a layer, its name last. */
const options = (l: FnLayer, entries: string[], suffix?: string) => `{ ${[...entries, `name: ${l.name(suffix)}`].join(', ')} }`;
const layer = (fn: string, l: FnLayer, entries: string[] = [], suffix?: string) => `tf.layers.${fn}(${options(l, entries, suffix)})`;
const padArg = ([[t, b], [l, r]]: Pairs) => `[[${t}, ${b}], [${l}, ${r}]]`;

/** A window layer: its zero padding, if any, then the window. */
function windowed(l: FnLayer, windowParam: string, sameOk: boolean, window: (padding: string[]) => FnStep): FnStep[] {
  const pad = fnPadding(l, windowParam, sameOk);
  return [...(pad.pairs ? [layer('zeroPadding2d', l, [`padding: ${padArg(pad.pairs)}`], 'pad')] : []), window(pad.same ? ["padding: 'same'"] : [])];
}

const conv: FnEmitter<ParamsOf<'Conv2D'>> = (l) =>
  windowed(l, 'kernel', true, (padding) => {
    // One group per input channel is tfjs's depthwise convolution.
    const multiplier = depthMultiplier(l);
    const entries = [
      ...opt('filters', l.arg('filters'), l.value('groups') !== 1),
      `kernelSize: ${l.arg('kernel')}`,
      ...opt('depthMultiplier', String(multiplier), multiplier === undefined || multiplier === 1),
      ...opt('strides', l.arg('stride'), isOne(l.value('stride'))),
      ...padding,
      ...opt('dilationRate', l.arg('dilation'), l.value('dilation') === 1),
      ...opt('activation', l.arg('activation'), l.value('activation') === 'linear'),
      ...opt('useBias', l.arg('useBias'), l.value('useBias') === true),
    ];
    if (l.value('groups') === 1) return layer('conv2d', l, entries);
    if (multiplier !== undefined) return layer('depthwiseConv2d', l, entries);
    // tfjs has no grouped convolution: one per channel slice, concatenated (see groupedConv2d).
    l.need('groupedConv2d');
    return (x: string) => `groupedConv2d(${x}, ${l.arg('groups')}, ${l.arg('filters')}, ${options(l, entries)})`;
  });

const pool = (fn: string, sameOk: boolean): FnEmitter<ParamsOf<'MaxPool2D' | 'AvgPool2D'>> => (l) =>
  windowed(l, 'size', sameOk, (padding) => layer(fn, l, [`poolSize: ${l.arg('size')}`, `strides: ${l.arg('stride')}`, ...padding]));

/** The engine's shape, with "-1" resolved: tfjs leaves it unknown, which later layers refuse. */
function reshape(l: FnLayer<ParamsOf<'Reshape'>>): FnStep[] {
  const target = l.value('shape')!;
  if (l.sizesKnown || !target.includes(-1)) return [layer('reshape', l, [`targetShape: [${(l.sizesKnown ? l.outShape : target).join(', ')}]`])];
  l.need('reshapeTarget');
  return [(x: string) => `apply(${layer('reshape', l, [`targetShape: reshapeTarget(${x}, [${target.join(', ')}])`])}, ${x})`];
}

const activation: FnEmitter<ParamsOf<'Activation'>> = (l) =>
  l.value('fn') === 'leakyRelu' ? [layer('leakyReLU', l, [`alpha: ${l.arg('alpha')}`])] : [layer('activation', l, [`activation: ${l.arg('fn')}`])];

/** Whole factors as tfjs's `size: [h, w]`; bilinear is Netwright's layer, as tfjs's samples from the corners, not the pixel centres. */
function upSampling(l: FnLayer<ParamsOf<'UpSampling2D'>>): FnStep[] {
  const size = l.value('size');
  const pair = size === undefined ? `[${l.arg('size')}, ${l.arg('size')}]` : `[${(Array.isArray(size) ? size : [size, size]).join(', ')}]`;
  if (l.value('interpolation') !== 'bilinear') return [layer('upSampling2d', l, [`size: ${pair}`])];
  l.need('upSampling');
  return [`new UpSampling(${options(l, [`size: ${pair}`, "interpolation: 'bilinear'"])})`];
}

const none: FnEmitter = () => [];

/** One row per kind, given its kind's parameters: a kind added to the registry without a row here does not compile. */
export const tfjsEmitters: FnEmitters = {
  Input: none,
  Conv2D: conv,
  MaxPool2D: pool('maxPooling2d', true),
  // "same" average pooling leaves the padding out of the average; explicit pixels count it.
  AvgPool2D: pool('averagePooling2d', false),
  GlobalAvgPool2D: (l) => [layer('globalAveragePooling2d', l)],
  GlobalMaxPool2D: (l) => [layer('globalMaxPooling2d', l)],
  // tfjs's momentum is the share of the running statistics kept, as Netwright's.
  BatchNorm: (l) => [layer('batchNormalization', l, [`epsilon: ${l.arg('epsilon')}`, `momentum: ${l.arg('momentum')}`])],
  LRN: (l) => {
    l.need('lrn');
    return [`new LocalResponseNorm(${options(l, (['size', 'alpha', 'beta', 'k'] as const).map((p) => `${p}: ${l.arg(p)}`))})`];
  },
  Dropout: (l) => [layer('dropout', l, [`rate: ${l.arg('rate')}`])],
  Flatten: (l) => [layer('flatten', l)],
  Reshape: reshape,
  ZeroPadding2D: (l) => [layer('zeroPadding2d', l, [`padding: ${padArg(paddingPairs(l.value('padding')!))}`])],
  UpSampling2D: upSampling,
  ZeroPadChannels: (l) => {
    l.need('zeroPadChannels');
    return [`new ZeroPadChannels(${options(l, [`channels: ${l.arg('channels')}`, `stride: ${l.arg('stride')}`])})`];
  },
  Dense: (l) => [layer('dense', l, [`units: ${l.arg('units')}`, ...opt('activation', l.arg('activation'), l.value('activation') === 'linear'), ...opt('useBias', l.arg('useBias'), l.value('useBias') === true)])],
  Activation: activation,
  Add: (l) => [layer('add', l)],
  Concatenate: (l) => [layer('concatenate', l)],
  Multiply: (l) => [layer('multiply', l)],
  BlockInput: none,
  BlockOutput: none,
};
