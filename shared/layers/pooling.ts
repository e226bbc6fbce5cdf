/** Pooling layers: a window with no weights. */
import { asPadding } from './arith';
import { defineLayer, type LayerDef } from './types';
import { inferWindow, paddingSpec } from './windowed';

export interface PoolParams extends Record<string, string | number | boolean> {
  size: number;
  stride: number;
  padding: string | number;
}

function pool(kind: string, title: string, what: string): LayerDef<PoolParams> {
  return defineLayer<PoolParams>({
    kind,
    title,
    category: 'pooling',
    description: `Takes the ${what} of each window, per channel; no weights.`,
    params: [
      { name: 'size', label: 'Window', type: 'int', default: 2, min: 1, max: 256 },
      { name: 'stride', label: 'Stride', type: 'int', default: 2, min: 1, max: 256 },
      paddingSpec,
    ],
    inputs: 1,
    infer([x], p) {
      const r = inferWindow(title, x!, { noun: 'window', param: 'size', size: p.size, stride: p.stride, padding: asPadding(p.padding)! });
      return 'error' in r ? r : { shape: [...r.hw, x![2]!] };
    },
    caption: (p) => `${p.size}×${p.size} /${p.stride}`,
    window: (p) => ({ kernel: p.size, stride: p.stride, dilation: 1 }),
  });
}

export const maxPool2d = pool('MaxPool2D', 'MaxPool2D', 'maximum');
export const avgPool2d = pool('AvgPool2D', 'AvgPool2D', 'average');
