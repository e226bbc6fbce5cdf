/** Synthetic graphs of a given size for benchmarks: residual stacks of conv/BN/ReLU and Adds. */
import { GraphBuilder } from '../shared/blocks/builder';
import { emptyDocument, type NetwrightDocument } from '../shared/graph/schema';

/** About `layers` layers: a 32×32×16 input, then units of Conv-BN-ReLU-Conv-BN-Add-ReLU. */
export function residualStack(layers: number): NetwrightDocument {
  const g = new GraphBuilder();
  let x = g.add('Input', { height: 32, width: 32, channels: 16 });
  while (g.graph.nodes.length < layers) {
    const f = g.chain(x, [
      ['Conv2D', { filters: 16, kernel: 3, padding: 1, useBias: false }],
      ['BatchNorm'],
      ['Activation', { fn: 'relu' }],
      ['Conv2D', { filters: 16, kernel: 3, padding: 1, useBias: false }],
      ['BatchNorm'],
    ]);
    x = g.chain(g.add('Add', {}, [f, x]), [['Activation', { fn: 'relu' }]]);
  }
  return { ...emptyDocument(`${layers} layers`), graph: g.graph };
}
