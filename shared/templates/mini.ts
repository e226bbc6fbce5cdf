/**
 * Small nets of the classic families that train in minutes on a laptop CPU, for MNIST and
 * Fashion-MNIST (28×28×1).
 */
import { blockKind } from '../blocks/blocks';
import { GraphBuilder } from '../blocks/builder';
import { inception } from '../blocks/library';
import { documentOf, sequential } from './build';

const conv = (filters: number) => ({ kind: 'Conv2D' as const, params: { filters, kernel: 3, padding: 1, activation: 'relu' } });

export const miniVgg = () =>
  sequential(
    'Mini-VGG',
    [
      { kind: 'Input', label: 'Input', params: { height: 28, width: 28, channels: 1 } },
      { ...conv(32), label: 'conv1_1' },
      { ...conv(32), label: 'conv1_2' },
      { kind: 'MaxPool2D', label: 'pool1', params: { size: 2, stride: 2 } },
      { ...conv(64), label: 'conv2_1' },
      { ...conv(64), label: 'conv2_2' },
      { kind: 'MaxPool2D', label: 'pool2', params: { size: 2, stride: 2 } },
      { kind: 'Flatten', label: 'flatten' },
      { kind: 'Dense', label: 'fc1', params: { units: 128, activation: 'relu' } },
      { kind: 'Dropout', label: 'dropout', params: { rate: 0.5 } },
      { kind: 'Dense', label: 'fc2', params: { units: 10, activation: 'softmax' } },
    ],
    'A small VGG for 28×28 digits and clothes: stacks of 3×3 convolutions, 2×2 max pools, one hidden FC layer. Trains in minutes on a CPU.',
  );

export function miniGooglenet() {
  const g = new GraphBuilder();
  let x = g.add('Input', { height: 28, width: 28, channels: 1 }, [], 'Input');
  x = g.chain(x, [['Conv2D', { filters: 32, kernel: 3, padding: 1, activation: 'relu' }, 'stem']]);
  x = g.add(blockKind('inception'), { n1x1: 16, n3x3red: 16, n3x3: 24, n5x5red: 4, n5x5: 8, poolProj: 8 }, x, 'inception a');
  x = g.add(blockKind('inception'), { n1x1: 24, n3x3red: 24, n3x3: 32, n5x5red: 8, n5x5: 12, poolProj: 12 }, x, 'inception b');
  x = g.chain(x, [['MaxPool2D', { size: 2, stride: 2 }, 'pool']]);
  x = g.add(blockKind('inception'), { n1x1: 32, n3x3red: 32, n3x3: 48, n5x5red: 8, n5x5: 16, poolProj: 16 }, x, 'inception c');
  g.chain(x, [
    ['GlobalAvgPool2D', {}, 'avg pool'],
    ['Dense', { units: 10, activation: 'softmax' }, 'fc'],
  ]);
  return documentOf(
    'Mini-GoogLeNet',
    'A small GoogLeNet for 28×28 images: a 3×3 stem, three Inception modules (1×1, 3×3, 5×5 and pool branches) and global average pooling instead of large FC layers.',
    g,
    [inception()],
  );
}
