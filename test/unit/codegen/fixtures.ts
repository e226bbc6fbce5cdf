/**
 * Documents that reach the corners of the generators the templates do not: asymmetric and
 * "same" padding at a stride, grouped and depthwise convolution, pools padded wider than half
 * their window, upsampling (nearest and bilinear), zero channels added, every activation, a two-input block with a symbolic stride, a channel gate that is a vector,
 * a block whose Dense cannot know its input size (Lazy modules in PyTorch), and two outputs.
 */
import { blockKind } from '../../../shared/blocks/blocks';
import { GraphBuilder } from '../../../shared/blocks/builder';
import { emptyDocument, type Block, type NetwrightDocument } from '../../../shared/graph/schema';

/**
 * x1 → 3×3 "same" conv at stride `stride`; x2 → 1×1 conv at the same stride; added, the second
 * port's branch first (the function's arguments must still be in port order).
 */
function twoWay(): Block {
  const g = new GraphBuilder();
  const b = g.add('BlockInput', { port: 1 }, [], 'b');
  const a = g.add('BlockInput', { port: 0 }, [], 'a');
  const left = g.add('Conv2D', { filters: '=width', kernel: 3, stride: '=stride', padding: 'same', activation: 'relu' }, a, 'left');
  const right = g.add('Conv2D', { filters: '=width', kernel: 1, stride: '=stride', useBias: false }, b, 'right');
  const sum = g.add('Add', {}, [right, left], 'sum');
  g.add('BlockOutput', {}, sum, 'out');
  return { id: 'two-way', name: 'Two way', params: { width: 8, stride: 2 }, graph: g.graph };
}

/** Flatten → Dense (its input size depends on the instance) → BatchNorm → Dropout → Dense. */
function head(): Block {
  const g = new GraphBuilder();
  const x = g.add('BlockInput', { port: 0 }, [], 'in');
  g.chain(x, [
    ['Flatten', {}, 'flatten'],
    ['Dense', { units: '=hidden', activation: 'relu' }, 'hidden'],
    ['BatchNorm', { momentum: 0.99, epsilon: 0.001 }, 'norm'],
    ['Dropout', { rate: 0.25 }, 'drop'],
    ['Dense', { units: '=classes', activation: 'softmax' }, 'classes'],
    ['BlockOutput', {}, 'out'],
  ]);
  return { id: 'head', name: 'Head', params: { hidden: 32, classes: 5 }, graph: g.graph };
}

/** 20×20×3 in; two outputs: a 5-way softmax head and a 3-unit linear head. */
export function cornerCases(): NetwrightDocument {
  const g = new GraphBuilder();
  const input = g.add('Input', { height: 20, width: 20, channels: 3 }, [], 'Input');
  // TensorFlow's "same" at stride 2 on 20 pixels: one pixel, at the bottom/right.
  const a = g.add('Conv2D', { filters: 8, kernel: 3, stride: 2, padding: 'same', activation: 'relu' }, input, 'conv');
  let x = g.chain(a, [
    ['BatchNorm', { momentum: 0.99, epsilon: 0.001 }, 'bn'],
    ['Conv2D', { filters: 8, kernel: [3, 2], padding: [0, 1, 1, 0], groups: 2, dilation: 1 }, 'conv'],
    ['Activation', { fn: 'leakyRelu', alpha: 0.1 }, 'leaky'],
    ['LRN', { size: 3, alpha: 0.001, beta: 0.75, k: 1 }, 'lrn'],
    ['MaxPool2D', { size: 3, stride: 1, padding: 2 }, 'wide pool'],
    ['AvgPool2D', { size: 3, stride: 1, padding: 'same' }, 'avg same'],
    ['ZeroPadding2D', { padding: [1, 0, 0, 1] }, 'pad'],
    ['Activation', { fn: 'elu' }, 'elu'],
    // A depthwise convolution (one group per channel), ReLU6, and upsampling there and back: 12×13 again.
    ['Conv2D', { filters: 8, kernel: 3, padding: 'same', groups: 8, useBias: false }, 'depthwise'],
    ['Activation', { fn: 'relu6' }, 'relu6'],
    ['UpSampling2D', { size: 2, interpolation: 'bilinear' }, 'up'],
    ['MaxPool2D', { size: 2, stride: 2 }, 'down'],
    ['UpSampling2D', { size: [2, 3] }, 'up nearest'],
    ['AvgPool2D', { size: [2, 3], stride: [2, 3] }, 'down nearest'],
    ['MaxPool2D', { size: 3, stride: 2, padding: 'same' }, 'train'],
  ]);
  // 12×14 → 6×7 only in ceil mode (5×6 without).
  const b = g.chain(input, [
    ['Conv2D', { filters: 4, kernel: [9, 7] }, '9×7 side'],
    ['MaxPool2D', { size: 3, stride: 2, ceilMode: true }, 'ceil pool'],
    ['Activation', { fn: 'gelu' }, 'gelu'],
    // Zero channels after the four (the ResNet templates' shortcut subsamples too).
    ['ZeroPadChannels', { channels: 6, stride: 1 }, 'zero channels'],
  ]);
  x = g.add(blockKind('two-way'), { width: 6 }, [x, b], 'mix');
  // A vector gate without a Reshape: NHWC broadcasting lines its C up with the image's channels.
  const gate = g.chain(x, [
    ['GlobalAvgPool2D', {}, 'squeeze'],
    ['Dense', { units: 6, activation: 'sigmoid' }, 'gate'],
  ]);
  x = g.add('Multiply', {}, [x, gate], 'excite');
  g.chain(x, [
    ['GlobalMaxPool2D', {}, 'global max'],
    ['Dense', { units: 3, useBias: false }, 'side out'],
  ]);
  g.add(blockKind('head'), { hidden: 16 }, x, 'head');
  return { ...emptyDocument('Corner cases'), description: 'Every corner of the code generators.', graph: g.graph, blocks: [twoWay(), head()] };
}
