/** Pooling layers: windows and global reductions, with no weights. */
import { asPadding, asSize, sizeText } from './arith';
import { defineLayer } from './types';
import { inferWindow, needImage, paddingSpec } from './windowed';

function pool(kind: string, what: string) {
  return defineLayer({
    kind,
    title: kind,
    category: 'pooling',
    description: `Takes the ${what} of each window, per channel; no weights.`,
    params: [
      { name: 'size', label: 'Window', type: 'size', default: 2, min: 1, max: 256 },
      { name: 'stride', label: 'Stride', type: 'size', default: 2, min: 1, max: 256 },
      paddingSpec,
      { name: 'ceilMode', label: 'Ceil mode', type: 'bool', default: false, help: 'round the output size up, as PyTorch\'s ceil_mode (GoogLeNet uses it)' },
    ],
    inputs: 1,
    infer([x], p) {
      const r = inferWindow(kind, x!, { noun: 'window', param: 'size', size: asSize(p.size)!, stride: asSize(p.stride)!, padding: asPadding(p.padding)!, ceil: p.ceilMode });
      return 'error' in r ? r : { shape: [...r.hw, x![2]!] };
    },
    caption: (p) => `${sizeText(p.size)} /${asSize(p.stride)![0]}`,
    window: (p) => ({ kernel: asSize(p.size)![0], stride: asSize(p.stride)![0], dilation: 1 }),
  });
}

export const maxPool2d = pool('MaxPool2D', 'maximum');
export const avgPool2d = pool('AvgPool2D', 'average');

function globalPool(kind: string, what: string) {
  return defineLayer({
    kind,
    title: kind,
    category: 'pooling',
    description: `Takes the ${what} over the whole H×W of each channel: H×W×C → C.`,
    params: [],
    inputs: 1,
    infer: ([x]) => needImage(kind, x!) ?? { shape: [x![2]!] },
    caption: () => '',
    global: true,
  });
}

export const globalAvgPool2d = globalPool('GlobalAvgPool2D', 'average');
export const globalMaxPool2d = globalPool('GlobalMaxPool2D', 'maximum');
