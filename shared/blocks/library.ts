/**
 * The built-in blocks: the Inception module (naive and with 1×1 bottlenecks), residual blocks
 * (basic and bottleneck, with identity or 1×1 projection shortcuts; basic also with the zero-padding
 * shortcut of the ResNet paper's CIFAR nets), the plain nets' basic block
 * without a shortcut, squeeze-and-excitation, and DenseNet's dense layer, dense block and
 * transition. Parameters that inner layers refer to are written `"=name"`; the column names are
 * the GoogLeNet paper's.
 */
import type { Block } from '../graph/schema';
import { blockKind } from './blocks';
import { GraphBuilder } from './builder';

const relu = { activation: 'relu' } as const;

/** Naive Inception: 1×1, 3×3 and 5×5 convolutions and a 3×3 max pool, side by side, concatenated. */
export function inceptionNaive(): Block {
  const g = new GraphBuilder();
  const x = g.add('BlockInput', { port: 0 }, [], 'in');
  const b1 = g.add('Conv2D', { filters: '=n1x1', kernel: 1, ...relu }, x, '1×1');
  const b2 = g.add('Conv2D', { filters: '=n3x3', kernel: 3, padding: 1, ...relu }, x, '3×3');
  const b3 = g.add('Conv2D', { filters: '=n5x5', kernel: 5, padding: 2, ...relu }, x, '5×5');
  const b4 = g.add('MaxPool2D', { size: 3, stride: 1, padding: 1 }, x, 'pool 3×3');
  const cat = g.add('Concatenate', { inputs: 4 }, [b1, b2, b3, b4], 'concat');
  g.add('BlockOutput', {}, cat, 'out');
  return { id: 'inception-naive', name: 'Inception (naive)', params: { n1x1: 64, n3x3: 128, n5x5: 32 }, graph: g.graph };
}

/** Inception with 1×1 bottlenecks before the 3×3 and 5×5 and after the pool (GoogLeNet's). */
export function inception(): Block {
  const g = new GraphBuilder();
  const x = g.add('BlockInput', { port: 0 }, [], 'in');
  const b1 = g.add('Conv2D', { filters: '=n1x1', kernel: 1, ...relu }, x, '1×1');
  const r3 = g.add('Conv2D', { filters: '=n3x3red', kernel: 1, ...relu }, x, '3×3 reduce');
  const r5 = g.add('Conv2D', { filters: '=n5x5red', kernel: 1, ...relu }, x, '5×5 reduce');
  const p = g.add('MaxPool2D', { size: 3, stride: 1, padding: 1 }, x, 'pool 3×3');
  const b2 = g.add('Conv2D', { filters: '=n3x3', kernel: 3, padding: 1, ...relu }, r3, '3×3');
  const b3 = g.add('Conv2D', { filters: '=n5x5', kernel: 5, padding: 2, ...relu }, r5, '5×5');
  const b4 = g.add('Conv2D', { filters: '=poolProj', kernel: 1, ...relu }, p, 'pool proj');
  const cat = g.add('Concatenate', { inputs: 4 }, [b1, b2, b3, b4], 'concat');
  g.add('BlockOutput', {}, cat, 'out');
  return { id: 'inception', name: 'Inception', params: { n1x1: 64, n3x3red: 96, n3x3: 128, n5x5red: 16, n5x5: 32, poolProj: 32 }, graph: g.graph };
}

const conv = (filters: string, kernel: number, stride: string | number = 1) => ({ filters, kernel, stride, padding: (kernel - 1) / 2, useBias: false });

/** The shortcut: the input itself, or a 1×1 convolution and BatchNorm when shape changes. */
function shortcut(g: GraphBuilder, x: string, project: boolean, filters: string): string {
  return project ? g.chain(x, [['Conv2D', conv(filters, 1, '=stride'), 'projection'], ['BatchNorm', {}, 'projection bn']]) : x;
}

