/**
 * One converter per Keras layer class: the registry layers a Keras layer becomes, or why it cannot
 * be imported. Converters read a layer's config only through `get` (own properties of the parsed
 * JSON, never Object.prototype's) and pass values on as they are: the registry's own parameter
 * checks judge them when the imported document is validated, so the limits are the document's.
 */
import type { LayerKind } from '../layers/registry';
import { showValue as show } from '../layers/params';
import type { Shape } from '../layers/types';

/** An own property of a layer's config (undefined where absent). */
export type Get = (key: string) => unknown;

/**
 * A converted layer: registry layers in a chain (Conv2D then the Activation Keras fuses and
 * Netwright does not). Parameters are the file's values, unchecked: validation checks them.
 */
export type Mapped = { kind: LayerKind; params: Raw }[];
export type Raw = Record<string, unknown>;

/** What a converter knows of the layer's input: its shape per sample, when inference has it. */
export type Converter = (get: Get, input: Shape | undefined) => Mapped | string;

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** An own property of a parsed JSON object; a key such as "constructor" is never Object.prototype's. */
export const own = (o: unknown, key: string): unknown => (isRecord(o) && Object.hasOwn(o, key) ? o[key] : undefined);

/** Activations Conv2D and Dense fuse (their `activation` parameter). */
const FUSED = new Map([['linear', 'linear'], ['relu', 'relu'], ['tanh', 'tanh'], ['sigmoid', 'sigmoid'], ['softmax', 'softmax']]);
/** Keras activation names Netwright has as an Activation layer's function. */
const ACTIVATION_LAYER = new Map([
  ['relu', 'relu'],
  ['relu6', 'relu6'],
  ['tanh', 'tanh'],
  ['sigmoid', 'sigmoid'],
  ['softmax', 'softmax'],
  ['elu', 'elu'],
  ['gelu', 'gelu'],
  ['leaky_relu', 'leakyRelu'],
]);

/** A Keras activation: "relu", or a serialised one `{ class_name, config: { name } }`. */
function activationName(a: unknown): unknown {
  if (a === undefined || a === null) return 'linear';
  if (!isRecord(a)) return a;
  return own(own(a, 'config'), 'name') ?? own(a, 'class_name');
}

/** `[3, 3]` → 3, `[3, 1]` → [3, 1]; anything else as it is, for the parameter check to judge. */
function pair(v: unknown): unknown {
  if (!Array.isArray(v)) return v;
  if (v.length === 1) return v[0];
  return v.length === 2 && v[0] === v[1] ? v[0] : v;
}

/** The layer with its fused activation, or the layer and an Activation after it. */
function withActivation(kind: 'Conv2D' | 'Dense', params: Raw, get: Get): Mapped | string {
  const name = activationName(get('activation'));
  const fused = typeof name === 'string' ? FUSED.get(name) : undefined;
  if (fused) return [{ kind, params: { ...params, activation: fused } }];
  const fn = typeof name === 'string' ? ACTIVATION_LAYER.get(name) : undefined;
  return fn ? [{ kind, params: { ...params, activation: 'linear' } }, { kind: 'Activation', params: { fn } }] : `activation ${show(name)} is not supported`;
}

/** A key a layer cannot do without (Conv2D's filters): its absence is a damaged file, not a default. */
const missing = (get: Get, ...keys: string[]) => {
  const key = keys.find((k) => get(k) === undefined);
  return key === undefined ? undefined : `its config has no ${key}`;
};

/** Netwright's images are channels-last. */
const channelsFirst = (get: Get) => (get('data_format') === 'channels_first' ? 'channels_first data is not supported (Netwright is channels-last)' : undefined);

/** Keras's axis (counting the batch) as the axis of one sample's shape, negative or not: for a [H, W, C] input, 3 and -1 are both 2. */
function sampleAxis(axis: unknown, input: Shape | undefined): number | undefined {
  const a = Array.isArray(axis) && axis.length === 1 ? axis[0] : axis;
  if (typeof a !== 'number' || !Number.isInteger(a) || !input) return undefined;
  return a < 0 ? input.length + a : a - 1;
}

/** True when `axis` is the last axis of the input (the channels); true too where the input is not known yet. */
function lastAxis(axis: unknown, input: Shape | undefined): boolean {
  if (axis === undefined || axis === -1 || (Array.isArray(axis) && axis.length === 1 && axis[0] === -1)) return true;
  if (!input) return true;
  return sampleAxis(axis, input) === input.length - 1;
}

const rank = (input: Shape | undefined) => (input ? `${input.length + 1}-D` : '');

function window(kind: 'MaxPool2D' | 'AvgPool2D'): Converter {
  return (get) => channelsFirst(get) ?? [{ kind, params: { size: pair(get('pool_size') ?? 2), stride: pair(get('strides') ?? get('pool_size') ?? 2), padding: get('padding') ?? 'valid' } }];
}

function globalPool(kind: 'GlobalAvgPool2D' | 'GlobalMaxPool2D'): Converter {
  return (get) => channelsFirst(get) ?? (get('keepdims') === true ? 'keepdims is not supported' : [{ kind, params: {} }]);
}

const merge =
  (kind: 'Add' | 'Multiply'): Converter =>
  () => [{ kind, params: {} }];

/** Keras 2's `padding` of ZeroPadding2D: 1, [1, 2] (rows, columns) or [[top, bottom], [left, right]]. */
function zeroPadding(get: Get): Mapped | string {
  const p = get('padding') ?? 1;
  if (Array.isArray(p) && p.length !== 2) return `padding ${show(p)} is not [rows, columns]`;
  const rows = Array.isArray(p) ? p[0] : p;
  const cols = Array.isArray(p) ? p[1] : p;
  const sides = (v: unknown) => (Array.isArray(v) ? v : [v, v]);
  const [t, b] = sides(rows);
  const [l, r] = sides(cols);
  const padding = t === b && t === l && t === r ? t : [t, b, l, r];
  return channelsFirst(get) ?? [{ kind: 'ZeroPadding2D', params: { padding } }];
}

