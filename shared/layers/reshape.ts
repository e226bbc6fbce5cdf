/** Layers that change the shape but not the values: Input and Flatten. */
import { defineLayer, formatShape, product } from './types';

export const input = defineLayer<{ height: number; width: number; channels: number }>({
  kind: 'Input',
  title: 'Input',
  category: 'input',
  description: 'The image the network sees: height × width × channels.',
  params: [
    { name: 'height', label: 'Height', type: 'int', default: 28, min: 1, max: 4096 },
    { name: 'width', label: 'Width', type: 'int', default: 28, min: 1, max: 4096 },
    { name: 'channels', label: 'Channels', type: 'int', default: 1, min: 1, max: 4096 },
  ],
  inputs: 0,
  infer: (_, p) => ({ shape: [p.height, p.width, p.channels] }),
  caption: (p) => formatShape([p.height, p.width, p.channels]),
});

export const flatten = defineLayer<Record<string, never>>({
  kind: 'Flatten',
  title: 'Flatten',
  category: 'reshape',
  description: 'Unrolls an H×W×C image into one vector of H·W·C values, for Dense layers.',
  params: [],
  inputs: 1,
  infer: ([x]) => ({ shape: [product(x!)] }),
  caption: () => '',
  global: true,
});
