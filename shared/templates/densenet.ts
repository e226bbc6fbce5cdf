/**
 * DenseNet-121 (Huang et al., 2017), BC variant as in torchvision: growth k = 32, bottleneck
 * layers (1×1 to 4k before each 3×3), compression 0.5 in the transitions; blocks of 6, 12, 24
 * and 16 layers.
 */
import { blockKind } from '../blocks/blocks';
import { GraphBuilder } from '../blocks/builder';
import { denseBlock, denseLayer, transition } from '../blocks/library';
import { documentOf } from './build';

const LAYERS = [6, 12, 24, 16];
const GROWTH = 32;

export function densenet121() {
  const g = new GraphBuilder();
  let x = g.add('Input', { height: 224, width: 224, channels: 3 }, [], 'Input');
  x = g.chain(x, [
    ['Conv2D', { filters: 64, kernel: 7, stride: 2, padding: 3, useBias: false }, 'conv0'],
    ['BatchNorm', {}, 'norm0'],
    ['Activation', { fn: 'relu' }, 'relu0'],
    ['MaxPool2D', { size: 3, stride: 2, padding: 1 }, 'pool0'],
  ]);
  let channels = 64;
  LAYERS.forEach((layers, i) => {
    x = g.add(blockKind(`dense-block-${layers}`), { growth: GROWTH }, x, `denseblock${i + 1}`);
    channels += layers * GROWTH;
    if (i < LAYERS.length - 1) {
      channels = Math.floor(channels / 2);
      x = g.add(blockKind('transition'), { filters: channels }, x, `transition${i + 1}`);
    }
  });
  x = g.chain(x, [
    ['BatchNorm', {}, 'norm5'],
    ['Activation', { fn: 'relu' }, 'relu5'],
    ['GlobalAvgPool2D', {}, 'avgpool'],
    ['Dense', { units: 1000, activation: 'softmax' }, 'classifier'],
  ]);
  return documentOf(
    'DenseNet-121',
    'Densely Connected Convolutional Networks — Huang, Liu, van der Maaten, Weinberger, 2017. Every layer of a dense block sees the outputs ' +
      'of all earlier ones (concatenated): feature reuse, strong gradients, few parameters. DenseNet-BC, k = 32.',
    g,
    [denseLayer(), ...LAYERS.map(denseBlock), transition()],
  );
}
