/** Synthetic graphs of a given size for benchmarks: residual stacks, and plain chains. */
import { GraphBuilder } from '../shared/blocks/builder';
import type { LayerKind } from '../shared/layers/registry';
import type { Params } from '../shared/layers/types';
import { emptyDocument, type NetwrightDocument } from '../shared/graph/schema';

type Spec = [LayerKind, Params?];
// Each layer gets its own parameter objects, as a document read from a file has.
const conv = (): Spec => ['Conv2D', { filters: 16, kernel: 3, padding: 1, useBias: false }];
const relu = (): Spec => ['Activation', { fn: 'relu' }];

/** About `layers` layers: a 32×32×16 input, then units of Conv-BN-ReLU-Conv-BN-Add-ReLU. */
export function residualStack(layers: number): NetwrightDocument {
  const g = new GraphBuilder();
  let x = g.add('Input', { height: 32, width: 32, channels: 16 });
  // Counted here: `g.graph` lays out every node each time it is read.
  for (let count = 1; count < layers; count += 7) {
    const f = g.chain(x, [conv(), ['BatchNorm'], relu(), conv(), ['BatchNorm']]);
    x = g.chain(g.add('Add', {}, [f, x]), [relu()]);
  }
  return { ...emptyDocument(`${layers} layers`), graph: g.graph };
}

/** About `layers` layers in one chain, no branch: a 32×32×16 input, then Conv-BN-ReLU units. */
export function plainChain(layers: number): NetwrightDocument {
  const g = new GraphBuilder();
  let x = g.add('Input', { height: 32, width: 32, channels: 16 });
  for (let count = 1; count < layers; count += 3) x = g.chain(x, [conv(), ['BatchNorm'], relu()]);
  return { ...emptyDocument(`${layers} layers`), graph: g.graph };
}
