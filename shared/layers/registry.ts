/**
 * The layer registry: one entry per kind. The palette, inspector, shape inference, compiler and
 * code generators all read it; tables keyed by `LayerKind` must name every kind.
 */
import { activation, dropout } from './activation';
import { conv2d } from './convolution';
import { dense } from './dense';
import { avgPool2d, maxPool2d } from './pooling';
import { flatten, input } from './reshape';
import type { LayerDef, Params } from './types';

const entries = {
  Input: input,
  Conv2D: conv2d,
  MaxPool2D: maxPool2d,
  AvgPool2D: avgPool2d,
  Flatten: flatten,
  Dense: dense,
  Activation: activation,
  Dropout: dropout,
} as const;

export type LayerKind = keyof typeof entries;

/** Every entry, in palette order. */
export const layers: Readonly<Record<LayerKind, LayerDef>> = entries as unknown as Record<LayerKind, LayerDef>;
export const layerKinds = Object.keys(entries) as LayerKind[];

export const isLayerKind = (kind: string): kind is LayerKind => Object.prototype.hasOwnProperty.call(entries, kind);

/** The registry entry for a kind, e.g. `layerDef('Conv2D').title`. */
export const layerDef = (kind: LayerKind): LayerDef => layers[kind];

/** The default parameters of a kind, e.g. for a node dropped from the palette. */
export function defaultParams(kind: LayerKind): Params {
  return Object.fromEntries(layers[kind].params.map((s) => [s.name, s.default]));
}
