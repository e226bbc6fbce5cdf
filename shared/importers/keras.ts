/**
 * Importing a Keras model config (Sequential or Functional; Keras 2 and 3 formats) or a
 * TensorFlow.js model.json (whose `modelTopology` is a Keras config) as a Netwright document.
 * Every layer maps to a registry layer or is reported by name and position; nothing is dropped
 * silently, so an import with an unsupported layer fails with the whole list.
 */
import { GraphBuilder } from '../blocks/builder';
import type { NetwrightDocument } from '../graph/schema';
import type { LayerKind } from '../layers/registry';
import type { Params } from '../layers/types';
import { documentOf } from '../templates/build';

type Json = Record<string, any>;

export interface ImportProblem {
  index: number;
  name: string;
  className: string;
  reason: string;
}

export type ImportResult = { ok: true; doc: NetwrightDocument } | { ok: false; message: string; problems: ImportProblem[] };

/** A converted layer: one or two registry layers (a fused activation Keras has but we don't). */
type Mapped = { kind: LayerKind; params: Params }[];

const FUSED = new Set(['linear', 'relu', 'tanh', 'sigmoid', 'softmax']);
const ACTIVATION_LAYER: Record<string, string> = { relu: 'relu', tanh: 'tanh', sigmoid: 'sigmoid', softmax: 'softmax', elu: 'elu', gelu: 'gelu', leaky_relu: 'leakyRelu' };

const pair = (v: unknown): number | number[] => (Array.isArray(v) ? (v[0] === v[1] ? v[0] : [v[0], v[1]]) : (v as number));
const activationName = (a: unknown) => (typeof a === 'string' ? a : (a as Json | undefined)?.config?.name ?? (a as Json | undefined)?.class_name ?? 'linear');

/** Conv2D/Dense with a fused activation we lack become the layer and an Activation after it. */
function withActivation(kind: LayerKind, params: Params, activation: string): Mapped | string {
  if (FUSED.has(activation)) return [{ kind, params: { ...params, activation } }];
  const fn = ACTIVATION_LAYER[activation];
  return fn ? [{ kind, params: { ...params, activation: 'linear' } }, { kind: 'Activation', params: { fn } }] : `activation "${activation}" is not supported`;
}

const converters: Record<string, (c: Json) => Mapped | string> = {
  Conv2D: (c) => {
    if (c.data_format === 'channels_first') return 'channels_first convolutions are not supported';
    return withActivation('Conv2D', { filters: c.filters, kernel: pair(c.kernel_size), stride: pair(c.strides ?? 1), padding: c.padding, dilation: pair(c.dilation_rate ?? 1) as number, groups: c.groups ?? 1, useBias: c.use_bias ?? true }, activationName(c.activation));
  },
  MaxPooling2D: (c) => [{ kind: 'MaxPool2D', params: { size: pair(c.pool_size), stride: pair(c.strides ?? c.pool_size), padding: c.padding ?? 'valid' } }],
  AveragePooling2D: (c) => [{ kind: 'AvgPool2D', params: { size: pair(c.pool_size), stride: pair(c.strides ?? c.pool_size), padding: c.padding ?? 'valid' } }],
  GlobalAveragePooling2D: (c) => (c.keepdims ? 'keepdims is not supported' : [{ kind: 'GlobalAvgPool2D', params: {} }]),
  GlobalMaxPooling2D: (c) => (c.keepdims ? 'keepdims is not supported' : [{ kind: 'GlobalMaxPool2D', params: {} }]),
  BatchNormalization: (c) => (c.axis !== undefined && ![-1, 3, [3]].some((a) => JSON.stringify(a) === JSON.stringify(c.axis)) ? `BatchNormalization over axis ${JSON.stringify(c.axis)} is not supported` : [{ kind: 'BatchNorm', params: { epsilon: c.epsilon ?? 1e-3, momentum: c.momentum ?? 0.99 } }]),
  Dropout: (c) => [{ kind: 'Dropout', params: { rate: c.rate } }],
  Flatten: () => [{ kind: 'Flatten', params: {} }],
  Dense: (c) => withActivation('Dense', { units: c.units, useBias: c.use_bias ?? true }, activationName(c.activation)),
  Activation: (c) => {
    const a = activationName(c.activation);
    if (a === 'linear') return [];
    return ACTIVATION_LAYER[a] ? [{ kind: 'Activation', params: { fn: ACTIVATION_LAYER[a]! } }] : `activation "${a}" is not supported`;
  },
  ReLU: (c) => {
    if (c.max_value != null || c.threshold) return 'ReLU with a maximum or threshold is not supported';
    const params: Params = c.negative_slope ? { fn: 'leakyRelu', alpha: c.negative_slope } : { fn: 'relu' };
    return [{ kind: 'Activation', params }];
  },
  LeakyReLU: (c) => [{ kind: 'Activation', params: { fn: 'leakyRelu', alpha: c.negative_slope ?? c.alpha ?? 0.3 } }],
  ELU: (c) => ((c.alpha ?? 1) === 1 ? [{ kind: 'Activation', params: { fn: 'elu' } }] : 'ELU with alpha ≠ 1 is not supported'),
  Softmax: () => [{ kind: 'Activation', params: { fn: 'softmax' } }],
  Reshape: (c) => [{ kind: 'Reshape', params: { shape: c.target_shape } }],
  ZeroPadding2D: (c) => {
    const p = c.padding;
    const pads = typeof p === 'number' ? p : Array.isArray(p[0]) ? [p[0][0], p[0][1], p[1][0], p[1][1]] : [p[0], p[0], p[1], p[1]];
    return [{ kind: 'ZeroPadding2D', params: { padding: pads } }];
  },
  Add: () => [{ kind: 'Add', params: {} }],
  Multiply: () => [{ kind: 'Multiply', params: {} }],
  Concatenate: (c) => ([-1, 3].includes(c.axis ?? -1) ? [{ kind: 'Concatenate', params: {} }] : `concatenation along axis ${c.axis} is not supported`),
};

