/** Transfer-learning edits (shared/document/transfer.ts): freezing, learning-rate factors, the head, the counts. */
import { describe, expect, it } from 'vitest';
import {
  adaptToClasses,
  ancestorsOf,
  freezeBefore,
  headOf,
  inferenceOf,
  parameterSplit,
  parameterText,
  setFrozen,
  setLrFactor,
  unfreezeAll,
} from '../../../shared/document';
import { classCount, parseDatasetSpec } from '../../../shared/datasets';
import { loadDocument, saveDocument } from '../../../shared/graph/load';
import { emptyDocument } from '../../../shared/graph/schema';
import { buildTemplate } from '../../../shared/templates/index';
import { lenet5 } from '../../../shared/templates/lenet5';

const frozenIds = (doc: { graph: { nodes: { id: string; frozen?: true }[] } }) => doc.graph.nodes.filter((n) => n.frozen).map((n) => n.id);

describe('freezing', () => {
  it('freezes and unfreezes named nodes, keeping every other node, and is a no-op when nothing changes', () => {
    const doc = lenet5();
    const next = setFrozen(doc, ['c1', 'c3', 'ghost'], true);
    expect(frozenIds(next)).toEqual(['c1', 'c3']);
    expect(next.graph.nodes[0]).toBe(doc.graph.nodes[0]);
    expect(next.graph.edges).toBe(doc.graph.edges);
    expect(setFrozen(next, ['c1'], true)).toBe(next);
    const back = setFrozen(next, ['c1'], false);
    expect(frozenIds(back)).toEqual(['c3']);
    // Unfrozen is the field's absence, never `frozen: false`.
    expect(back.graph.nodes[1]).not.toHaveProperty('frozen');
    expect(unfreezeAll(back).graph.nodes.every((n) => !('frozen' in n))).toBe(true);
    expect(unfreezeAll(doc)).toBe(doc);
  });

  it('"freeze everything before" freezes exactly the ancestors, not the node, and unfreezes the rest', () => {
    const doc = lenet5();
    expect(ancestorsOf(doc, 'f6')).toEqual(['input', 'c1', 's2', 'c3', 's4', 'flatten', 'c5']);
    const before = freezeBefore(setFrozen(doc, ['output'], true), 'f6');
    expect(frozenIds(before)).toEqual(['input', 'c1', 's2', 'c3', 's4', 'flatten', 'c5']);
    // Moving the boundary earlier unfreezes what is now after it.
    expect(frozenIds(freezeBefore(before, 'c3'))).toEqual(['input', 'c1', 's2']);
    expect(freezeBefore(before, 'f6')).toBe(before);
    expect(frozenIds(freezeBefore(doc, 'input'))).toEqual([]);
  });

  it('follows every branch of a graph with skips (ResNet-18 before fc: all else, blocks included)', () => {
    const doc = buildTemplate('resnet18')!;
    const frozen = freezeBefore(doc, 'fc');
    expect(frozenIds(frozen)).toEqual(doc.graph.nodes.filter((n) => n.id !== 'fc').map((n) => n.id));
    expect(frozen.graph.nodes.some((n) => n.kind.startsWith('block:') && n.frozen)).toBe(true);
  });

  it('survives saving and loading', () => {
    const doc = setLrFactor(freezeBefore(lenet5(), 'output'), 'output', 10);
    const loaded = loadDocument(saveDocument(doc));
    expect(loaded).toEqual({ ok: true, doc });
  });
});

describe('learning-rate factors', () => {
  it('sets a factor, removes it at 1 or undefined, and refuses one outside 0…1000', () => {
    const doc = lenet5();
    const ten = setLrFactor(doc, 'output', 10);
    expect(ten.graph.nodes.find((n) => n.id === 'output')!.lrFactor).toBe(10);
    expect(setLrFactor(ten, 'output', 10)).toBe(ten);
    expect(setLrFactor(ten, 'output', 1).graph.nodes.find((n) => n.id === 'output')).not.toHaveProperty('lrFactor');
    expect(setLrFactor(ten, 'output', undefined).graph.nodes.find((n) => n.id === 'output')).not.toHaveProperty('lrFactor');
    expect(setLrFactor(doc, 'output', 0).graph.nodes.find((n) => n.id === 'output')!.lrFactor).toBe(0);
    expect(setLrFactor(doc, 'output', 1)).toBe(doc);
    expect(() => setLrFactor(doc, 'output', -1)).toThrow(/0 to 1000 \(got -1\)/);
    expect(() => setLrFactor(doc, 'output', Number.NaN)).toThrow(/0 to 1000/);
  });
});

