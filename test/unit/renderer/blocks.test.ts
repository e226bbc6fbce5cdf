/** Blocks in the editor: a definition opened from an instance, edits that reach every instance, the key-parameter caption. */
import { beforeEach, describe, expect, it } from 'vitest';
import { inception, residualBasic, residualBottleneck, squeezeExcitation, transition } from '../../../shared/blocks/library';
import { addBlockInstance, unlinkInPlace } from '../../../shared/document/block-edits';
import { inferenceOf } from '../../../shared/document/inference';
import { instanceCount, scopeGraph, scopeInference, validScope } from '../../../shared/document/scope';
import type { Params } from '../../../shared/layers/types';
import { googlenet } from '../../../shared/templates/googlenet';
import { lenet5 } from '../../../shared/templates/lenet5';
import { useApp } from '../../../renderer/src/store/store';
import { keyParams } from '../../../renderer/src/ui/blockCaption';
import { nodeView } from '../../../renderer/src/ui/nodeView';

const store = () => useApp.getState();
const nodeId = (label: string) => store().doc.graph.nodes.find((n) => n.label === label)!.id;

describe('key parameters of a block instance', () => {
  it('chains the widths of layers that feed one another, in the block’s order', () => {
    expect(keyParams(inception(), inception().params as Params)).toBe('64, 96→128, 16→32, 32');
    expect(keyParams(inception(), { n1x1: 384, n3x3red: 192, n3x3: 384, n5x5red: 48, n5x5: 128, poolProj: 128 })).toBe('384, 192→384, 48→128, 128');
  });
  it('names the parameters that are not widths', () => {
    expect(keyParams(residualBasic(true), { planes: 128, stride: 2 })).toBe('128, stride 2');
    expect(keyParams(residualBottleneck(false), { width: 64 })).toBe('64');
    expect(keyParams(squeezeExcitation(), { channels: 256, ratio: 16 })).toBe('256, ratio 16');
    expect(keyParams(transition(), { filters: 128 })).toBe('128');
  });
});

describe('an opened block definition', () => {
  beforeEach(() => store().replaceDocument(googlenet()));

  it('shows the definition with the shapes of the instance it was opened from', () => {
    store().openBlock(nodeId('inception 3a'));
    const s = store();
    expect(s.scope).toEqual([{ instance: 'inception-3a', block: 'inception' }]);
    const graph = scopeGraph(s.doc, s.scope);
    expect(graph).toBe(s.doc.blocks[0]!.graph);
    const branch = (label: string) => nodeView(s, graph.nodes.find((n) => n.label === label)!.id).shape;
    expect(['1×1', '3×3', '5×5', 'pool proj'].map(branch)).toEqual(['28×28×64', '28×28×128', '28×28×32', '28×28×32']);
    expect(scopeInference(s.doc, s.scope)).toBe(inferenceOf(s.doc).nodes['inception-3a']!.inner);
  });

  it('edits the definition, so every linked instance changes', () => {
    const before = inferenceOf(store().doc).nodes['inception-4a']!.shape;
    store().openBlock('inception-3a');
    const concat = scopeGraph(store().doc, store().scope).nodes.find((n) => n.kind === 'Concatenate')!;
    const graphBefore = store().doc.graph;
    store().setParams('1x1', { filters: '=n1x1 * 2' });
    const s = store();
    expect(s.doc.graph).toBe(graphBefore);
    expect(s.doc.blocks[0]!.graph.nodes.find((n) => n.id === '1x1')!.params.filters).toBe('=n1x1 * 2');
    expect(nodeView(s, concat.id).shape).toBe('28×28×320');
    // Every instance's 1×1 branch doubled: 4a gives 512 + its n1x1 (192) channels.
    expect(inferenceOf(s.doc).nodes['inception-4a']!.shape).toEqual([before![0], before![1], 512 + 192]);
    expect(instanceCount(s.doc, 'inception')).toBe(9);
  });

  it('still shows shapes when an edit breaks the definition', () => {
    store().openBlock('inception-3a');
    store().setParams('3x3', { kernel: 40 });
    const s = store();
    expect(inferenceOf(s.doc).nodes['inception-3a']!.error?.message).toMatch(/^Inside Inception, 3×3:/);
    expect(nodeView(s, '3x3').error).not.toBe('');
    expect(nodeView(s, '1x1').shape).toBe('28×28×64');
  });

  it('goes back up to the instance, and forgets a scope whose instance is gone', () => {
    store().openBlock('inception-3b');
    store().closeBlock(0);
    expect(store().scope).toEqual([]);
    expect(store().selection.nodes).toEqual(['inception-3b']);
    const doc = store().doc;
    expect(validScope(doc, [{ instance: 'nowhere', block: 'inception' }])).toEqual([]);
  });
});

describe('block edits', () => {
  it('adds an instance with its definition and the blocks it uses', () => {
    const { doc, id } = addBlockInstance(lenet5(), residualBottleneck(false, true), { x: 10, y: 20 });
    expect(id).toBe('se-bottleneck-1');
    expect(doc.blocks.map((b) => b.id)).toEqual(['se-bottleneck', 'se']);
    const again = addBlockInstance(doc, residualBottleneck(false, true), { x: 10, y: 20 });
    expect(again.doc.blocks).toBe(doc.blocks);
    expect(again.id).toBe('se-bottleneck-2');
  });

  it('unlinks an instance where it stood and makes room after it', () => {
    const doc = googlenet();
    const instance = doc.graph.nodes.find((n) => n.id === 'inception-5b')!;
    const after = doc.graph.nodes.find((n) => n.id === 'avg-pool-7x7')!;
    const out = unlinkInPlace(doc, 'inception-5b');
    const fresh = out.graph.nodes.filter((n) => n.id.startsWith('inception-5b/'));
    expect(fresh).toHaveLength(8);
    expect(Math.min(...fresh.map((n) => n.position.x))).toBe(instance.position.x);
    const span = Math.max(...fresh.map((n) => n.position.x)) - instance.position.x;
    expect(out.graph.nodes.find((n) => n.id === 'avg-pool-7x7')!.position.x).toBe(after.position.x + span);
    expect(inferenceOf(out).totals).toEqual(inferenceOf(doc).totals);
  });
});

describe('the memoised inference', () => {
  it('is reused when layers only moved, and recomputed when anything else changed', () => {
    const doc = googlenet();
    const before = inferenceOf(doc);
    const moved = { ...doc, graph: { ...doc.graph, nodes: doc.graph.nodes.map((n) => ({ ...n, position: { x: n.position.x + 5, y: 0 } })) } };
    expect(inferenceOf(moved)).toBe(before);
    const blocksMoved = { ...moved, blocks: moved.blocks.map((b) => ({ ...b, graph: { ...b.graph, nodes: b.graph.nodes.map((n) => ({ ...n, position: { x: 0, y: 0 } })) } })) };
    expect(inferenceOf(blocksMoved)).toBe(before);
    const edited = { ...moved, graph: { ...moved.graph, nodes: moved.graph.nodes.map((n, i) => (i === 1 ? { ...n, params: { ...n.params, filters: 32 } } : n)) } };
    expect(inferenceOf(edited)).not.toBe(before);
    expect(inferenceOf(edited).totals.params).toBeLessThan(before.totals.params);
  });
});
