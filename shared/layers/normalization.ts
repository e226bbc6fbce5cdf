/** Normalization and regularization: BatchNorm, LRN (AlexNet, GoogLeNet) and Dropout. */
import { defineLayer } from './types';
import { needImage } from './windowed';

export const batchNorm = defineLayer({
  kind: 'BatchNorm',
  title: 'BatchNorm',
  category: 'normalization',
  description: 'Normalises each channel over the batch, then scales and shifts it with two learned numbers per channel.',
  params: [
    { name: 'epsilon', label: 'Epsilon', type: 'float', default: 1e-5, min: 0, max: 1 },
    { name: 'momentum', label: 'Momentum', type: 'float', default: 0.9, min: 0, max: 1, help: 'how much of the running mean and variance is kept at each batch' },
  ],
  inputs: 1,
  infer: ([x]) => ({ shape: x! }),
  // γ and β are trained; the running mean and variance are not (PyTorch keeps them as buffers).
  paramCount: ([x]) => 2 * x!.at(-1)!,
  nonTrainable: ([x]) => 2 * x!.at(-1)!,
  caption: () => '',
});

export const lrn = defineLayer({
  kind: 'LRN',
  title: 'LRN',
  category: 'normalization',
  description: 'Local response normalisation across neighbouring channels, as in AlexNet: x / (k + α/n · Σx²)^β.',
  params: [
    { name: 'size', label: 'Size', type: 'int', default: 5, min: 1, max: 99 },
    { name: 'alpha', label: 'Alpha', type: 'float', default: 1e-4, min: 0, max: 10 },
    { name: 'beta', label: 'Beta', type: 'float', default: 0.75, min: 0, max: 10 },
    { name: 'k', label: 'k', type: 'float', default: 2, min: 0, max: 100 },
  ],
  inputs: 1,
  infer: ([x]) => needImage('LRN', x!) ?? { shape: x! },
  caption: (p) => `n=${p.size}`,
});

export const dropout = defineLayer({
  kind: 'Dropout',
  title: 'Dropout',
  category: 'normalization',
  description: 'During training, zeroes each element with probability `rate` and scales the rest up.',
  params: [{ name: 'rate', label: 'Rate', type: 'float', default: 0.5, min: 0, max: 0.99 }],
  inputs: 1,
  infer: ([x]) => ({ shape: x! }),
  caption: (p) => String(p.rate),
  view: true,
});
