/**
 * One small case per layer kind of the registry (with the branches a merge needs), shared by
 * the tests that check each kind against tfjs: shapes and parameter counts, and gradients.
 */
import { GraphBuilder } from '../../../shared/blocks/builder';
import type { LayerKind } from '../../../shared/layers/registry';
import type { Params } from '../../../shared/layers/types';

export type KindCase = [name: string, input: [number, number, number], kind: LayerKind, params: Params, branches?: Params[]];

export const kindCases: KindCase[] = [
  ['MaxPool2D 3×3 /2', [13, 13, 4], 'MaxPool2D', { size: 3, stride: 2 }],
  ['MaxPool2D 3×2 /[2,1] same', [9, 7, 4], 'MaxPool2D', { size: [3, 2], stride: [2, 1], padding: 'same' }],
  ['MaxPool2D ceil mode', [112, 112, 4], 'MaxPool2D', { size: 3, stride: 2, ceilMode: true }],
  ['AvgPool2D pad [1,0,0,1]', [8, 8, 4], 'AvgPool2D', { size: 2, stride: 2, padding: [1, 0, 0, 1] }],
  ['GlobalAvgPool2D', [7, 5, 6], 'GlobalAvgPool2D', {}],
  ['GlobalMaxPool2D', [7, 5, 6], 'GlobalMaxPool2D', {}],
  ['BatchNorm', [6, 6, 12], 'BatchNorm', {}],
  ['LRN', [6, 6, 12], 'LRN', { size: 5 }],
  ['Dropout', [6, 6, 12], 'Dropout', { rate: 0.3 }],
  ['Flatten', [6, 5, 4], 'Flatten', {}],
  ['Reshape to 1×1×C', [1, 1, 12], 'Reshape', { shape: [1, 1, -1] }],
  ['Reshape to 3×4×?', [6, 2, 4], 'Reshape', { shape: [3, 4, -1] }],
  ['ZeroPadding2D 2', [5, 5, 3], 'ZeroPadding2D', { padding: 2 }],
  ['ZeroPadding2D [0,1,2,3]', [5, 5, 3], 'ZeroPadding2D', { padding: [0, 1, 2, 3] }],
  ['UpSampling2D 2 nearest', [3, 4, 3], 'UpSampling2D', { size: 2 }],
  ['UpSampling2D [2,3] bilinear', [3, 4, 3], 'UpSampling2D', { size: [2, 3], interpolation: 'bilinear' }],
  ['ZeroPadChannels 3→8 /2 on odd sizes', [5, 7, 3], 'ZeroPadChannels', { channels: 8, stride: 2 }],
  ['ZeroPadChannels 3→5 /1', [4, 4, 3], 'ZeroPadChannels', { channels: 5, stride: 1 }],
  ...['relu', 'relu6', 'tanh', 'sigmoid', 'softmax', 'leakyRelu', 'elu', 'gelu'].map((fn): KindCase => [`Activation ${fn}`, [4, 4, 3], 'Activation', { fn }]),
  ['Add of three', [8, 8, 4], 'Add', { inputs: 3 }, [{ filters: 6 }, { filters: 6 }, { filters: 6 }]],
  ['Concatenate of four', [8, 8, 4], 'Concatenate', { inputs: 4 }, [{ filters: 1 }, { filters: 2 }, { filters: 3 }, { filters: 4 }]],
  ['Multiply', [8, 8, 4], 'Multiply', {}, [{ filters: 5 }, { filters: 5 }]],
];

/** Kinds that need no case of their own: Conv2D and Dense have theirs, the I/O kinds frame every case. */
export const kindsCoveredElsewhere: LayerKind[] = ['Conv2D', 'Dense', 'Input', 'BlockInput', 'BlockOutput'];

/** Input(h×w×c) → a 1×1 Conv2D per branch (one per merge input) → the layer, labelled "layer". */
export function caseGraph(input: [number, number, number], kind: LayerKind, params: Params, branches: Params[] = []): GraphBuilder {
  const g = new GraphBuilder();
  const x = g.add('Input', { height: input[0], width: input[1], channels: input[2] });
  const feeds = branches.length ? branches.map((p) => g.add('Conv2D', { kernel: 1, ...p }, x)) : [x];
  g.add(kind, params, feeds, 'layer');
  return g;
}
