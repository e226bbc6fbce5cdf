/** "Group into block": layers become a block definition and one instance, with the same numbers. */
import { describe, expect, it } from 'vitest';
import { GraphBuilder } from '../../../shared/blocks/builder';
import { unlinkInstance } from '../../../shared/blocks/expand';
import { groupIntoBlock } from '../../../shared/document/group';
import { emptyDocument, type NetwrightDocument } from '../../../shared/graph/schema';
import { inferGraph } from '../../../shared/infer';
import { lenet5 } from '../../../shared/templates/lenet5';

const infer = (doc: NetwrightDocument) => inferGraph(doc.graph, doc.blocks);

function grouped(doc: NetwrightDocument, ids: string[], name?: string) {
  const result = groupIntoBlock(doc, ids, name);
  if ('error' in result) throw new Error(result.error);
  return result;
}

describe('groupIntoBlock', () => {
  it('turns a chain into a block with one input and one output, keeping every number', () => {
    const doc = lenet5();
    const { doc: after, blockId, instanceId } = grouped(doc, ['c3', 's4']);
    expect(blockId).toBe('group-1');
    const block = after.blocks.find((b) => b.id === blockId)!;
    expect(block.name).toBe('Group 1');
    expect(block.graph.nodes.map((n) => n.kind)).toEqual(['BlockInput', 'Conv2D', 'AvgPool2D', 'BlockOutput']);
    expect(block.graph.edges.map((e) => `${e.source}→${e.target}`).sort()).toEqual(['c3→s4', 'in→c3', 's4→out']);
    // In the outer graph the instance sits where C3 was, between S2 and Flatten.
    expect(after.graph.nodes.map((n) => n.id)).toEqual(['input', 'c1', 's2', instanceId, 'flatten', 'c5', 'f6', 'output']);
    expect(after.graph.edges.filter((e) => e.source === instanceId || e.target === instanceId).map((e) => `${e.source}→${e.target}`)).toEqual(['s2→group-1', 'group-1→flatten']);
    const before = infer(doc);
    const now = infer(after);
    expect(now.errors).toEqual([]);
    expect(now.totals).toEqual(before.totals);
    expect(now.nodes[instanceId]!.shape).toEqual([5, 5, 16]);
    expect(now.nodes.flatten!.shape).toEqual([400]);
  });

  it('gives one port per outside source, so a residual branch and its shortcut share the input', () => {
    const g = new GraphBuilder();
    const x = g.add('Input', { height: 8, width: 8, channels: 4 }, [], 'x');
    const other = g.add('Conv2D', { filters: 4, kernel: 1 }, x, 'side');
    const f = g.chain(x, [['Conv2D', { filters: 4, kernel: 3, padding: 1 }, 'f1'], ['BatchNorm', {}, 'bn']]);
    const sum = g.add('Add', {}, [f, x], 'add');
    const cat = g.add('Concatenate', {}, [sum, other], 'cat');
    const doc = { ...emptyDocument(), graph: g.graph };
    const { doc: after, blockId, instanceId } = grouped(doc, [f, 'f1', sum], 'Residual');
    expect(blockId).toBe('residual');
    const block = after.blocks[0]!;
    expect(block.graph.nodes.filter((n) => n.kind === 'BlockInput')).toHaveLength(1);
    expect(after.graph.edges.filter((e) => e.target === instanceId)).toHaveLength(1);
    expect(after.graph.edges.find((e) => e.target === cat && e.targetPort === 0)!.source).toBe(instanceId);
    expect(infer(after).totals).toEqual(infer(doc).totals);
    expect(infer(after).nodes[cat]!.shape).toEqual([8, 8, 8]);
  });

  it('orders the ports by where the data flows', () => {
    const g = new GraphBuilder();
    const x = g.add('Input', { height: 4, width: 4, channels: 2 }, [], 'x');
    const a = g.add('Conv2D', { filters: 3, kernel: 1 }, x, 'a');
    const b = g.add('Conv2D', { filters: 5, kernel: 1 }, x, 'b');
    const cat = g.add('Concatenate', {}, [b, a], 'cat');
    const doc = { ...emptyDocument(), graph: g.graph };
    const { doc: after, instanceId } = grouped(doc, [cat]);
    const ports = after.graph.edges.filter((e) => e.target === instanceId).sort((p, q) => p.targetPort - q.targetPort);
    expect(ports.map((e) => e.source)).toEqual([b, a]);
    expect(infer(after).nodes[instanceId]!.shape).toEqual([4, 4, 8]);
  });

  it('unlinking the instance gives the layers back, with the same numbers', () => {
    const doc = lenet5();
    const { doc: after, instanceId } = grouped(doc, ['c1', 's2', 'c3']);
    const back = unlinkInstance(after, instanceId);
    expect(back.graph.nodes.filter((n) => n.kind === 'Conv2D')).toHaveLength(2);
    expect(infer(back).errors).toEqual([]);
    expect(infer(back).totals).toEqual(infer(doc).totals);
  });

  it('says why layers cannot form a block', () => {
    const doc = lenet5();
    expect(groupIntoBlock(doc, [])).toEqual({ error: 'Select the layers to group into a block.' });
    expect(groupIntoBlock(doc, ['input', 'c1'])).toEqual({ error: 'Input cannot go into a block: data enters a block through its inputs.' });
    const g = new GraphBuilder();
    const x = g.add('Input', { height: 4, width: 4, channels: 2 }, [], 'x');
    const a = g.add('Conv2D', { filters: 3, kernel: 1 }, x, 'a');
    const b = g.add('Conv2D', { filters: 5, kernel: 1 }, x, 'b');
    g.add('Concatenate', {}, [a, b], 'cat');
    const fork = { ...emptyDocument(), graph: g.graph };
    expect(groupIntoBlock(fork, [a, b])).toEqual({ error: 'A block has one output, but 2 of the selected layers feed layers outside it (a, b): select those too, or fewer layers.' });
  });
});