/** `importModel(JSON.parse(text), 'model.json')`: a tfjs model.json or a Keras model config. */
export function importModel(json: unknown, name = 'Imported model'): ImportResult {
  const topology = (json as Json)?.modelTopology ?? json;
  const model = (topology as Json)?.model_config ?? topology;
  const className = (model as Json)?.class_name;
  if (className !== 'Sequential' && className !== 'Functional' && className !== 'Model') {
    return { ok: false, message: 'Not a Keras or TensorFlow.js model: expected a model config with class_name "Sequential" or "Functional".', problems: [] };
  }
  const config = (model as Json).config;
  const layers: Json[] = Array.isArray(config) ? config : (config?.layers ?? []);
  const g = new GraphBuilder();
  const problems: ImportProblem[] = [];
  const out = new Map<string, string>();
  let prev: string | undefined;
  const sequential = className === 'Sequential';

  const input = (shape: unknown[], layerName: string) => {
    const [h, w, c] = shape.slice(-3) as number[];
    return g.add('Input', { height: h!, width: w!, channels: c! }, [], layerName);
  };
  if (sequential) {
    const first = layers[0]?.config ?? {};
    const shape = first.batch_input_shape ?? first.batch_shape;
    if (!shape || shape.length !== 4) return { ok: false, message: 'The model does not say the shape of its input images (batch_input_shape [null, H, W, C]).', problems: [] };
    prev = input(shape, 'Input');
  }

  layers.forEach((layer, index) => {
    const cls: string = layer.class_name;
    const layerName: string = layer.config?.name ?? layer.name ?? `layer ${index}`;
    if (cls === 'InputLayer') {
      const shape = layer.config.batch_input_shape ?? layer.config.batch_shape;
      if (!sequential) out.set(layerName, input(shape, layerName));
      return;
    }
    const convert = converters[cls];
    const mapped = convert ? convert(layer.config ?? {}) : `${cls} has no Netwright equivalent`;
    if (typeof mapped === 'string') {
      problems.push({ index, name: layerName, className: cls, reason: mapped });
      return;
    }
    const sources = sequential ? [prev!] : inboundNames(layer).map((n) => out.get(n)!);
    if (sources.some((s) => s === undefined)) return; // fed by a layer already reported
    let current: string | string[] = sources.length === 1 ? sources[0]! : sources;
    mapped.forEach((m, i) => {
      const params = m.kind === 'Add' || m.kind === 'Concatenate' || m.kind === 'Multiply' ? { ...m.params, inputs: sources.length } : m.params;
      current = g.add(m.kind, params, current, i === 0 ? layerName : `${layerName} ${String(m.params.fn ?? '')}`.trim());
    });
    // A linear Activation maps to nothing: its output is its input.
    const result = typeof current === 'string' ? current : sources[0]!;
    out.set(layerName, result);
    prev = result;
  });

  if (problems.length > 0) {
    const list = problems.map((p) => `#${p.index + 1} "${p.name}" (${p.className}): ${p.reason}`).join('; ');
    return { ok: false, problems, message: `${problems.length} layer${problems.length > 1 ? 's' : ''} cannot be imported: ${list}.` };
  }
  return { ok: true, doc: documentOf((config?.name as string | undefined) ?? name, `Imported from ${name}.`, g) };
}

/** The names of the layers feeding a Functional-model layer (Keras 2 and Keras 3 formats). */
function inboundNames(layer: Json): string[] {
  const nodes = layer.inbound_nodes ?? [];
  const first = nodes[0];
  if (!first) return [];
  if (Array.isArray(first)) return first.map((t: unknown[]) => t[0] as string);
  const args: Json[] = (first.args ?? []).flat();
  return args.map((a) => a.config?.keras_history?.[0]).filter((n): n is string => typeof n === 'string');
}
