/**
 * One Keras emitter per layer kind: the layer objects a node becomes, applied in turn. Keras is
 * channels-last like Netwright, so shapes and Reshape targets carry over as they are.
 */
import { paddingPairs, type Pairs } from '../layers/padding';
import type { ParamsOf } from '../layers/registry';
import { depthMultiplier, fnPadding, type FnEmitter, type FnEmitters, type FnLayer } from './functional';

/** ZeroPadding2D's argument: `2`, or `((top, bottom), (left, right))`. */
const padArg = ([[t, b], [l, r]]: Pairs) => (t === b && t === l && t === r ? String(t) : `((${t}, ${b}), (${l}, ${r}))`);
const isOne = (v: unknown) => v === 1 || (Array.isArray(v) && v.every((x) => x === 1));
const kw = (name: string, text: string, skip: boolean) => (skip ? [] : [`${name}=${text}`]);
const call = (layer: string, args: string[], l: FnLayer, suffix?: string) => `${layer}(${[...args, `name=${l.name(suffix)}`].join(', ')})`;

/** A window layer: its padding layer, if any, then the window itself. */
function windowed(l: FnLayer, windowParam: string, layer: string, args: (padding: string[]) => string[]): string[] {
  const pad = fnPadding(l, windowParam, layer !== 'layers.AveragePooling2D');
  const padding = pad.same ? ['padding="same"'] : [];
  return [...(pad.pairs ? [call('layers.ZeroPadding2D', [padArg(pad.pairs)], l, 'pad')] : []), call(layer, args(padding), l)];
}

const conv: FnEmitter<ParamsOf<'Conv2D'>> = (l) => {
  // One group per input channel is a depthwise convolution: Keras has a layer for it (and its
  // grouped Conv2D does not run on TensorFlow's CPU).
  const multiplier = depthMultiplier(l);
  if (multiplier !== undefined) {
    return windowed(l, 'kernel', 'layers.DepthwiseConv2D', (padding) => [
      l.arg('kernel'),
      ...kw('strides', l.arg('stride'), isOne(l.value('stride'))),
      ...padding,
      ...kw('depth_multiplier', String(multiplier), multiplier === 1),
      ...kw('dilation_rate', l.arg('dilation'), l.value('dilation') === 1),
      ...kw('activation', l.arg('activation'), l.value('activation') === 'linear'),
      ...kw('use_bias', l.arg('useBias'), l.value('useBias') === true),
    ]);
  }
  return windowed(l, 'kernel', 'layers.Conv2D', (padding) => [
    l.arg('filters'),
    l.arg('kernel'),
    ...kw('strides', l.arg('stride'), isOne(l.value('stride'))),
    ...padding,
    ...kw('dilation_rate', l.arg('dilation'), l.value('dilation') === 1),
    ...kw('groups', l.arg('groups'), l.value('groups') === 1),
    ...kw('activation', l.arg('activation'), l.value('activation') === 'linear'),
    ...kw('use_bias', l.arg('useBias'), l.value('useBias') === true),
  ]);
};

const pool =
  (layer: string): FnEmitter<ParamsOf<'MaxPool2D' | 'AvgPool2D'>> =>
  (l) =>
    windowed(l, 'size', layer, (padding) => [l.arg('size'), `strides=${l.arg('stride')}`, ...padding]);

const ACTIVATIONS: Partial<Record<ParamsOf<'Activation'>['fn'], (l: FnLayer<ParamsOf<'Activation'>>) => string>> = {
  leakyRelu: (l) => call('layers.ReLU', [`negative_slope=${l.arg('alpha')}`], l),
  relu6: (l) => call('layers.ReLU', ['max_value=6.0'], l),
};

const none: FnEmitter = () => [];