/** Two 3×3 convolutions with BatchNorm, the first carrying `stride`: F(x) of a basic block. */
function twoConvs(g: GraphBuilder, x: string, stride: string | number): string {
  return g.chain(x, [
    ['Conv2D', conv('=planes', 3, stride), 'conv1'],
    ['BatchNorm', {}, 'bn1'],
    ['Activation', { fn: 'relu' }, 'relu1'],
    ['Conv2D', conv('=planes', 3), 'conv2'],
    ['BatchNorm', {}, 'bn2'],
  ]);
}

/** F(x) + shortcut, then ReLU: the end of every residual block. */
function addThenRelu(g: GraphBuilder, f: string, shortcut: string): void {
  const sum = g.add('Add', {}, [f, shortcut], 'add');
  g.chain(sum, [['Activation', { fn: 'relu' }, 'relu'], ['BlockOutput', {}, 'out']]);
}

/** ResNet's basic block (ResNet-18/34): two 3×3 convolutions, H(x) = F(x) + x. */
export function residualBasic(project: boolean): Block {
  const g = new GraphBuilder();
  const x = g.add('BlockInput', { port: 0 }, [], 'in');
  addThenRelu(g, twoConvs(g, x, project ? '=stride' : 1), shortcut(g, x, project, '=planes'));
  return {
    id: project ? 'residual-basic-proj' : 'residual-basic',
    name: project ? 'Residual basic (projection)' : 'Residual basic',
    params: project ? { planes: 128, stride: 2 } : { planes: 64 },
    graph: g.graph,
  };
}

/**
 * The basic block where the shape changes, with the ResNet paper's option A shortcut (its CIFAR
 * nets, §4.2): the input subsampled by `stride` and padded with zero channels up to `planes`,
 * so the shortcut has no parameters.
 */
export function residualBasicZeroPad(): Block {
  const g = new GraphBuilder();
  const x = g.add('BlockInput', { port: 0 }, [], 'in');
  addThenRelu(g, twoConvs(g, x, '=stride'), g.add('ZeroPadChannels', { channels: '=planes', stride: '=stride' }, x, 'shortcut'));
  return { id: 'residual-basic-pad', name: 'Residual basic (zero-padding shortcut)', params: { planes: 32, stride: 2 }, graph: g.graph };
}

/**
 * The plain nets' pair (He et al. 2015, the baseline of §4.2): a basic block without its
 * shortcut, H(x) = F(x), so the same layers and parameters as a residual block with option A.
 */
export function plainBasic(): Block {
  const g = new GraphBuilder();
  const x = g.add('BlockInput', { port: 0 }, [], 'in');
  g.chain(twoConvs(g, x, '=stride'), [['Activation', { fn: 'relu' }, 'relu'], ['BlockOutput', {}, 'out']]);
  return { id: 'plain-basic', name: 'Plain basic (no shortcut)', params: { planes: 16, stride: 1 }, graph: g.graph };
}

/**
 * ResNet's bottleneck (ResNet-50+), as torchvision: 1×1 to `width`, 3×3 (carrying the stride),
 * 1×1 to 4 × width; with an SE unit on the residual branch for SE-ResNet.
 */
export function residualBottleneck(project: boolean, se = false): Block {
  const g = new GraphBuilder();
  const x = g.add('BlockInput', { port: 0 }, [], 'in');
  let f = g.chain(x, [
    ['Conv2D', conv('=width', 1), 'conv1'],
    ['BatchNorm', {}, 'bn1'],
    ['Activation', { fn: 'relu' }, 'relu1'],
    ['Conv2D', conv('=width', 3, project ? '=stride' : 1), 'conv2'],
    ['BatchNorm', {}, 'bn2'],
    ['Activation', { fn: 'relu' }, 'relu2'],
    ['Conv2D', conv('=width * 4', 1), 'conv3'],
    ['BatchNorm', {}, 'bn3'],
  ]);
  if (se) f = g.add(blockKind('se'), { channels: '=width * 4', ratio: 16 }, f, 'SE');
  addThenRelu(g, f, shortcut(g, x, project, '=width * 4'));
  const id = `${se ? 'se-' : ''}bottleneck${project ? '-proj' : ''}`;
  const name = `${se ? 'SE ' : ''}Bottleneck${project ? ' (projection)' : ''}`;
  return { id, name, params: project ? { width: 64, stride: 1 } : { width: 64 }, graph: g.graph };
}