/** Keras's ReLU layer: plain, capped at 6 (MobileNet's ReLU6), or leaky; other caps and thresholds have no equivalent. */
function relu(get: Get): Mapped | string {
  const max = get('max_value') ?? null;
  const slope = get('negative_slope') ?? 0;
  const threshold = get('threshold') ?? 0;
  if (threshold !== 0) return `ReLU with threshold ${show(threshold)} is not supported`;
  if (max !== null && max !== 6) return `ReLU with max_value ${show(max)} is not supported (only 6: ReLU6)`;
  if (max === 6 && slope !== 0) return 'ReLU6 with a negative slope is not supported';
  if (max === 6) return [{ kind: 'Activation', params: { fn: 'relu6' } }];
  return [{ kind: 'Activation', params: slope === 0 ? { fn: 'relu' } : { fn: 'leakyRelu', alpha: slope } }];
}

/**
 * DepthwiseConv2D is Conv2D with one group per input channel: `depth_multiplier` filters each,
 * as PyTorch writes it (Conv2d with groups = in_channels). Where the input's channels are not
 * known (an earlier layer has an error, which validation reports), one channel stands in.
 */
function depthwise(get: Get, input: Shape | undefined): Mapped | string {
  const multiplier = get('depth_multiplier') ?? 1;
  if (typeof multiplier !== 'number' || !Number.isInteger(multiplier) || multiplier < 1 || multiplier > 65536) return `depth_multiplier must be a whole number from 1 to 65536, got ${show(multiplier)}`;
  const channels = input?.length === 3 ? input[2]! : 1;
  const params = { filters: channels * multiplier, groups: channels, ...convParams(get) };
  return missing(get, 'kernel_size') ?? channelsFirst(get) ?? withActivation('Conv2D', params, get);
}

const convParams = (get: Get) => ({ kernel: pair(get('kernel_size')), stride: pair(get('strides') ?? 1), padding: get('padding') ?? 'valid', dilation: pair(get('dilation_rate') ?? 1), useBias: get('use_bias') ?? true });

/** Keras class name → converter. A Map, so that a class named "constructor" or "__proto__" is simply not in it. */
export const converters: ReadonlyMap<string, Converter> = new Map<string, Converter>([
  ['Conv2D', (get) => missing(get, 'filters', 'kernel_size') ?? channelsFirst(get) ?? withActivation('Conv2D', { filters: get('filters'), groups: get('groups') ?? 1, ...convParams(get) }, get)],
  ['DepthwiseConv2D', depthwise],
  ['MaxPooling2D', window('MaxPool2D')],
  ['AveragePooling2D', window('AvgPool2D')],
  ['GlobalAveragePooling2D', globalPool('GlobalAvgPool2D')],
  ['GlobalMaxPooling2D', globalPool('GlobalMaxPool2D')],
  [
    'BatchNormalization',
    (get, input) => {
      // Keras 2 code often says axis=1 after a Dense: on a [batch, units] tensor that is the last axis too.
      if (!lastAxis(get('axis'), input)) return `BatchNormalization over axis ${show(get('axis'))} of a ${rank(input)} tensor is not supported (only the last axis, the channels)`;
      if (get('center') === false || get('scale') === false) return 'BatchNormalization without its learned shift (center) or scale is not supported';
      return [{ kind: 'BatchNorm', params: { epsilon: get('epsilon') ?? 1e-3, momentum: get('momentum') ?? 0.99 } }];
    },
  ],
  ['Dropout', (get) => missing(get, 'rate') ?? [{ kind: 'Dropout', params: { rate: get('rate') } }]],
  ['Flatten', () => [{ kind: 'Flatten', params: {} }]],
  ['Dense', (get) => missing(get, 'units') ?? withActivation('Dense', { units: get('units'), useBias: get('use_bias') ?? true }, get)],
  [
    'Activation',
    (get) => {
      const name = activationName(get('activation'));
      if (name === 'linear') return [];
      const fn = typeof name === 'string' ? ACTIVATION_LAYER.get(name) : undefined;
      return fn ? [{ kind: 'Activation', params: { fn } }] : `activation ${show(name)} is not supported`;
    },
  ],
  ['ReLU', relu],
  ['LeakyReLU', (get) => [{ kind: 'Activation', params: { fn: 'leakyRelu', alpha: get('negative_slope') ?? get('alpha') ?? 0.3 } }]],
  ['ELU', (get) => ((get('alpha') ?? 1) === 1 ? [{ kind: 'Activation', params: { fn: 'elu' } }] : 'ELU with alpha ≠ 1 is not supported')],
  ['Softmax', (get, input) => (lastAxis(get('axis'), input) ? [{ kind: 'Activation', params: { fn: 'softmax' } }] : `softmax over axis ${show(get('axis'))} is not supported`)],
  ['Reshape', (get) => missing(get, 'target_shape') ?? [{ kind: 'Reshape', params: { shape: get('target_shape') } }]],
  ['ZeroPadding2D', zeroPadding],
  ['UpSampling2D', (get) => channelsFirst(get) ?? [{ kind: 'UpSampling2D', params: { size: pair(get('size') ?? 2), interpolation: get('interpolation') ?? 'nearest' } }]],
  ['Add', merge('Add')],
  ['Multiply', merge('Multiply')],
  ['Concatenate', (get, input) => (lastAxis(get('axis'), input) ? [{ kind: 'Concatenate', params: {} }] : `concatenation along axis ${show(get('axis'))} is not supported (only the channels)`)],
]);