describe('the head and "adapt to dataset"', () => {
  it('finds the last Dense layer', () => {
    expect(headOf(lenet5())!.id).toBe('output');
    expect(headOf(buildTemplate('resnet18')!)!.id).toBe('fc');
    const vgg = buildTemplate('vgg16')!;
    expect(headOf(vgg)).toBe(vgg.graph.nodes.filter((n) => n.kind === 'Dense').at(-1));
    expect(headOf(emptyDocument())).toBeUndefined();
  });

  it('resizes the head to the classes, keeping its id, label, activation and the other nodes, and unfreezes it', () => {
    const doc = setFrozen(buildTemplate('resnet18')!, ['fc', 'conv1'], true);
    const { doc: next, head } = adaptToClasses(doc, 3);
    expect(head).toEqual({ id: 'fc', name: 'fc', from: 1000, to: 3 });
    const fc = next.graph.nodes.find((n) => n.id === 'fc')!;
    expect(fc).toMatchObject({ id: 'fc', label: 'fc', params: { units: 3, activation: 'softmax' } });
    expect(fc).not.toHaveProperty('frozen');
    expect(next.graph.nodes.filter((n, i) => n !== doc.graph.nodes[i]).map((n) => n.id)).toEqual(['fc']);
    expect(frozenIds(next)).toEqual(['conv1']);
    expect(inferenceOf(next).nodes['fc']!.shape).toEqual([3]);
    // Already that size: the same document.
    expect(adaptToClasses(next, 3)).toEqual({ doc: next, head: { id: 'fc', name: 'fc', from: 3, to: 3 } });
    expect(adaptToClasses(next, 3).doc).toBe(next);
  });

  it('says why it cannot', () => {
    expect(() => adaptToClasses(emptyDocument(), 3)).toThrow(/no Dense layer/);
    expect(() => adaptToClasses(lenet5(), 0)).toThrow(/at least 1 \(got 0\)/);
  });

  it('knows the class counts the spec tells, and leaves a folder to its files', () => {
    const count = (s: string) => {
      const p = parseDatasetSpec(s);
      if (!p.ok) throw new Error(p.message);
      return classCount(p.spec);
    };
    expect([count('mnist'), count('fashion-mnist'), count('cifar10'), count('cifar100'), count('cifar100:coarse'), count('synthetic:32:7')]).toEqual([10, 10, 10, 100, 20, 7]);
    expect(count('/tmp/photos')).toBeUndefined();
  });
});

describe('trainable and frozen parameters', () => {
  it('splits the total by the frozen nodes, a frozen block instance counting all its layers', () => {
    const doc = buildTemplate('resnet18')!;
    const all = parameterSplit(doc, inferenceOf(doc));
    expect(all).toEqual({ total: 11_689_512, trainable: 11_689_512, frozen: 0, frozenNodes: 0 });
    expect(parameterText(all)).toBe('11,689,512 parameters');
    const frozen = freezeBefore(doc, 'fc');
    const split = parameterSplit(frozen, inferenceOf(frozen));
    expect(split).toEqual({ total: 11_689_512, trainable: 513_000, frozen: 11_176_512, frozenNodes: doc.graph.nodes.length - 1 });
    expect(parameterText(split)).toBe('11,689,512 parameters (513,000 trainable, 11,176,512 frozen)');
    const inf = inferenceOf(frozen);
    const layer1 = frozen.graph.nodes.find((n) => n.label === 'layer1.0')!;
    expect(inf.nodes[layer1.id]!.paramCount).toBeGreaterThan(0);
    const one = setFrozen(doc, [layer1.id], true);
    expect(parameterSplit(one, inferenceOf(one)).frozen).toBe(inf.nodes[layer1.id]!.paramCount);
  });

  it('counts a layer frozen inside a block definition once per instance', () => {
    const doc = buildTemplate('resnet18')!;
    const block = doc.blocks.find((b) => b.id === 'residual-basic')!;
    const conv = block.graph.nodes.find((n) => n.kind === 'Conv2D')!;
    const flagged = { ...doc, blocks: doc.blocks.map((b) => (b === block ? { ...b, graph: { ...b.graph, nodes: b.graph.nodes.map((n) => (n === conv ? { ...n, frozen: true as const } : n)) } } : b)) };
    const inf = inferenceOf(flagged);
    const instances = doc.graph.nodes.filter((n) => n.kind === 'block:residual-basic');
    const expected = instances.reduce((sum, n) => sum + inf.nodes[n.id]!.inner!.nodes[conv.id]!.paramCount, 0);
    expect(expected).toBeGreaterThan(0);
    expect(parameterSplit(flagged, inf)).toMatchObject({ frozen: expected, frozenNodes: instances.length });
  });

  it('shows the split as soon as a node is frozen, even one without weights', () => {
    const doc = setFrozen(lenet5(), ['input'], true);
    expect(parameterText(parameterSplit(doc, inferenceOf(doc)))).toBe('61,706 parameters (61,706 trainable, 0 frozen)');
  });
});