/** Squeeze-and-excitation (Hu et al.): a per-channel gate from global context, ratio r. */
export function squeezeExcitation(): Block {
  const g = new GraphBuilder();
  const x = g.add('BlockInput', { port: 0 }, [], 'in');
  const gate = g.chain(x, [
    ['GlobalAvgPool2D', {}, 'squeeze'],
    ['Dense', { units: '=channels // ratio', ...relu }, 'fc1'],
    ['Dense', { units: '=channels', activation: 'sigmoid' }, 'fc2'],
    ['Reshape', { shape: [1, 1, -1] }, '1×1×C'],
  ]);
  const scaled = g.add('Multiply', {}, [x, gate], 'scale');
  g.add('BlockOutput', {}, scaled, 'out');
  return { id: 'se', name: 'Squeeze-excitation', params: { channels: 256, ratio: 16 }, graph: g.graph };
}

/** DenseNet-BC's layer: BN-ReLU-1×1 (4k)-BN-ReLU-3×3 (k), concatenated to its input. */
export function denseLayer(): Block {
  const g = new GraphBuilder();
  const x = g.add('BlockInput', { port: 0 }, [], 'in');
  const y = g.chain(x, [
    ['BatchNorm', {}, 'bn1'],
    ['Activation', { fn: 'relu' }, 'relu1'],
    ['Conv2D', { filters: '=growth * 4', kernel: 1, useBias: false }, 'conv1'],
    ['BatchNorm', {}, 'bn2'],
    ['Activation', { fn: 'relu' }, 'relu2'],
    ['Conv2D', { filters: '=growth', kernel: 3, padding: 1, useBias: false }, 'conv2'],
  ]);
  const cat = g.add('Concatenate', {}, [x, y], 'concat');
  g.add('BlockOutput', {}, cat, 'out');
  return { id: 'dense-layer', name: 'Dense layer', params: { growth: 32 }, graph: g.graph };
}

/** A dense block of `layers` dense layers (each sees every earlier output), growth k. */
export function denseBlock(layers: number): Block {
  const g = new GraphBuilder();
  const x = g.add('BlockInput', { port: 0 }, [], 'in');
  let y = x;
  for (let i = 1; i <= layers; i++) y = g.add(blockKind('dense-layer'), { growth: '=growth' }, y, `layer ${i}`);
  g.add('BlockOutput', {}, y, 'out');
  return { id: `dense-block-${layers}`, name: `Dense block ×${layers}`, params: { growth: 32 }, graph: g.graph };
}

/** DenseNet's transition: BN-ReLU-1×1 convolution (compression) and 2×2 average pool. */
export function transition(): Block {
  const g = new GraphBuilder();
  const x = g.add('BlockInput', { port: 0 }, [], 'in');
  g.chain(x, [
    ['BatchNorm', {}, 'bn'],
    ['Activation', { fn: 'relu' }, 'relu'],
    ['Conv2D', { filters: '=filters', kernel: 1, useBias: false }, 'conv'],
    ['AvgPool2D', { size: 2, stride: 2 }, 'pool'],
    ['BlockOutput', {}, 'out'],
  ]);
  return { id: 'transition', name: 'Transition', params: { filters: 128 }, graph: g.graph };
}

/** Every built-in block a person can drop on the canvas. */
export const builtinBlocks = (): Block[] => [
  inceptionNaive(),
  inception(),
  residualBasic(false),
  residualBasic(true),
  residualBasicZeroPad(),
  residualBottleneck(false),
  residualBottleneck(true),
  squeezeExcitation(),
  residualBottleneck(false, true),
  residualBottleneck(true, true),
  denseLayer(),
  transition(),
];
