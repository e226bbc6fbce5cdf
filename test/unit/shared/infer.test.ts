import { describe, expect, it } from 'vitest';
import { inferGraph } from '../../../shared/infer';
import { lenet5 } from '../../../shared/templates/lenet5';
import { chain } from '../../fixtures/graphs';

describe('inferGraph', () => {
  it('gives every LeNet-5 shape and its 61,706 parameters', () => {
    const doc = lenet5();
    const inf = inferGraph(doc.graph);
    expect(inf.errors).toEqual([]);
    expect(inf.order.map((id) => inf.nodes[id]!.shape)).toEqual([[28, 28, 1], [28, 28, 6], [14, 14, 6], [10, 10, 16], [5, 5, 16], [400], [120], [84], [10]]);
    expect(inf.order.map((id) => inf.nodes[id]!.paramCount)).toEqual([0, 156, 0, 2416, 0, 0, 48120, 10164, 850]);
    expect(inf.totals.params).toBe(61706);
    expect(inf.edges.e0).toEqual([28, 28, 1]);
  });

  it("reproduces the lecture's AlexNet CONV1 and POOL1", () => {
    const inf = inferGraph(
      chain([
        ['Input', { height: 227, width: 227, channels: 3 }],
        ['Conv2D', { filters: 96, kernel: 11, stride: 4 }],
        ['MaxPool2D', { size: 3, stride: 2 }],
      ]).graph,
    );
    const [, conv, pool] = inf.order.map((id) => inf.nodes[id]!);
    expect(conv!.shape).toEqual([55, 55, 96]);
    expect(conv!.paramCount).toBe(34_944); // (11·11·3)·96 = 34,848 weights, which the lecture rounds to 35K, + 96 biases
    expect(pool!.shape).toEqual([27, 27, 96]);
    expect(pool!.paramCount).toBe(0);
  });

  it('explains a kernel larger than its input, with the arithmetic and fixes', () => {
    const inf = inferGraph(chain([['Input', { height: 4, width: 4, channels: 1 }], ['Conv2D', { filters: 6, kernel: 5 }]]).graph);
    expect(inf.errors).toHaveLength(1);
    const e = inf.errors[0]!;
    expect(e.message).toBe('output = (4 + 2·0 − 5) / 1 + 1 = 0: kernel 5 is larger than the 4×4 input — use padding "same" or a smaller kernel');
    expect(e.param).toBe('kernel');
    expect(e.fixes).toEqual([
      { label: 'Use padding "same"', params: { padding: 'same' } },
      { label: 'Use kernel 4', params: { kernel: 4 } },
    ]);
  });

  it('asks for a Flatten before a Dense fed an image', () => {
    const inf = inferGraph(chain([['Input', { height: 5, width: 5, channels: 16 }], ['Dense', { units: 10 }]]).graph);
    expect(inf.errors[0]!.message).toBe('Dense expects a flat vector but gets 5×5×16 — insert a Flatten before it');
    expect(inf.errors[0]!.fixes).toEqual([{ label: 'Insert Flatten', insertBefore: 'Flatten' }]);
  });

  it('subsamples and adds zero channels without parameters (ZeroPadChannels), and refuses to drop channels', () => {
    const inf = inferGraph(chain([['Input', { height: 32, width: 31, channels: 16 }], ['ZeroPadChannels', { channels: 32, stride: 2 }]]).graph);
    const pad = inf.nodes[inf.order[1]!]!;
    expect([pad.shape, pad.paramCount, pad.macs]).toEqual([[16, 16, 32], 0, 0]);
    const fewer = inferGraph(chain([['Input', { height: 8, width: 8, channels: 16 }], ['ZeroPadChannels', { channels: 8, stride: 1 }]]).graph);
    expect(fewer.errors[0]).toMatchObject({ param: 'channels', message: "ZeroPadChannels only adds channels: 8 is fewer than the input's 16", fixes: [{ label: 'Set channels to 16', params: { channels: 16 } }] });
  });

  it('names the param at fault when a value is out of range', () => {
    const inf = inferGraph(chain([['Input'], ['Conv2D', { filters: -3 }]]).graph);
    expect(inf.errors[0]).toMatchObject({ kind: 'param', param: 'filters', message: 'Filters must be an integer from 1 to 65536, got -3.' });
  });

  it('reports a cycle by name and a dangling input, without a shape downstream', () => {
    const doc = chain([['Input'], ['Conv2D'], ['Activation'], ['Dropout']]);
    const [, conv, act, drop] = doc.graph.nodes;
    doc.graph.edges.push({ id: 'back', source: drop!.id, target: conv!.id, targetPort: 0 });
    const inf = inferGraph(doc.graph);
    const kinds = Object.fromEntries(inf.errors.map((e) => [e.nodeId, e.kind]));
    expect(kinds).toEqual({ [conv!.id]: 'cycle', [act!.id]: 'cycle', [drop!.id]: 'cycle' });
    expect(inf.errors[0]!.message).toContain('Conv2D → Activation → Dropout → Conv2D');

    const dangling = chain([['Input'], ['Flatten'], ['Dense']]);
    dangling.graph.edges = dangling.graph.edges.slice(1);
    const d = inferGraph(dangling.graph);
    expect(d.errors.map((e) => [e.kind, e.message])).toEqual([['unconnected', 'Flatten has nothing connected to its input — connect a layer to it.']]);
    expect(d.nodes[dangling.graph.nodes[2]!.id]).toMatchObject({ blocked: true });
  });

  it('refuses two tensors into one input, an edge into an Input, a second Input and an unknown kind', () => {
    const doc = chain([['Input'], ['Flatten'], ['Dropout'], ['Input']]);
    const [first, flat, drop, last] = doc.graph.nodes;
    // Input feeds Flatten and Dropout; Dropout feeds Flatten too, and a second Input.
    doc.graph.edges = [
      { id: 'a', source: first!.id, target: flat!.id, targetPort: 0 },
      { id: 'b', source: first!.id, target: drop!.id, targetPort: 0 },
      { id: 'c', source: drop!.id, target: flat!.id, targetPort: 0 },
      { id: 'd', source: drop!.id, target: last!.id, targetPort: 0 },
    ];
    doc.graph.nodes.push({ id: 'odd', kind: 'Transformer', params: {}, position: { x: 0, y: 0 } });
    const messages = inferGraph(doc.graph).errors.map((e) => e.message);
    expect(messages).toEqual([
      'Unknown layer kind "Transformer".',
      '2 layers feed the single input of Flatten — use Add or Concatenate to merge them.',
      'Input is where data enters; it takes no inputs — remove the connection into it.',
    ]);
    const two = chain([['Input'], ['Flatten']]);
    two.graph.nodes.push({ ...first!, id: 'again', position: { x: 0, y: 100 } });
    expect(inferGraph(two.graph).errors).toMatchObject([
      { nodeId: 'again', kind: 'extraInput', message: 'A network has one Input, and "input" is already it — delete this one or feed its layers from the first.' },
    ]);
  });

  it('grows the receptive field: three 3×3 convolutions see 7×7, like one 7×7', () => {
    const three = inferGraph(chain([['Input', { height: 32, width: 32, channels: 3 }], ['Conv2D'], ['Conv2D'], ['Conv2D']]).graph);
    expect(three.nodes[three.order[3]!]!.receptiveField).toEqual({ size: 7, jump: 1 });
    const strided = inferGraph(chain([['Input', { height: 32, width: 32, channels: 3 }], ['Conv2D', { stride: 2 }], ['MaxPool2D'], ['Conv2D']]).graph);
    expect(strided.nodes[strided.order[3]!]!.receptiveField).toEqual({ size: 3 + 2 + 2 * 4, jump: 4 });
  });

  it('counts multiply-accumulates and activations', () => {
    const inf = inferGraph(chain([['Input', { height: 28, width: 28, channels: 256 }], ['Conv2D', { filters: 128, kernel: 1 }]]).graph);
    const conv = inf.nodes[inf.order[1]!]!;
    expect(conv.macs).toBe(28 * 28 * 128 * 256);
    expect(conv.activations).toBe(28 * 28 * 128);
    expect(inf.totals.activationBytes).toBe((28 * 28 * 256 + 28 * 28 * 128) * 4);
  });
});
