import { describe, expect, it } from 'vitest';
import { blockKind } from '../../../shared/blocks/blocks';
import { GraphBuilder } from '../../../shared/blocks/builder';
import { expandDocument, unlinkInstance } from '../../../shared/blocks/expand';
import { evaluate } from '../../../shared/blocks/expr';
import { builtinBlocks, residualBasic } from '../../../shared/blocks/library';
import { emptyDocument, type Block } from '../../../shared/graph/schema';
import { inferGraph } from '../../../shared/infer';

describe('block parameter expressions', () => {
  it('reads names and does integer arithmetic', () => {
    expect(evaluate('=planes', { planes: 64 })).toBe(64);
    expect(evaluate('=width * 4', { width: 64 })).toBe(256);
    expect(evaluate('=channels // ratio', { channels: 1000, ratio: 16 })).toBe(62);
    expect(evaluate('=(a + b) * 2 - 1', { a: 1, b: 2 })).toBe(5);
    expect(evaluate('=pad', { pad: 'same' })).toBe('same');
  });
  it('says what is wrong', () => {
    expect(() => evaluate('=plans', { planes: 1 })).toThrow('"plans" is not a parameter of the block (it has planes)');
    expect(() => evaluate('=planes *', { planes: 1 })).toThrow('"=planes *" ends too early');
    expect(() => evaluate('=planes; rm', { planes: 1 })).toThrow('unexpected ";"');
  });
});

/** A document: Input → instances of `kind` one after another, with these overrides. */
function withInstances(blocks: Block[], input: [number, number, number], instances: [string, Record<string, unknown>][]) {
  const g = new GraphBuilder();
  let x = g.add('Input', { height: input[0], width: input[1], channels: input[2] });
  const ids = instances.map(([id, params]) => (x = g.add(blockKind(id), params as never, x, `${id} ${x}`)));
  return { doc: { ...emptyDocument(), graph: g.graph, blocks }, ids };
}

describe('linked blocks', () => {
  it('infers an instance through its definition, with overrides, as one node', () => {
    const { doc, ids } = withInstances(builtinBlocks(), [56, 56, 64], [['residual-basic', {}], ['residual-basic-proj', { planes: 128, stride: 2 }]]);
    const inf = inferGraph(doc.graph, doc.blocks);
    expect(inf.errors).toEqual([]);
    expect(inf.nodes[ids[0]!]).toMatchObject({ shape: [56, 56, 64], paramCount: 2 * 3 * 3 * 64 * 64 + 2 * 2 * 64 });
    // 3×3 64→128 /2, 3×3 128→128, 1×1 projection 64→128 /2, three BatchNorms of 128.
    expect(inf.nodes[ids[1]!]).toMatchObject({ shape: [28, 28, 128], paramCount: 9 * 64 * 128 + 9 * 128 * 128 + 64 * 128 + 3 * 2 * 128, nonTrainable: 3 * 2 * 128 });
    // Two 3×3 see 5×5; then 3×3 /2 and 3×3 at jump 2: 5 + 2 + 2·2 = 11.
    expect(inf.nodes[ids[1]!]!.receptiveField).toEqual({ size: 11, jump: 2 });
  });

  it('updates every instance when the definition changes', () => {
    const blocks = [residualBasic(false)];
    const { doc, ids } = withInstances(blocks, [8, 8, 16], [['residual-basic', { planes: 16 }], ['residual-basic', { planes: 16 }]]);
    const before = inferGraph(doc.graph, doc.blocks);
    const edited = blocks.map((b) => ({ ...b, graph: { ...b.graph, nodes: b.graph.nodes.map((n) => (n.id === 'conv2' ? { ...n, params: { ...n.params, useBias: true } } : n)) } }));
    const after = inferGraph(doc.graph, edited);
    for (const id of ids) expect(after.nodes[id]!.paramCount - before.nodes[id]!.paramCount).toBe(16);
  });

  it('reports errors inside a block on the instance, with where they are', () => {
    const { doc, ids } = withInstances(builtinBlocks(), [56, 56, 64], [['residual-basic', { planes: 128 }]]);
    const [error] = inferGraph(doc.graph, doc.blocks).errors;
    expect(error).toMatchObject({ nodeId: ids[0], kind: 'block', message: 'Inside Residual basic, add: Add needs equal shapes, but input 1 is 56×56×128 and input 2 is 56×56×64' });
    const bad = withInstances(builtinBlocks(), [8, 8, 8], [['residual-basic', { planes: 'wide' }]]);
    expect(inferGraph(bad.doc.graph, bad.doc.blocks).errors[0]!.message).toBe('Residual basic\'s "planes" must be a number, got "wide"');
    const unknown = withInstances(builtinBlocks(), [8, 8, 8], [['residual-basic', { depth: 3 }]]);
    expect(inferGraph(unknown.doc.graph, unknown.doc.blocks).errors[0]!.message).toBe('"depth" is not a parameter of Residual basic (it has planes)');
  });

  it('refuses a block that contains itself', () => {
    const g = new GraphBuilder();
    const x = g.add('BlockInput', { port: 0 });
    g.add('BlockOutput', {}, g.add(blockKind('loop'), {}, x));
    const { doc } = withInstances([{ id: 'loop', name: 'Loop', params: {}, graph: g.graph }], [4, 4, 1], [['loop', {}]]);
    expect(inferGraph(doc.graph, doc.blocks).errors[0]!.message).toBe('Inside Loop, loop: Block "Loop" contains itself (loop › loop).');
  });

  it('nests: an SE bottleneck holds an SE block, and expanding gives the same numbers', () => {
    const { doc } = withInstances(builtinBlocks(), [56, 56, 64], [['se-bottleneck-proj', { width: 64, stride: 1 }], ['se-bottleneck', { width: 64 }]]);
    const linked = inferGraph(doc.graph, doc.blocks);
    expect(linked.errors).toEqual([]);
    const flat = expandDocument(doc);
    expect(flat.graph.nodes.some((n) => n.kind.startsWith('block:'))).toBe(false);
    const expanded = inferGraph(flat.graph);
    expect(expanded.errors).toEqual([]);
    expect(expanded.totals).toEqual(linked.totals);
    expect(flat.graph.nodes.map((n) => n.label).filter((l) => l?.endsWith('/SE/fc1'))).toHaveLength(2);
  });

  it('unlinks one instance into plain layers, keeping the numbers', () => {
    const { doc, ids } = withInstances(builtinBlocks(), [56, 56, 64], [['residual-basic', {}], ['residual-basic', {}]]);
    const unlinked = unlinkInstance(doc, ids[0]!);
    expect(unlinked.graph.nodes.filter((n) => n.kind === 'block:residual-basic')).toHaveLength(1);
    expect(unlinked.graph.nodes.filter((n) => n.kind === 'Conv2D')).toHaveLength(2);
    expect(inferGraph(unlinked.graph, unlinked.blocks).totals).toEqual(inferGraph(doc.graph, doc.blocks).totals);
  });
});

