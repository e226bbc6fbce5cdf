/**
 * The lecture's Inception example (after GoogLeNet's module 3b): one module on a 28×28×256
 * input with 128 1×1, 192 3×3 and 96 5×5 filters, naive or with 64-channel 1×1 bottlenecks
 * before the 3×3 and 5×5 and after the pool. The module is unlinked, so each branch is a layer
 * of its own to select: the lecture counts the operations branch by branch.
 */
import { blockKind } from '../blocks/blocks';
import { GraphBuilder } from '../blocks/builder';
import { expandDocument } from '../blocks/expand';
import { inception, inceptionNaive } from '../blocks/library';
import type { NetwrightDocument } from '../graph/schema';
import { documentOf } from './build';

const PAPER = 'Going Deeper with Convolutions — Szegedy et al., 2015. ';

/** `inceptionExample(true)`: the module with bottlenecks, its layers on the canvas. */
export function inceptionExample(bottlenecks: boolean): NetwrightDocument {
  const block = bottlenecks ? inception() : inceptionNaive();
  const widths = { n1x1: 128, n3x3: 192, n5x5: 96 };
  const params = bottlenecks ? { ...widths, n3x3red: 64, n5x5red: 64, poolProj: 64 } : widths;
  const g = new GraphBuilder();
  g.add(blockKind(block.id), params, g.add('Input', { height: 28, width: 28, channels: 256 }, [], 'Input'), 'module');
  const doc = bottlenecks
    ? documentOf(
        'Inception module with bottlenecks',
        `${PAPER}The lecture's Inception example with 1×1 "bottleneck" convolutions that reduce the depth to 64 before the 3×3 and 5×5 and after the pool: a third of the naive module's multiply-adds.`,
        g,
        [block],
      )
    : documentOf(
        'Inception module (naive)',
        `${PAPER}The lecture's naive Inception example: 1×1, 3×3 and 5×5 convolutions and a 3×3 max pool side by side on 28×28×256, concatenated in depth to 28×28×672.`,
        g,
        [block],
      );
  return expandDocument(doc);
}
