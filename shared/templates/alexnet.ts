/**
 * AlexNet twice: as the paper drew it (two GPU towers, i.e. groups = 2 on CONV2, CONV4 and
 * CONV5; LRN after CONV1 and CONV2; 227×227 input; 60,965,224 parameters) and as torchvision
 * ships it (one tower, no LRN, 224×224 input; 61,100,840 parameters).
 */
import { sequential } from './build';

const PAPER =
  'ImageNet Classification with Deep Convolutional Neural Networks — Krizhevsky, Sutskever, Hinton, 2012. ' +
  'ILSVRC 2012 winner with 15.3% top-5 error (next best 26.2%): the first CNN to win. ReLU, dropout, heavy augmentation.';

const relu = 'relu';
const fc = (label: string, units: number, activation = relu) => ({ kind: 'Dense' as const, label, params: { units, activation } });
const drop = (label: string) => ({ kind: 'Dropout' as const, label, params: { rate: 0.5 } });
const pool = (label: string) => ({ kind: 'MaxPool2D' as const, label, params: { size: 3, stride: 2 } });

export const alexnet = () =>
  sequential(
    'AlexNet',
    [
      { kind: 'Input', label: 'Input', params: { height: 227, width: 227, channels: 3 } },
      { kind: 'Conv2D', label: 'CONV1', params: { filters: 96, kernel: 11, stride: 4, activation: relu } },
      { kind: 'LRN', label: 'NORM1', params: { size: 5, alpha: 1e-4, beta: 0.75, k: 2 } },
      pool('POOL1'),
      { kind: 'Conv2D', label: 'CONV2', params: { filters: 256, kernel: 5, padding: 2, groups: 2, activation: relu } },
      { kind: 'LRN', label: 'NORM2', params: { size: 5, alpha: 1e-4, beta: 0.75, k: 2 } },
      pool('POOL2'),
      { kind: 'Conv2D', label: 'CONV3', params: { filters: 384, kernel: 3, padding: 1, activation: relu } },
      { kind: 'Conv2D', label: 'CONV4', params: { filters: 384, kernel: 3, padding: 1, groups: 2, activation: relu } },
      { kind: 'Conv2D', label: 'CONV5', params: { filters: 256, kernel: 3, padding: 1, groups: 2, activation: relu } },
      pool('POOL3'),
      { kind: 'Flatten', label: 'flatten' },
      fc('FC6', 4096),
      drop('drop6'),
      fc('FC7', 4096),
      drop('drop7'),
      fc('FC8', 1000, 'softmax'),
    ],
    `${PAPER} As in the paper: two towers (groups = 2 on CONV2, CONV4, CONV5), LRN, 227×227 input.`,
  );

export const alexnetTorchvision = () =>
  sequential(
    'AlexNet (torchvision)',
    [
      { kind: 'Input', label: 'Input', params: { height: 224, width: 224, channels: 3 } },
      { kind: 'Conv2D', label: 'conv1', params: { filters: 64, kernel: 11, stride: 4, padding: 2, activation: relu } },
      pool('pool1'),
      { kind: 'Conv2D', label: 'conv2', params: { filters: 192, kernel: 5, padding: 2, activation: relu } },
      pool('pool2'),
      { kind: 'Conv2D', label: 'conv3', params: { filters: 384, kernel: 3, padding: 1, activation: relu } },
      { kind: 'Conv2D', label: 'conv4', params: { filters: 256, kernel: 3, padding: 1, activation: relu } },
      { kind: 'Conv2D', label: 'conv5', params: { filters: 256, kernel: 3, padding: 1, activation: relu } },
      pool('pool5'),
      { kind: 'Flatten', label: 'flatten' },
      drop('drop6'),
      fc('fc6', 4096),
      drop('drop7'),
      fc('fc7', 4096),
      fc('fc8', 1000, 'linear'),
    ],
    `${PAPER} As torchvision ships it: one tower, no LRN, 224×224 input (its adaptive 6×6 average pool is the identity at this size, so it is left out).`,
  );
