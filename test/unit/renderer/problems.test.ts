/**
 * The renderer's view of the errors (ui/problems.ts): a layer not wired up yet is "not connected
 * yet", not an error, until the rest of the graph depends on it; training still counts it, and
 * Train says why it is off.
 */
import { describe, expect, it } from 'vitest';
import { addNode, connect } from '../../../shared/document/edits';
import { inferenceOf } from '../../../shared/document/inference';
import { emptyDocument, type NetwrightDocument } from '../../../shared/graph/schema';
import type { LayerKind } from '../../../shared/layers/registry';
import { lenet5 } from '../../../shared/templates/lenet5';
import { nodeView } from '../../../renderer/src/ui/nodeView';
import { problemsOf, trainBlocker } from '../../../renderer/src/ui/problems';

/** A document with these layers (ids `a`, `b`, … in order) and connections `[from, to, port?]`. */
function graphOf(kinds: LayerKind[], wires: [number, number, number?][]): { doc: NetwrightDocument; ids: string[] } {
  let doc = emptyDocument();
  const ids: string[] = [];
  kinds.forEach((kind, i) => {
    const added = addNode(doc, kind, { x: i * 200, y: 0 });
    doc = added.doc;
    ids.push(added.id);
  });
  for (const [from, to, port = 0] of wires) doc = connect(doc, ids[from]!, ids[to]!, port);
  return { doc, ids };
}

const problems = (doc: NetwrightDocument) => problemsOf(doc.blocks, doc.graph, inferenceOf(doc));

describe('layers not connected yet', () => {
  it('a freshly dropped layer, with nothing in or out, is pending, not an error', () => {
    const { doc, ids } = graphOf(['Input', 'Conv2D'], []);
    expect(inferenceOf(doc).errors.map((e) => e.nodeId)).toEqual([ids[1]]);
    expect([...problems(doc).pending]).toEqual([ids[1]]);
    expect(problems(doc).errors).toEqual([]);
    const view = nodeView({ doc, scope: [] }, ids[1]!);
    expect([view.pending, view.error, view.fixes]).toEqual([true, '', '']);
  });

  it('is an error once another layer reads its output', () => {
    const { doc, ids } = graphOf(['Input', 'Conv2D', 'Dropout'], [[1, 2]]);
    expect(problems(doc).pending.size).toBe(0);
    expect(problems(doc).errors.map((e) => e.nodeId)).toEqual([ids[1]]);
    expect(nodeView({ doc, scope: [] }, ids[1]!).error).toMatch(/has nothing connected to its input/);
  });

  it('a merge with one of its two inputs wired and nothing after it is still pending', () => {
    const { doc, ids } = graphOf(['Input', 'Add'], [[0, 1, 0]]);
    expect([...problems(doc).pending]).toEqual([ids[1]]);
  });

  it('two layers into one input, or a connection into an Input, are errors at once', () => {
    const two = graphOf(['Input', 'Input', 'Dense'], [
      [0, 2],
      [1, 2],
    ]);
    expect(problems(two.doc).pending.size).toBe(0);
    const into = graphOf(['Input', 'Input'], [[0, 1]]);
    expect(problems(into.doc).pending.size).toBe(0);
    expect(problems(into.doc).errors.length).toBeGreaterThan(0);
  });

  it('a shape error is never pending', () => {
    const { doc, ids } = graphOf(['Input', 'Dense'], [[0, 1]]);
    expect(problems(doc).errors.map((e) => e.nodeId)).toEqual([ids[1]]);
    const view = nodeView({ doc, scope: [] }, ids[1]!);
    expect(view.pending).toBe(false);
    expect(view.fixes).toBe('Insert Flatten');
  });

  it('is computed once per inference and graph', () => {
    const { doc } = graphOf(['Input', 'Conv2D'], []);
    expect(problems(doc)).toBe(problems(doc));
  });
});

describe('why Train is off', () => {
  it('needs an Input', () => {
    expect(trainBlocker(emptyDocument())).toMatch(/^Add an Input layer first/);
    expect(trainBlocker(graphOf(['Conv2D'], []).doc)).toMatch(/^Add an Input layer first/);
  });

  it('counts every error, a pending layer’s too, and names the first', () => {
    const { doc } = graphOf(['Input', 'Conv2D'], []);
    expect(trainBlocker(doc)).toBe('Fix 1 problem first. Conv2D conv2d-1: Conv2D has nothing connected to its input — connect a layer to it.');
  });

  it('is nothing for a network that trains', () => {
    expect(trainBlocker(lenet5())).toBeUndefined();
  });
});
