/**
 * ResNets (He et al., 2015) as torchvision builds them: a 7×7 stem, four stages of residual
 * blocks (basic for 18/34, bottleneck for 50/101/152; the stride on the 3×3), global average
 * pooling and one FC layer. Also SE-ResNet-50 (Hu et al., 2017); the CIFAR-10 nets are in cifar.ts.
 */
import { blockKind } from '../blocks/blocks';
import { GraphBuilder } from '../blocks/builder';
import { residualBasic, residualBottleneck, squeezeExcitation } from '../blocks/library';
import { documentOf } from './build';

export const PAPER =
  'Deep Residual Learning for Image Recognition — He, Zhang, Ren, Sun, 2015. ILSVRC 2015 winner with 3.57% top-5 error: ' +
  'skip connections, H(x) = F(x) + x, make very deep nets trainable.';

const STAGES = { 18: [2, 2, 2, 2], 34: [3, 4, 6, 3], 50: [3, 4, 6, 3], 101: [3, 4, 23, 3], 152: [3, 8, 36, 3] } as const;

function stem(g: GraphBuilder) {
  const x = g.add('Input', { height: 224, width: 224, channels: 3 }, [], 'Input');
  return g.chain(x, [
    ['Conv2D', { filters: 64, kernel: 7, stride: 2, padding: 3, useBias: false }, 'conv1'],
    ['BatchNorm', {}, 'bn1'],
    ['Activation', { fn: 'relu' }, 'relu'],
    ['MaxPool2D', { size: 3, stride: 2, padding: 1 }, 'maxpool'],
  ]);
}

/** Global average pooling and the classifier: `head(g, x, 10)`. */
export function head(g: GraphBuilder, x: string, classes = 1000) {
  g.chain(x, [
    ['GlobalAvgPool2D', {}, 'avgpool'],
    ['Dense', { units: classes, activation: 'softmax' }, 'fc'],
  ]);
}

function resnet(depth: keyof typeof STAGES, se = false) {
  const g = new GraphBuilder();
  let x = stem(g);
  const bottleneck = depth >= 50;
  const prefix = se ? 'se-' : '';
  STAGES[depth].forEach((blocks, s) => {
    const width = 64 * 2 ** s;
    for (let b = 0; b < blocks; b++) {
      const label = `layer${s + 1}.${b}`;
      // The first block of a stage changes the shape (stride 2, or 64 → 256 channels in a
      // bottleneck's first stage), so its shortcut is a 1×1 projection.
      const first = b === 0 && (s > 0 || bottleneck);
      const stride = s > 0 ? 2 : 1;
      if (bottleneck) x = g.add(blockKind(`${prefix}bottleneck${first ? '-proj' : ''}`), first ? { width, stride } : { width }, x, label);
      else x = g.add(blockKind(`residual-basic${first ? '-proj' : ''}`), first ? { planes: width, stride } : { planes: width }, x, label);
    }
  });
  head(g, x);
  const blocks = bottleneck ? [residualBottleneck(false, se), residualBottleneck(true, se), squeezeExcitation()] : [residualBasic(false), residualBasic(true)];
  return { g, blocks };
}

export const resnetTemplate = (depth: keyof typeof STAGES) => () => {
  const { g, blocks } = resnet(depth);
  return documentOf(`ResNet-${depth}`, `${PAPER} ResNet-${depth} as in torchvision.`, g, blocks);
};

export function seResnet50() {
  const { g, blocks } = resnet(50, true);
  return documentOf(
    'SE-ResNet-50',
    'Squeeze-and-Excitation Networks — Hu, Shen, Sun, 2017 (ILSVRC 2017 winner, 2.25% top-5 error, with SENet-154). ' +
      'ResNet-50 with a squeeze-and-excitation unit (r = 16) on every bottleneck\'s residual branch.',
    g,
    blocks,
  );
}
