/**
 * Layers that change the shape: Flatten, Reshape and ZeroPadding2D keep the values; UpSampling2D
 * (Keras files it with them) repeats or interpolates them; ZeroPadChannels keeps every s-th pixel
 * and adds zero channels (the ResNet paper's parameter-free shortcut, option A).
 */
import { asSize } from './arith';
import { paddingPairs } from './padding';
import { defineLayer, formatShape, product } from './types';
import { needImage } from './windowed';

export const flatten = defineLayer({
  kind: 'Flatten',
  title: 'Flatten',
  category: 'reshape',
  description: 'Unrolls an H×W×C image into one vector of H·W·C values, for Dense layers.',
  params: [],
  inputs: 1,
  infer: ([x]) => ({ shape: [product(x!)] }),
  caption: () => '',
  global: true,
  view: true,
});

export const reshape = defineLayer({
  kind: 'Reshape',
  title: 'Reshape',
  category: 'reshape',
  description: 'Gives the same values a new shape with as many elements, e.g. C → 1×1×C; -1 stands for "the rest".',
  params: [{ name: 'shape', label: 'Shape', type: 'shape', default: [1, 1, -1] }],
  inputs: 1,
  infer([x], p) {
    const total = product(x!);
    const known = product(p.shape.filter((d) => d !== -1));
    const shape = p.shape.map((d) => (d === -1 ? total / known : d));
    if (!Number.isInteger(product(shape)) || product(shape) !== total || shape.some((d) => !Number.isInteger(d))) {
      return { error: { param: 'shape', message: `Reshape to ${p.shape.map((d) => (d === -1 ? '?' : d)).join('×')} needs ${known}·k elements, but ${formatShape(x!)} has ${total}` } };
    }
    return { shape };
  },
  caption: (p) => p.shape.map((d) => (d === -1 ? '?' : d)).join('×'),
  view: true,
});

export const zeroPadding2d = defineLayer({
  kind: 'ZeroPadding2D',
  title: 'ZeroPadding2D',
  category: 'reshape',
  description: 'Adds rows and columns of zeros around the image: P on every side, or [top, bottom, left, right].',
  params: [{ name: 'padding', label: 'Padding', type: 'padding', default: 1, options: [] }],
  inputs: 1,
  infer([x], p) {
    const notImage = needImage('ZeroPadding2D', x!);
    if (notImage) return notImage;
    const [[t, b], [l, r]] = paddingPairs(p.padding);
    return { shape: [x![0]! + t + b, x![1]! + l + r, x![2]!] };
  },
  caption: (p) => (Array.isArray(p.padding) ? p.padding.join(',') : String(p.padding)),
});

export const upSampling2d = defineLayer({
  kind: 'UpSampling2D',
  title: 'UpSampling2D',
  category: 'reshape',
  description: 'Enlarges the image by whole factors [h, w]: repeats each pixel (nearest) or interpolates between neighbours (bilinear, half-pixel centres as PyTorch and Keras); no weights.',
  params: [
    { name: 'size', label: 'Factor', type: 'size', default: 2, min: 1, max: 64, help: 'how many times taller and wider: 2, or [height, width]' },
    { name: 'interpolation', label: 'Interpolation', type: 'enum', default: 'nearest', options: ['nearest', 'bilinear'] },
  ],
  inputs: 1,
  infer([x], p) {
    const notImage = needImage('UpSampling2D', x!);
    if (notImage) return notImage;
    const [h, w] = asSize(p.size)!;
    return { shape: [x![0]! * h, x![1]! * w, x![2]!] };
  },
  caption: (p) => `×${Array.isArray(p.size) ? p.size.join('×') : p.size}${p.interpolation === 'bilinear' ? ' bilinear' : ''}`,
});

/**
 * The ResNet paper's option A shortcut (He et al. 2015, §3.3 and §4.2) where a stage halves the
 * size and doubles the channels: x[::s, ::s] with zero channels appended up to `channels`, no
 * parameters. `channels` 32, stride 2 on 32×32×16 → 16×16×32.
 */
export const zeroPadChannels = defineLayer({
  kind: 'ZeroPadChannels',
  title: 'ZeroPadChannels',
  category: 'reshape',
  description: 'Keeps every s-th row and column and appends channels of zeros up to C: a shortcut that changes shape without weights (the ResNet paper\'s option A).',
  params: [
    { name: 'channels', label: 'Channels', type: 'int', default: 32, min: 1, max: 65536, help: 'output channels: the input\'s, then zeros' },
    { name: 'stride', label: 'Stride', type: 'int', default: 2, min: 1, max: 64, help: 'keep every s-th row and column, from the first' },
  ],
  inputs: 1,
  infer([x], p) {
    const notImage = needImage('ZeroPadChannels', x!);
    if (notImage) return notImage;
    const [h, w, c] = x as [number, number, number];
    if (p.channels < c) {
      return { error: { param: 'channels', message: `ZeroPadChannels only adds channels: ${p.channels} is fewer than the input's ${c}`, fixes: [{ label: `Set channels to ${c}`, params: { channels: c } }] } };
    }
    return { shape: [Math.ceil(h / p.stride), Math.ceil(w / p.stride), p.channels] };
  },
  caption: (p) => `→${p.channels}${p.stride > 1 ? ` /${p.stride}` : ''}`,
  window: (p) => ({ kernel: 1, stride: p.stride, dilation: 1 }),
});
