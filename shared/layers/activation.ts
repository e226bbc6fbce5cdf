/** Element-wise non-linearities. */
import { defineLayer } from './types';

/** Fused into Conv2D and Dense; "linear" means none. */
export const FUSED_ACTIVATIONS = ['linear', 'relu', 'tanh', 'sigmoid', 'softmax'] as const;
/** The Activation layer's functions. */
export const ACTIVATIONS = ['relu', 'relu6', 'tanh', 'sigmoid', 'softmax', 'leakyRelu', 'elu', 'gelu'] as const;

export const activationSpec = {
  name: 'activation',
  label: 'Activation',
  type: 'enum',
  default: 'linear',
  options: FUSED_ACTIVATIONS,
} as const;

export const activation = defineLayer({
  kind: 'Activation',
  title: 'Activation',
  category: 'activation',
  description: 'Applies a non-linearity to every element: ReLU, ReLU6 (capped at 6, as in MobileNet), tanh, sigmoid, softmax, leaky ReLU, ELU or GELU.',
  params: [
    { name: 'fn', label: 'Function', type: 'enum', default: 'relu', options: ACTIVATIONS },
    { name: 'alpha', label: 'Alpha', type: 'float', default: 0.2, min: 0, max: 10, help: 'the negative slope of leaky ReLU' },
  ],
  inputs: 1,
  infer: ([x]) => ({ shape: x! }),
  caption: (p) => p.fn,
});
