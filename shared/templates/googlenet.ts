/**
 * GoogLeNet (Inception v1) as in the paper's table 1: nine Inception modules, LRN, 5×5
 * branches, no auxiliary classifiers. Pools round up (ceil mode), as torchvision's do, so
 * 112 → 56 → 28 → 14 → 7.
 */
import { blockKind } from '../blocks/blocks';
import { GraphBuilder } from '../blocks/builder';
import { inception } from '../blocks/library';
import type { Params } from '../layers/types';
import { documentOf } from './build';

/** The paper's columns: #1×1, #3×3 reduce, #3×3, #5×5 reduce, #5×5, pool proj. */
const MODULES: [string, number, number, number, number, number, number][] = [
  ['3a', 64, 96, 128, 16, 32, 32],
  ['3b', 128, 128, 192, 32, 96, 64],
  ['4a', 192, 96, 208, 16, 48, 64],
  ['4b', 160, 112, 224, 24, 64, 64],
  ['4c', 128, 128, 256, 24, 64, 64],
  ['4d', 112, 144, 288, 32, 64, 64],
  ['4e', 256, 160, 320, 32, 128, 128],
  ['5a', 256, 160, 320, 32, 128, 128],
  ['5b', 384, 192, 384, 48, 128, 128],
];

const pool = (label: string): ['MaxPool2D', Params, string] => ['MaxPool2D', { size: 3, stride: 2, ceilMode: true }, label];
const lrn = (label: string): ['LRN', Params, string] => ['LRN', { size: 5, alpha: 1e-4, beta: 0.75, k: 1 }, label];

export function googlenet() {
  const g = new GraphBuilder();
  let x = g.add('Input', { height: 224, width: 224, channels: 3 }, [], 'Input');
  x = g.chain(x, [
    ['Conv2D', { filters: 64, kernel: 7, stride: 2, padding: 3, activation: 'relu' }, 'conv 7×7/2'],
    pool('pool1'),
    lrn('norm1'),
    ['Conv2D', { filters: 64, kernel: 1, activation: 'relu' }, 'conv 1×1'],
    ['Conv2D', { filters: 192, kernel: 3, padding: 1, activation: 'relu' }, 'conv 3×3'],
    lrn('norm2'),
    pool('pool2'),
  ]);
  for (const [name, n1x1, n3x3red, n3x3, n5x5red, n5x5, poolProj] of MODULES) {
    if (name === '4a') x = g.chain(x, [pool('pool3')]);
    if (name === '5a') x = g.chain(x, [pool('pool4')]);
    x = g.add(blockKind('inception'), { n1x1, n3x3red, n3x3, n5x5red, n5x5, poolProj }, x, `inception ${name}`);
  }
  g.chain(x, [
    ['AvgPool2D', { size: 7, stride: 1 }, 'avg pool 7×7'],
    ['Flatten', {}, 'flatten'],
    ['Dropout', { rate: 0.4 }, 'dropout'],
    ['Dense', { units: 1000, activation: 'softmax' }, 'linear'],
  ]);
  return documentOf(
    'GoogLeNet',
    'Going Deeper with Convolutions — Szegedy et al., 2015. ILSVRC 2014 classification winner with 6.7% top-5 error: ' +
      '22 layers, nine Inception modules, no large FC layers and 12× fewer parameters than AlexNet. As in the paper, without the auxiliary classifiers.',
    g,
    [inception()],
  );
}
