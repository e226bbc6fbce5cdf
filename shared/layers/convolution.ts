/** Convolution layers. */
import { asPadding, asSize, sizeText, type Padding } from './arith';
import { activationSpec } from './activation';
import { defineLayer, product, type ParamValue } from './types';
import { inferWindow, needImage, paddingSpec, strideSpec } from './windowed';

const pad = (p: { padding: ParamValue }): Padding => asPadding(p.padding)!;
const kernel = (p: { kernel: ParamValue }) => asSize(p.kernel)!;

export const conv2d = defineLayer({
  kind: 'Conv2D',
  title: 'Conv2D',
  category: 'convolution',
  description: 'Slides `filters` learned kernels over the image; each sees every input channel of its group.',
  params: [
    { name: 'filters', label: 'Filters', type: 'int', default: 32, min: 1, max: 65536 },
    { name: 'kernel', label: 'Kernel', type: 'size', default: 3, min: 1, max: 256 },
    strideSpec,
    paddingSpec,
    { name: 'dilation', label: 'Dilation', type: 'int', default: 1, min: 1, max: 64, help: 'gaps between kernel taps: a 3×3 kernel with dilation 2 spans 5×5' },
    { name: 'groups', label: 'Groups', type: 'int', default: 1, min: 1, max: 65536, help: 'split channels into groups convolved separately (AlexNet\'s two towers: 2)' },
    activationSpec,
    { name: 'useBias', label: 'Bias', type: 'bool', default: true },
  ],
  inputs: 1,
  infer([x], p) {
    const notImage = needImage('Conv2D', x!);
    if (notImage) return notImage;
    const channels = x![2]!;
    if (channels % p.groups !== 0 || p.filters % p.groups !== 0) {
      const g = [p.groups - 1, p.groups + 1, 1].find((g) => g >= 1 && channels % g === 0 && p.filters % g === 0) ?? 1;
      return {
        error: {
          param: 'groups',
          message: `groups = ${p.groups} must divide both the ${channels} input channels and the ${p.filters} filters`,
          fixes: [{ label: `Use ${g} group${g > 1 ? 's' : ''}`, params: { groups: g } }],
        },
      };
    }
    const r = inferWindow('Conv2D', x!, { noun: 'kernel', param: 'kernel', size: kernel(p), stride: asSize(p.stride)!, padding: pad(p), dilation: p.dilation });
    return 'error' in r ? r : { shape: [...r.hw, p.filters] };
  },
  paramCount: ([x], p) => product(kernel(p)) * (x![2]! / p.groups) * p.filters + (p.useBias ? p.filters : 0),
  macs: ([x], p, out) => product(out) * product(kernel(p)) * (x![2]! / p.groups),
  caption: (p) => `${p.filters}@${sizeText(p.kernel)}${asSize(p.stride)![0] > 1 ? ` /${asSize(p.stride)![0]}` : ''}`,
  window: (p) => ({ kernel: kernel(p)[0], stride: asSize(p.stride)![0], dilation: p.dilation }),
});
