/**
 * The CIFAR-10 nets of He et al. 2015, section 4.2, with which the paper shows the degradation
 * problem: 6n + 2 layers (a 3×3 convolution, three stages of n pairs of 3×3 convolutions with
 * 16, 32 and 64 filters, global average pooling and a 10-way FC), as a plain stack or with
 * shortcuts. n = 3 gives 20 layers, n = 9 gives 56.
 */
import { blockKind } from '../blocks/blocks';
import { GraphBuilder } from '../blocks/builder';
import { plainBasic, residualBasic, residualBasicZeroPad } from '../blocks/library';
import type { NetwrightDocument } from '../graph/schema';
import { documentOf } from './build';
import { head, PAPER } from './resnet';

/** The paper's table 6: parameters of its CIFAR ResNets (option A shortcuts), by n (3, 5, 7, 9, 18: 20 to 110 layers). */
const TABLE6: Record<number, string> = { 3: '0.27M', 5: '0.46M', 7: '0.66M', 9: '0.85M', 18: '1.7M' };

/**
 * The 6n + 2-layer CIFAR-10 net: `cifarNet(3, true)` is ResNet-20, `cifarNet(9, false)` plain-56.
 * With shortcuts, the first pair of stages 2 and 3 (stride 2, twice the filters) adds its input
 * subsampled and padded with zero channels (ZeroPadChannels), the paper's option A for CIFAR: so
 * every shortcut is parameter-free and the counts are table 6's.
 */
export function cifarNet(n: number, shortcuts: boolean): NetwrightDocument {
  const depth = 6 * n + 2;
  const g = new GraphBuilder();
  let x = g.add('Input', { height: 32, width: 32, channels: 3 }, [], 'Input');
  x = g.chain(x, [
    ['Conv2D', { filters: 16, kernel: 3, padding: 1, useBias: false }, 'conv1'],
    ['BatchNorm', {}, 'bn1'],
    ['Activation', { fn: 'relu' }, 'relu'],
  ]);
  [16, 32, 64].forEach((planes, s) => {
    for (let b = 0; b < n; b++) {
      const first = b === 0 && s > 0;
      const kind = shortcuts ? (first ? 'residual-basic-pad' : 'residual-basic') : 'plain-basic';
      x = g.add(blockKind(kind), first ? { planes, stride: 2 } : { planes }, x, `stage${s + 1}.${b}`);
    }
  });
  head(g, x, 10);
  const section = `The ${depth}-layer CIFAR-10 net of section 4.2 (32×32 input, 16/32/64 filters)`;
  if (shortcuts) {
    return documentOf(
      `ResNet-${depth} (CIFAR)`,
      `${PAPER} ${section}. Where the shape changes, the shortcut subsamples and pads with zero channels (the paper's option A), so it has no parameters: ${TABLE6[n]} in all, as table 6.`,
      g,
      [residualBasic(false), residualBasicZeroPad()],
    );
  }
  return documentOf(
    `Plain-${depth} (CIFAR)`,
    `${PAPER} ${section}, plain: ResNet-${depth}'s layers without the shortcuts, so the ${TABLE6[n]} parameters of the paper's ResNet-${depth} (option A). ` +
      'In the paper\'s figure 6 the plain 56-layer net has higher training error than the 20-layer one, and with shortcuts the order turns: the degradation problem.',
    g,
    [plainBasic()],
  );
}

/** A template builder for one member of the family: `cifarTemplate(9, true)` builds ResNet-56. */
export const cifarTemplate = (n: number, shortcuts: boolean) => () => cifarNet(n, shortcuts);
