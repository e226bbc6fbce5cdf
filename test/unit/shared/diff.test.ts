import { describe, expect, it } from 'vitest';
import { diffDocuments, diffGraphs, diffRecords, sameValue } from '../../../shared/graph/diff';
import type { NetwrightDocument } from '../../../shared/graph/schema';
import { lenet5 } from '../../../shared/templates/lenet5';
import { cifarNet } from '../../../shared/templates/cifar';

const edit = (doc: NetwrightDocument, f: (d: NetwrightDocument) => void) => {
  const copy = structuredClone(doc);
  f(copy);
  return copy;
};
const names = (nodes: { label?: string; id: string }[]) => nodes.map((n) => n.label ?? n.id);

describe('diffDocuments', () => {
  it('finds nothing between a document and its copy, whatever the positions and key order', () => {
    const a = lenet5();
    const b = edit(a, (d) => {
      d.graph.nodes.forEach((n) => (n.position = { x: n.position.x + 40, y: 0 }));
      d.graph.nodes[1]!.params = Object.fromEntries(Object.entries(d.graph.nodes[1]!.params).reverse());
      d.name = 'LeNet-5 (2)';
    });
    expect(diffDocuments(a, b).same).toBe(true);
  });

  it('names a changed layer and its parameters, old and new', () => {
    const a = lenet5();
    const b = edit(a, (d) => {
      d.graph.nodes.find((n) => n.label === 'C1')!.params.filters = 8;
      d.graph.nodes.find((n) => n.label === 'C1')!.params.activation = 'relu';
    });
    const diff = diffDocuments(a, b);
    expect(diff.same).toBe(false);
    expect(diff.graph.changed).toHaveLength(1);
    expect(diff.graph.changed[0]!.after.label).toBe('C1');
    expect(diff.graph.changed[0]!.changes).toEqual([
      { param: 'filters', before: 6, after: 8 },
      { param: 'activation', before: 'tanh', after: 'relu' },
    ]);
    expect(diff.graph.added).toEqual([]);
    expect(diff.graph.removed).toEqual([]);
  });

  it('lists a layer inserted into the chain as added, and the connection it replaced as rewired', () => {
    const a = lenet5();
    const b = edit(a, (d) => {
      d.graph.nodes.push({ id: 'drop', kind: 'Dropout', label: 'D1', params: { rate: 0.5 }, position: { x: 0, y: 0 } });
      const e = d.graph.edges.find((x) => x.source === 'c5')!;
      d.graph.edges.push({ id: 'e-drop', source: 'drop', target: e.target, targetPort: 0 });
      e.target = 'drop';
    });
    const diff = diffGraphs(a.graph, b.graph);
    expect(names(diff.added)).toEqual(['D1']);
    expect(diff.removed).toEqual([]);
    // c5 → f6 is gone; the new edges touch the added layer, so they are implied by it.
    expect(diff.rewired.removed.map((e) => `${e.source.label}→${e.target.label}`)).toEqual(['C5→F6']);
    expect(diff.rewired.added).toEqual([]);
  });

  it('lists a deleted layer as removed and the bypass drawn around it as rewired', () => {
    const a = lenet5();
    const b = edit(a, (d) => {
      d.graph.nodes = d.graph.nodes.filter((n) => n.id !== 'f6');
      d.graph.edges = d.graph.edges.filter((e) => e.source !== 'f6' && e.target !== 'f6');
      d.graph.edges.push({ id: 'bypass', source: 'c5', target: 'output', targetPort: 0 });
    });
    const diff = diffGraphs(a.graph, b.graph);
    expect(names(diff.removed)).toEqual(['F6']);
    expect(diff.rewired.added.map((e) => `${e.source.label}→${e.target.label}`)).toEqual(['C5→Output']);
    expect(diff.rewired.removed).toEqual([]);
  });

  it('pairs a layer deleted and drawn again (a new id) by kind and label', () => {
    const a = lenet5();
    const b = edit(a, (d) => {
      const c3 = d.graph.nodes.find((n) => n.id === 'c3')!;
      c3.id = 'conv-new';
      c3.params.filters = 32;
      d.graph.edges.forEach((e) => {
        if (e.source === 'c3') e.source = 'conv-new';
        if (e.target === 'c3') e.target = 'conv-new';
      });
    });
    const diff = diffGraphs(a.graph, b.graph);
    expect(diff.added).toEqual([]);
    expect(diff.removed).toEqual([]);
    expect(diff.changed.map((c) => [c.before.id, c.after.id, c.changes])).toEqual([['c3', 'conv-new', [{ param: 'filters', before: 16, after: 32 }]]]);
    expect(diff.rewired).toEqual({ added: [], removed: [] });
  });

  it('keeps layers of different kinds apart: a swapped kind is a removal and an addition', () => {
    const a = lenet5();
    const b = edit(a, (d) => {
      const s2 = d.graph.nodes.find((n) => n.id === 's2')!;
      Object.assign(s2, { id: 'pool', kind: 'MaxPool2D', label: 'P2' });
      d.graph.edges.forEach((e) => {
        if (e.source === 's2') e.source = 'pool';
        if (e.target === 's2') e.target = 'pool';
      });
    });
    const diff = diffGraphs(a.graph, b.graph);
    expect(names(diff.removed)).toEqual(['S2']);
    expect(names(diff.added)).toEqual(['P2']);
  });

  it('does not pair an id reused for another kind of layer', () => {
    const a = lenet5();
    const b = edit(a, (d) => Object.assign(d.graph.nodes.find((n) => n.id === 's2')!, { kind: 'MaxPool2D' }));
    const diff = diffGraphs(a.graph, b.graph);
    expect([diff.removed.map((n) => n.kind), diff.added.map((n) => n.kind), diff.changed]).toEqual([['AvgPool2D'], ['MaxPool2D'], []]);
    expect(diff.rewired).toEqual({ added: [], removed: [] });
  });

  it('names a relabelled layer\'s old and new label', () => {
    const a = lenet5();
    const b = edit(a, (d) => (d.graph.nodes.find((n) => n.id === 'f6')!.label = 'Hidden'));
    expect(diffGraphs(a.graph, b.graph).changed.map((c) => c.changes)).toEqual([[{ param: 'label', before: 'F6', after: 'Hidden' }]]);
  });

  it('reports a changed block definition and the layers inside it', () => {
    const a = cifarNet(3, true);
    expect(a.blocks.length).toBeGreaterThan(0);
    const block = a.blocks[0]!;
    const b = edit(a, (d) => {
      const conv = d.blocks[0]!.graph.nodes.find((n) => n.kind === 'Conv2D')!;
      conv.params.kernel = 5;
    });
    const diff = diffDocuments(a, b);
    expect(diff.graph.changed).toEqual([]);
    expect(diff.blocks).toHaveLength(1);
    expect(diff.blocks[0]).toMatchObject({ id: block.id, status: 'changed', changes: [] });
    expect(diff.blocks[0]!.graph!.changed[0]!.changes).toEqual([{ param: 'kernel', before: 3, after: 5 }]);
  });

  it('reports blocks added and removed, and training settings by dotted name', () => {
    const a = cifarNet(3, true);
    const b = edit(a, (d) => {
      d.blocks[0]!.id = 'renamed';
      d.training.learningRate = 0.5;
      d.training.augmentation.flip = !a.training.augmentation.flip;
    });
    const diff = diffDocuments(a, b);
    expect(diff.blocks.map((x) => [x.id, x.status])).toEqual([
      [a.blocks[0]!.id, 'removed'],
      ['renamed', 'added'],
    ]);
    expect(diff.training).toEqual([
      { param: 'learningRate', before: a.training.learningRate, after: 0.5 },
      { param: 'augmentation.flip', before: a.training.augmentation.flip, after: !a.training.augmentation.flip },
    ]);
  });
});

describe('value helpers', () => {
  it('compares JSON values deeply, ignoring key order', () => {
    expect(sameValue({ a: [1, { b: 2 }], c: 'x' }, { c: 'x', a: [1, { b: 2 }] })).toBe(true);
    expect(sameValue([1, 2], { 0: 1, 1: 2 })).toBe(false);
    expect(sameValue({ a: 1 }, { a: 1, b: undefined })).toBe(false);
  });
  it('lists a parameter only one side has', () => {
    expect(diffRecords({ rate: 0.5 }, { rate: 0.5, seed: 3 })).toEqual([{ param: 'seed', before: undefined, after: 3 }]);
  });
});
