/** Document edits: what changes, and that everything else keeps its identity. */
import { describe, expect, it } from 'vitest';
import { addNode, connect, insertBefore, moveNodes, removeElements, updateNode } from '../../../shared/document';
import { emptyDocument } from '../../../shared/graph/schema';
import { inferGraph } from '../../../shared/infer';
import { lenet5 } from '../../../shared/templates/lenet5';

describe('document edits', () => {
  it('adds a layer with its defaults, a fresh id and a whole-pixel position', () => {
    const first = addNode(emptyDocument(), 'Conv2D', { x: 10.4, y: 20.6 });
    expect(first.id).toBe('conv2d-1');
    expect(first.doc.graph.nodes[0]).toMatchObject({ kind: 'Conv2D', position: { x: 10, y: 21 }, params: { filters: 32, kernel: 3 } });
    const second = addNode(first.doc, 'Conv2D', { x: 0, y: 0 });
    expect(second.id).toBe('conv2d-2');
    expect(second.doc.graph.nodes[0]).toBe(first.doc.graph.nodes[0]);
  });

  it('patches one node and keeps every other node and the edges', () => {
    const doc = lenet5();
    const next = updateNode(doc, 'c1', { params: { filters: 8 }, label: 'first' });
    expect(next.graph.nodes[1]).toMatchObject({ id: 'c1', label: 'first', params: { filters: 8, kernel: 5 } });
    expect(next.graph.nodes.filter((n, i) => n !== doc.graph.nodes[i]).map((n) => n.id)).toEqual(['c1']);
    expect(next.graph.edges).toBe(doc.graph.edges);
    expect(inferGraph(next.graph).nodes['c1']!.shape).toEqual([28, 28, 8]);
    expect(updateNode(next, 'c1', { label: ' ' }).graph.nodes[1]).not.toHaveProperty('label');
  });

  it('moves nodes, and returns the same document when nothing moved', () => {
    const doc = lenet5();
    expect(moveNodes(doc, new Map([['c1', doc.graph.nodes[1]!.position]]))).toBe(doc);
    const moved = moveNodes(doc, new Map([['c1', { x: 5.2, y: -3.7 }]]));
    expect(moved.graph.nodes[1]!.position).toEqual({ x: 5, y: -4 });
    expect(moved.graph.nodes[0]).toBe(doc.graph.nodes[0]);
  });

  it('removes a node with the edges that touch it', () => {
    const doc = lenet5();
    const next = removeElements(doc, ['s2'], []);
    expect(next.graph.nodes.map((n) => n.id)).not.toContain('s2');
    expect(next.graph.edges.some((e) => e.source === 's2' || e.target === 's2')).toBe(false);
    expect(next.graph.edges).toHaveLength(6);
    expect(removeElements(doc, [], [])).toBe(doc);
  });

  it('connects into a free port, replaces the edge into a fed port, and refuses loops', () => {
    let doc = addNode(emptyDocument(), 'Input', { x: 0, y: 0 }).doc;
    doc = addNode(doc, 'Input', { x: 0, y: 100 }).doc;
    doc = addNode(doc, 'Dense', { x: 200, y: 0 }).doc;
    doc = connect(doc, 'input-1', 'dense-1', 0);
    expect(doc.graph.edges).toEqual([{ id: 'e-1', source: 'input-1', target: 'dense-1', targetPort: 0 }]);
    expect(connect(doc, 'input-1', 'dense-1', 0)).toBe(doc);
    expect(connect(doc, 'dense-1', 'dense-1', 0)).toBe(doc);
    doc = connect(doc, 'input-2', 'dense-1', 0);
    expect(doc.graph.edges.map((e) => e.source)).toEqual(['input-2']);
  });

  it('refuses a connection that would close a cycle, however long', () => {
    let doc = emptyDocument();
    for (let i = 0; i < 3; i++) doc = addNode(doc, 'Activation', { x: i * 200, y: 0 }).doc;
    doc = connect(doc, 'activation-1', 'activation-2', 0);
    doc = connect(doc, 'activation-2', 'activation-3', 0);
    expect(connect(doc, 'activation-3', 'activation-1', 0)).toBe(doc);
    expect(connect(doc, 'activation-3', 'activation-2', 0)).toBe(doc);
    // Forward connections are fine: activation-1 → activation-3 replaces activation-2 → activation-3.
    doc = connect(doc, 'activation-1', 'activation-3', 0);
    expect(doc.graph.edges.map((e) => `${e.source}>${e.target}`).sort()).toEqual(['activation-1>activation-2', 'activation-1>activation-3']);
  });

  it('inserts a Flatten on the edge into a Dense that gets an image', () => {
    let doc = addNode(emptyDocument(), 'Input', { x: 0, y: 0 }).doc;
    doc = addNode(doc, 'Dense', { x: 400, y: 0 }).doc;
    doc = connect(doc, 'input-1', 'dense-1', 0);
    expect(inferGraph(doc.graph).nodes['dense-1']!.error?.fixes).toEqual([{ label: 'Insert Flatten', insertBefore: 'Flatten' }]);
    const { doc: fixed, id } = insertBefore(doc, 'dense-1', 'Flatten');
    expect(id).toBe('flatten-1');
    expect(fixed.graph.nodes.find((n) => n.id === id)!.position).toEqual({ x: 200, y: 110 });
    const inf = inferGraph(fixed.graph);
    expect(inf.errors).toEqual([]);
    expect(inf.nodes['flatten-1']!.shape).toEqual([784]);
    expect(inf.nodes['dense-1']!.shape).toEqual([10]);
  });

  it('inserts a layer with parameters on another port', () => {
    let doc = addNode(emptyDocument(), 'Input', { x: 0, y: 0 }).doc;
    doc = addNode(doc, 'Add', { x: 400, y: 0 }).doc;
    doc = connect(doc, 'input-1', 'add-1', 0);
    doc = connect(doc, 'input-1', 'add-1', 1);
    const { doc: next, id } = insertBefore(doc, 'add-1', 'Conv2D', { filters: 4, kernel: 1 }, 1);
    const inf = inferGraph(next.graph);
    expect(inf.nodes[id!]!.shape).toEqual([28, 28, 4]);
    expect(next.graph.edges.find((e) => e.target === 'add-1' && e.targetPort === 1)!.source).toBe(id);
  });
});
