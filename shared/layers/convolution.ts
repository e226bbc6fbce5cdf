/** Convolution layers. */
import { asPadding, type Padding } from './arith';
import { activationSpec } from './activation';
import { defineLayer, product } from './types';
import { inferWindow, paddingSpec, strideSpec } from './windowed';

export interface ConvParams extends Record<string, string | number | boolean> {
  filters: number;
  kernel: number;
  stride: number;
  padding: string | number;
  activation: string;
  useBias: boolean;
}

const pad = (p: ConvParams): Padding => asPadding(p.padding)!;

export const conv2d = defineLayer<ConvParams>({
  kind: 'Conv2D',
  title: 'Conv2D',
  category: 'convolution',
  description: 'Slides `filters` learned K×K kernels over the image; each sees every input channel.',
  params: [
    { name: 'filters', label: 'Filters', type: 'int', default: 32, min: 1, max: 65536 },
    { name: 'kernel', label: 'Kernel', type: 'int', default: 3, min: 1, max: 256 },
    strideSpec,
    paddingSpec,
    activationSpec,
    { name: 'useBias', label: 'Bias', type: 'bool', default: true },
  ],
  inputs: 1,
  infer([x], p) {
    const r = inferWindow('Conv2D', x!, { noun: 'kernel', param: 'kernel', size: p.kernel, stride: p.stride, padding: pad(p) });
    return 'error' in r ? r : { shape: [...r.hw, p.filters] };
  },
  paramCount: ([x], p) => p.kernel * p.kernel * x![2]! * p.filters + (p.useBias ? p.filters : 0),
  macs: ([x], p, out) => product(out) * p.kernel * p.kernel * x![2]!,
  caption: (p) => `${p.filters}@${p.kernel}×${p.kernel}${p.stride > 1 ? ` /${p.stride}` : ''}`,
  window: (p) => ({ kernel: p.kernel, stride: p.stride, dilation: 1 }),
});
