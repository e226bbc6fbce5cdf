/**
 * TypeScript helpers that generated tfjs code includes when it uses them: the layers tfjs lacks
 * (LRN, a channel slice for grouped convolutions), written out whole so the file stands alone,
 * and registered for serialisation under the names Netwright's engine uses.
 */

export const TS_APPLY = [
  '/** Apply a layer to a tensor, or to a list of them for a merge. */',
  'const apply = (layer: tf.layers.Layer, x: tf.SymbolicTensor | tf.SymbolicTensor[]) => layer.apply(x) as tf.SymbolicTensor;',
];

export const TS_SCOPED = [
  "/** A layer's name inside a block: prefixed by the instance's, or undefined to let tfjs choose. */",
  'const scoped = (prefix: string | undefined, name: string) => (prefix === undefined ? undefined : `${prefix}_${name}`);',
];

export const TS_RESHAPE_TARGET = [
  '/** A Reshape target with its -1 worked out from the input: tfjs would leave that size unknown. */',
  'function reshapeTarget(x: tf.SymbolicTensor, target: number[]): number[] {',
  '  const total = x.shape.slice(1).reduce((a: number, b) => a * (b ?? 1), 1);',
  '  const known = target.filter((d) => d !== -1).reduce((a, b) => a * b, 1);',
  '  return target.map((d) => (d === -1 ? total / known : d));',
  '}',
];

export const TS_LRN = [
  '/** Local response normalisation across channels, as PyTorch defines it: x / (k + α/n · Σx²)^β. */',
  'class LocalResponseNorm extends tf.layers.Layer {',
  "  static className = 'NetwrightLRN';",
  '  readonly size: number;',
  '  readonly alpha: number;',
  '  readonly beta: number;',
  '  readonly k: number;',
  '',
  '  constructor(args: { size: number; alpha: number; beta: number; k: number; name?: string }) {',
  '    super({ name: args.name });',
  '    ({ size: this.size, alpha: this.alpha, beta: this.beta, k: this.k } = args);',
  '  }',
  '',
  '  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {',
  '    const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor4D;',
  '    // tfjs sums over 2r + 1 channels and does not divide alpha by them: exact for odd sizes.',
  '    return tf.localResponseNormalization(x, Math.floor(this.size / 2), this.k, this.alpha / this.size, this.beta);',
  '  }',
  '',
  '  override getConfig(): tf.serialization.ConfigDict {',
  '    return { ...super.getConfig(), size: this.size, alpha: this.alpha, beta: this.beta, k: this.k };',
  '  }',
  '}',
  'tf.serialization.registerClass(LocalResponseNorm);',
];

export const TS_GROUPED_CONV = [
  '/** Channels `start … start + count − 1` of an NHWC tensor: one group of a grouped convolution. */',
  'class ChannelSlice extends tf.layers.Layer {',
  "  static className = 'NetwrightChannelSlice';",
  '  readonly start: number;',
  '  readonly count: number;',
  '',
  '  constructor(args: { start: number; count: number; name?: string }) {',
  '    super({ name: args.name });',
  '    ({ start: this.start, count: this.count } = args);',
  '  }',
  '',
  '  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {',
  '    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;',
  '    return [...shape.slice(0, -1), this.count];',
  '  }',
  '',
  '  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {',
  '    const x = Array.isArray(inputs) ? inputs[0]! : inputs;',
  '    return tf.slice(x, [0, 0, 0, this.start], [-1, -1, -1, this.count]);',
  '  }',
  '',
  '  override getConfig(): tf.serialization.ConfigDict {',
  '    return { ...super.getConfig(), start: this.start, count: this.count };',
  '  }',
  '}',
  'tf.serialization.registerClass(ChannelSlice);',
  '',
  '/** A convolution in `groups` groups (AlexNet\'s two towers): tfjs has none, so one per channel slice, concatenated. */',
  'function groupedConv2d(x: tf.SymbolicTensor, groups: number, filters: number, args: Omit<Parameters<typeof tf.layers.conv2d>[0], \'filters\'>): tf.SymbolicTensor {',
  '  if (groups === 1) return apply(tf.layers.conv2d({ ...args, filters }), x);',
  '  const channels = x.shape[3]! / groups;',
  '  const part = (suffix: string) => (args.name === undefined ? undefined : `${args.name}_${suffix}`);',
  '  const towers = Array.from({ length: groups }, (_, g) => {',
  '    const slice = apply(new ChannelSlice({ start: g * channels, count: channels, name: part(`in${g}`) }), x);',
  '    return apply(tf.layers.conv2d({ ...args, filters: filters / groups, name: part(`g${g}`) }), slice);',
  '  });',
  '  return apply(tf.layers.concatenate({ name: args.name }), towers);',
  '}',
];
