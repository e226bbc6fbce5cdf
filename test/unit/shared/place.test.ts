/** Placing a layer or block instance, and dropping it onto a connection. */
import { describe, expect, it } from 'vitest';
import { inception } from '../../../shared/blocks/library';
import { addNode, connect, place, spliceIntoEdge } from '../../../shared/document';
import { emptyDocument } from '../../../shared/graph/schema';
import { inferGraph } from '../../../shared/infer';
import { lenet5 } from '../../../shared/templates/lenet5';

describe('placing', () => {
  it('places a layer or a block instance with its definition', () => {
    const layer = place(emptyDocument(), { layer: 'Dense' }, { x: 1, y: 2 });
    expect(layer.doc.graph.nodes[0]).toMatchObject({ id: 'dense-1', kind: 'Dense', position: { x: 1, y: 2 } });
    const block = place(emptyDocument(), { block: inception() }, { x: 0, y: 0 });
    expect(block.doc.graph.nodes[0]).toMatchObject({ id: 'inception-1', kind: 'block:inception' });
    expect(block.doc.blocks.map((b) => b.id)).toEqual(['inception']);
  });

  it('runs a connection through a layer dropped onto it, keeping the target port', () => {
    const doc = lenet5();
    const edge = doc.graph.edges.find((e) => e.source === 'c1')!;
    const placed = place(doc, { layer: 'BatchNorm' }, { x: 100, y: 100 });
    const next = spliceIntoEdge(placed.doc, edge.id, placed.id);
    expect(next.graph.edges.filter((e) => e.source === 'c1' || e.source === 'batchnorm-1').map((e) => [e.source, e.target])).toEqual([
      ['c1', 'batchnorm-1'],
      ['batchnorm-1', 's2'],
    ]);
    expect(inferGraph(next.graph).nodes['s2']!.shape).toEqual([14, 14, 6]);
    expect(inferGraph(next.graph).errors).toEqual([]);
  });

  it('inserts a block instance into a connection, and leaves a connection alone for a layer without inputs', () => {
    let doc = addNode(emptyDocument(), 'Input', { x: 0, y: 0 }).doc;
    doc = addNode(doc, 'Flatten', { x: 400, y: 0 }).doc;
    doc = connect(doc, 'input-1', 'flatten-1', 0);
    const block = place(doc, { block: inception() }, { x: 200, y: 0 });
    const spliced = spliceIntoEdge(block.doc, doc.graph.edges[0]!.id, block.id);
    expect(inferGraph(spliced.graph, spliced.blocks).nodes['flatten-1']!.shape).toEqual([28 * 28 * 256]);
    const input = place(doc, { layer: 'Input' }, { x: 200, y: 0 });
    expect(spliceIntoEdge(input.doc, doc.graph.edges[0]!.id, input.id)).toBe(input.doc);
  });
});