describe('one-click fixes for merges', () => {
  it('offers a 1×1 projection for an Add whose channels and size differ', () => {
    const g = new GraphBuilder();
    const x = g.add('Input', { height: 56, width: 56, channels: 64 });
    const y = g.add('Conv2D', { filters: 128, kernel: 3, stride: 2, padding: 1 }, x);
    const sum = g.add('Add', {}, [y, x]);
    const [e] = inferGraph(g.graph).errors;
    expect(e).toMatchObject({ nodeId: sum, message: 'Add needs equal shapes, but input 1 is 28×28×128 and input 2 is 56×56×64' });
    expect(e!.fixes).toEqual([
      { label: 'Insert a 1×1 projection (Conv2D 128@1×1 /2) on input 2', insertBefore: 'Conv2D', insertParams: { filters: 128, kernel: 1, stride: 2, padding: 'valid' }, port: 1 },
    ]);
  });
  it('offers a pool for a Concatenate whose spatial sizes differ', () => {
    const g = new GraphBuilder();
    const x = g.add('Input', { height: 28, width: 28, channels: 8 });
    const small = g.add('MaxPool2D', {}, x);
    g.add('Concatenate', {}, [small, x]);
    const [e] = inferGraph(g.graph).errors;
    expect(e!.message).toBe('Concatenate needs the same size on every input except the channels, but input 1 is 14×14×8 and input 2 is 28×28×8');
    expect(e!.fixes).toEqual([{ label: 'Resize input 2 with a 2×2 max pool', insertBefore: 'MaxPool2D', insertParams: { size: 2, stride: 2, padding: 'valid' }, port: 1 }]);
  });
  it('broadcasts a 1×1×C gate over H×W×C in Multiply', () => {
    const g = new GraphBuilder();
    const x = g.add('Input', { height: 7, width: 7, channels: 32 });
    const gate = g.chain(x, [['GlobalAvgPool2D'], ['Reshape', { shape: [1, 1, -1] }]]);
    const m = g.add('Multiply', {}, [x, gate]);
    expect(inferGraph(g.graph).nodes[m]!.shape).toEqual([7, 7, 32]);
  });
});
