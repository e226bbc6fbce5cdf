/**
 * The layer registry: one entry per kind. The palette, inspector, shape inference, compiler and
 * code generators all read it; tables keyed by `LayerKind` must name every kind.
 */
import { activation } from './activation';
import { conv2d } from './convolution';
import { dense } from './dense';
import { blockInput, blockOutput, input } from './io';
import { add, concatenate, multiply } from './merge';
import { batchNorm, dropout, lrn } from './normalization';
import { avgPool2d, globalAvgPool2d, globalMaxPool2d, maxPool2d } from './pooling';
import { flatten, reshape, upSampling2d, zeroPadChannels, zeroPadding2d } from './reshape';
import { resolveParams } from './params';
import type { LayerDef, Params, ParamsFrom } from './types';

const entries = {
  Input: input,
  Conv2D: conv2d,
  MaxPool2D: maxPool2d,
  AvgPool2D: avgPool2d,
  GlobalAvgPool2D: globalAvgPool2d,
  GlobalMaxPool2D: globalMaxPool2d,
  BatchNorm: batchNorm,
  LRN: lrn,
  Dropout: dropout,
  Flatten: flatten,
  Reshape: reshape,
  ZeroPadding2D: zeroPadding2d,
  UpSampling2D: upSampling2d,
  ZeroPadChannels: zeroPadChannels,
  Dense: dense,
  Activation: activation,
  Add: add,
  Concatenate: concatenate,
  Multiply: multiply,
  BlockInput: blockInput,
  BlockOutput: blockOutput,
} as const;

export type LayerKind = keyof typeof entries;

/**
 * The parameters of a kind, typed from its entry's declarations: `ParamsOf<'Dense'>` →
 * `{ units: number; activation: 'linear' | 'relu' | …; useBias: boolean }`. For a union of kinds,
 * the union of their parameters. Tables keyed by kind type each row with it, so a misspelled
 * parameter is a type error.
 */
export type ParamsOf<K extends LayerKind> = K extends LayerKind ? ParamsFrom<(typeof entries)[K]['params']> : never;

/** Every entry, in palette order. */
export const layers: Readonly<Record<LayerKind, LayerDef>> = entries as unknown as Record<LayerKind, LayerDef>;
export const layerKinds = Object.keys(entries) as LayerKind[];

export const isLayerKind = (kind: string): kind is LayerKind => Object.prototype.hasOwnProperty.call(entries, kind);

/**
 * A block definition's ports (the kinds of category "block": BlockInput and BlockOutput): where an
 * instance's edges come in and go out, not layers of their own.
 */
export const isBlockPort = (kind: string): boolean => isLayerKind(kind) && layers[kind].category === 'block';

/** Where a graph's data comes from (the kinds that take no inputs): the network's Input, or a block's BlockInput. */
export const isGraphInput = (kind: string): boolean => isLayerKind(kind) && layers[kind].inputs === 0;

/** The registry entry for a kind, e.g. `layerDef('Conv2D').title`. */
export const layerDef = (kind: LayerKind): LayerDef => layers[kind];

/** The default parameters of a kind, e.g. for a node dropped from the palette. */
export function defaultParams(kind: LayerKind): Params {
  return Object.fromEntries(layers[kind].params.map((s) => [s.name, Array.isArray(s.default) ? [...s.default] : s.default]));
}

/**
 * How many input ports a node shows: fixed for most kinds, the `inputs` parameter for merges
 * (its default while the value is invalid). `inputCount('Concatenate', { inputs: 4 })` → 4.
 */
export function inputCount(kind: LayerKind, rawParams: Record<string, unknown>): number {
  const def = layers[kind];
  if (typeof def.inputs === 'number') return def.inputs;
  const resolved = resolveParams(def, rawParams);
  return def.inputs(resolved.ok ? resolved.params : defaultParams(kind));
}