/** One row per kind, given its kind's parameters: a kind added to the registry without a row here does not compile. */
export const kerasEmitters: FnEmitters = {
  Input: none,
  Conv2D: conv,
  MaxPool2D: pool('layers.MaxPooling2D'),
  AvgPool2D: pool('layers.AveragePooling2D'),
  GlobalAvgPool2D: (l) => [call('layers.GlobalAveragePooling2D', [], l)],
  GlobalMaxPool2D: (l) => [call('layers.GlobalMaxPooling2D', [], l)],
  // Keras's momentum is the share of the running statistics kept, as Netwright's.
  BatchNorm: (l) => [call('layers.BatchNormalization', [`epsilon=${l.arg('epsilon')}`, `momentum=${l.arg('momentum')}`], l)],
  LRN: (l) => {
    l.need('lrn');
    return [call('LocalResponseNorm', (['size', 'alpha', 'beta', 'k'] as const).map((p) => `${p}=${l.arg(p)}`), l)];
  },
  Dropout: (l) => [call('layers.Dropout', [l.arg('rate')], l)],
  Flatten: (l) => [call('layers.Flatten', [], l)],
  Reshape: (l) => [call('layers.Reshape', [l.arg('shape')], l)],
  ZeroPadding2D: (l) => {
    const padding = l.value('padding');
    return [call('layers.ZeroPadding2D', [padding !== undefined ? padArg(paddingPairs(padding)) : l.arg('padding')], l)];
  },
  UpSampling2D: (l) => [call('layers.UpSampling2D', [l.arg('size'), ...kw('interpolation', l.arg('interpolation'), l.value('interpolation') === 'nearest')], l)],
  ZeroPadChannels: (l) => {
    l.need('zeroPadChannels');
    return [call('ZeroPadChannels', [l.arg('channels'), `stride=${l.arg('stride')}`], l)];
  },
  Dense: (l) => [
    call('layers.Dense', [l.arg('units'), ...kw('activation', l.arg('activation'), l.value('activation') === 'linear'), ...kw('use_bias', l.arg('useBias'), l.value('useBias') === true)], l),
  ],
  Activation: (l) => [ACTIVATIONS[l.value('fn')!]?.(l) ?? call('layers.Activation', [l.arg('fn')], l)],
  Add: (l) => [call('layers.Add', [], l)],
  Concatenate: (l) => [call('layers.Concatenate', [], l)],
  Multiply: (l) => [call('layers.Multiply', [], l)],
  BlockInput: none,
  BlockOutput: none,
};

/** Keras has no local response normalisation layer; this one has PyTorch's definition. */
export const KERAS_LRN = [
  'class LocalResponseNorm(layers.Layer):',
  '    """x / (k + alpha / size * sum of x² over `size` neighbouring channels) ** beta, as PyTorch defines it."""',
  '',
  '    def __init__(self, size=5, alpha=1e-4, beta=0.75, k=2.0, **kwargs):',
  '        super().__init__(**kwargs)',
  '        self.size, self.alpha, self.beta, self.k = size, alpha, beta, k',
  '',
  '    def call(self, x):',
  '        # TensorFlow sums over 2r + 1 channels and does not divide alpha by them: exact for odd sizes.',
  '        return tf.nn.local_response_normalization(',
  '            x, depth_radius=self.size // 2, bias=self.k, alpha=self.alpha / self.size, beta=self.beta',
  '        )',
  '',
  '    def get_config(self):',
  '        return {**super().get_config(), "size": self.size, "alpha": self.alpha, "beta": self.beta, "k": self.k}',
];

/** Keras has no layer that adds channels: this one is the ResNet paper's option A shortcut. */
export const KERAS_ZERO_PAD_CHANNELS = [
  'class ZeroPadChannels(layers.Layer):',
  '    """x[:, ::stride, ::stride] with channels of zeros appended up to `channels`: the ResNet paper\'s option A."""',
  '',
  '    def __init__(self, channels, stride=1, **kwargs):',
  '        super().__init__(**kwargs)',
  '        self.channels, self.stride = channels, stride',
  '',
  '    def call(self, x):',
  '        x = x[:, :: self.stride, :: self.stride, :]',
  '        return tf.pad(x, [[0, 0], [0, 0], [0, 0], [0, self.channels - x.shape[-1]]])',
  '',
  '    def get_config(self):',
  '        return {**super().get_config(), "channels": self.channels, "stride": self.stride}',
];

/** The layer classes a layer can ask for (`FnLayer.need`), in the order the file gives them; each needs `import tensorflow as tf`. */
export const KERAS_HELPERS: Record<string, string[]> = { lrn: KERAS_LRN, zeroPadChannels: KERAS_ZERO_PAD_CHANNELS };
