/** Element-wise layers that keep the shape: Activation and Dropout. */
import { defineLayer } from './types';

export const ACTIVATIONS = ['relu', 'tanh', 'sigmoid', 'softmax'] as const;
/** For layers with a fused activation (Conv2D, Dense); "linear" means none. */
export const FUSED_ACTIVATIONS = ['linear', ...ACTIVATIONS] as const;

export const activationSpec = {
  name: 'activation',
  label: 'Activation',
  type: 'enum',
  default: 'linear',
  options: FUSED_ACTIVATIONS,
} as const;

export const activation = defineLayer<{ fn: string }>({
  kind: 'Activation',
  title: 'Activation',
  category: 'activation',
  description: 'Applies a non-linearity to every element: ReLU, tanh, sigmoid or softmax.',
  params: [{ name: 'fn', label: 'Function', type: 'enum', default: 'relu', options: ACTIVATIONS }],
  inputs: 1,
  infer: ([x]) => ({ shape: x! }),
  caption: (p) => p.fn,
});

export const dropout = defineLayer<{ rate: number }>({
  kind: 'Dropout',
  title: 'Dropout',
  category: 'regularization',
  description: 'During training, zeroes each element with probability `rate` and scales the rest up.',
  params: [{ name: 'rate', label: 'Rate', type: 'float', default: 0.5, min: 0, max: 0.99 }],
  inputs: 1,
  infer: ([x]) => ({ shape: x! }),
  caption: (p) => String(p.rate),
});
