/**
 * The shape of a layer registry entry. Each entry is data (title, category, parameter schema)
 * plus small pure functions (shape inference and statistics); everything that lists or handles
 * layers reads it.
 */

/** A tensor shape per sample: `[H, W, C]` for images, `[N]` for vectors. */
export type Shape = readonly number[];

export type ParamValue = number | string | boolean | number[];
export type Params = Record<string, ParamValue>;

/**
 * `size`: one number or `[h, w]`; `padding`: one of `options` (e.g. "valid", "same"), P pixels
 * on every side or `[top, bottom, left, right]`; `shape`: a list of sizes, -1 for "the rest".
 */
export type ParamType = 'int' | 'float' | 'enum' | 'bool' | 'size' | 'padding' | 'shape';

export interface ParamSpec {
  name: string;
  label: string;
  type: ParamType;
  default: ParamValue;
  min?: number;
  max?: number;
  /** Allowed values of an `enum`, or the named choices of a `padding` besides a number. */
  options?: readonly string[];
  help?: string;
}

/**
 * A one-click repair: new parameter values for the node, or a layer (of kind `insertBefore`,
 * with `insertParams`) to insert on the edge into input `port` (0 if absent).
 */
export interface Fix {
  label: string;
  params?: Params;
  insertBefore?: string;
  insertParams?: Params;
  port?: number;
}

export interface ShapeError {
  message: string;
  /** The parameter at fault, when there is one. */
  param?: string;
  fixes?: Fix[];
}

export type InferResult = { shape: Shape } | { error: ShapeError };

export type Category = 'input' | 'convolution' | 'pooling' | 'normalization' | 'dense' | 'activation' | 'merge' | 'reshape' | 'block';

export interface LayerDef<P extends Params = Params> {
  kind: string;
  title: string;
  category: Category;
  description: string;
  params: readonly ParamSpec[];
  /** How many inputs the layer takes (0 for Input); merges take as many as their `inputs` param. */
  inputs: number | ((p: P) => number);
  infer(inputs: readonly Shape[], p: P): InferResult;
  /** Trainable parameters (what PyTorch's `parameters()` counts), given a valid input and output. */
  paramCount?(inputs: readonly Shape[], p: P, out: Shape): number;
  /** Non-trainable parameters, e.g. BatchNorm's running mean and variance. */
  nonTrainable?(inputs: readonly Shape[], p: P, out: Shape): number;
  /** Multiply-accumulates for one sample. */
  macs?(inputs: readonly Shape[], p: P, out: Shape): number;
  /** The key parameters in a few characters, e.g. `6@5×5` for a convolution. */
  caption(p: P): string;
  /** The window this layer looks through, for the receptive field (1×1 stride 1 if absent). */
  window?(p: P): { kernel: number; stride: number; dilation: number };
  /** True for layers after which each output sees the whole input (Flatten, Dense). */
  global?: boolean;
  /**
   * True when the output is the input seen another way (a reshape, or Dropout, which is the
   * identity at inference): it takes no new memory, so it adds no activations.
   */
  view?: boolean;
}

/** What a parameter of each type holds once resolved: a `size` is 5 or [5, 3], a `padding` "same", 2 or [t, b, l, r]. */
interface ValueOfType {
  int: number;
  float: number;
  bool: boolean;
  enum: string;
  size: number | number[];
  padding: string | number | number[];
  shape: number[];
}

/** The value one declaration gives: an enum's is one of its options. */
type ValueOf<S extends ParamSpec> = S extends { type: 'enum'; options: readonly (infer O extends string)[] } ? O : ValueOfType[S['type']];

/**
 * The parameters a list of declarations gives a layer, each typed by its declaration:
 * `ParamsFrom<[{ name: 'units'; type: 'int'; … }, { name: 'useBias'; type: 'bool'; … }]>` → `{ units: number; useBias: boolean }`.
 */
export type ParamsFrom<S extends readonly ParamSpec[]> = { [Spec in S[number] as Spec['name']]: ValueOf<Spec> };

/**
 * A registry entry whose functions see the parameters its `params` declare, with their types:
 * declare `{ name: 'units', type: 'int', … }` and `p.units` is a number, `p.unit` a type error.
 */
export function defineLayer<const S extends readonly ParamSpec[]>(def: LayerDef<ParamsFrom<S>> & { params: S }): LayerDef<ParamsFrom<S>> & { params: S } {
  return def;
}

export const product = (shape: Shape): number => shape.reduce((a, b) => a * b, 1);

/** How many inputs a layer with these parameters takes. */
export const arity = <P extends Params>(def: LayerDef<P>, p: P): number => (typeof def.inputs === 'number' ? def.inputs : def.inputs(p));

/** `28×28×6` for `[28, 28, 6]`, as the lecture writes shapes. */
export const formatShape = (shape: Shape): string => shape.join('×');
