/**
 * The shape of a layer registry entry. Each entry is data (title, category, parameter schema)
 * plus small pure functions (shape inference and statistics); everything that lists or handles
 * layers reads it.
 */

/** A tensor shape per sample: `[H, W, C]` for images, `[N]` for vectors. */
export type Shape = readonly number[];

export type ParamValue = number | string | boolean;
export type Params = Record<string, ParamValue>;

export type ParamType = 'int' | 'float' | 'enum' | 'bool' | 'padding';

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

/** A one-click repair: new parameter values for the node, or a layer to insert before it. */
export interface Fix {
  label: string;
  params?: Params;
  insertBefore?: string;
}

export interface ShapeError {
  message: string;
  /** The parameter at fault, when there is one. */
  param?: string;
  fixes?: Fix[];
}

export type InferResult = { shape: Shape } | { error: ShapeError };

export type Category = 'input' | 'convolution' | 'pooling' | 'dense' | 'activation' | 'regularization' | 'reshape';

export interface LayerDef<P extends Params = Params> {
  kind: string;
  title: string;
  category: Category;
  description: string;
  params: readonly ParamSpec[];
  /** How many inputs the layer takes (0 for Input). */
  inputs: number;
  infer(inputs: readonly Shape[], p: P): InferResult;
  /** Trainable and non-trainable parameters, given a valid input and output. */
  paramCount?(inputs: readonly Shape[], p: P, out: Shape): number;
  /** Multiply-accumulates for one sample. */
  macs?(inputs: readonly Shape[], p: P, out: Shape): number;
  /** The key parameters in a few characters, e.g. `6@5×5` for a convolution. */
  caption(p: P): string;
  /** The window this layer looks through, for the receptive field (1×1 stride 1 if absent). */
  window?(p: P): { kernel: number; stride: number; dilation: number };
  /** True for layers after which each output sees the whole input (Flatten, Dense). */
  global?: boolean;
}

/** Type a registry entry with its own parameter type, e.g. `defineLayer<ConvParams>({...})`. */
export function defineLayer<P extends Params>(def: LayerDef<P>): LayerDef<P> {
  return def;
}

export const product = (shape: Shape): number => shape.reduce((a, b) => a * b, 1);

/** `28×28×6` for `[28, 28, 6]`, as the lecture writes shapes. */
export const formatShape = (shape: Shape): string => shape.join('×');
