/**
 * The clipboard's pure parts: a selection cut out as a subgraph with the blocks it uses, pasted
 * back with fresh ids, its edges rewired, its blocks merged; and the text that carries it.
 */
import { describe, expect, it } from 'vitest';
import { inception, residualBasic, residualBottleneck } from '../../../shared/blocks/library';
import { addBlockInstance } from '../../../shared/document/block-edits';
import { addNode, connect } from '../../../shared/document/edits';
import { freeOffset, pasteSubgraph } from '../../../shared/document/paste';
import { emptyDocument, type NetwrightDocument } from '../../../shared/graph/schema';
import { inferGraph } from '../../../shared/infer';
import { lenet5 } from '../../../shared/templates/lenet5';
import { extractSelection } from '../../../renderer/src/clipboard/extract';
import { CLIPBOARD_TAG, decodePayload, encodePayload } from '../../../renderer/src/clipboard/payload';
import { readClipboard, writeClipboard } from '../../../renderer/src/clipboard/system';

/** Input → residual block instance → Flatten. */
function residualDoc(): NetwrightDocument {
  let doc = addNode(emptyDocument(), 'Input', { x: 0, y: 0 }).doc;
  doc = addBlockInstance(doc, residualBasic(false), { x: 240, y: 0 }).doc;
  doc = addNode(doc, 'Flatten', { x: 480, y: 0 }).doc;
  doc = connect(doc, 'input-1', 'residual-basic-1', 0);
  return connect(doc, 'residual-basic-1', 'flatten-1', 0);
}

describe('extracting a selection', () => {
  it('keeps the edges inside the selection and drops those that leave it', () => {
    const p = extractSelection(lenet5(), ['c1', 's2', 'c3'])!;
    expect(p.format).toBe(CLIPBOARD_TAG);
    expect(p.nodes.map((n) => n.id)).toEqual(['c1', 's2', 'c3']);
    expect(p.edges.map((e) => [e.source, e.target])).toEqual([
      ['c1', 's2'],
      ['s2', 'c3'],
    ]);
    expect(p.blocks).toEqual([]);
    expect(extractSelection(lenet5(), [])).toBeUndefined();
  });

  it('takes the block definitions that instances use, nested ones included', () => {
    let doc = addBlockInstance(emptyDocument(), residualBottleneck(false, true), { x: 0, y: 0 }).doc;
    doc = addBlockInstance(doc, inception(), { x: 300, y: 0 }).doc;
    const instance = doc.graph.nodes[0]!.id;
    const p = extractSelection(doc, [instance])!;
    expect(p.blocks.map((b) => b.id).sort()).toEqual(['se', 'se-bottleneck']);
  });
});

describe('pasting', () => {
  it('gives every node and edge a fresh id and rewires the edges', () => {
    const doc = lenet5();
    const p = extractSelection(doc, ['c1', 's2'])!;
    const pasted = pasteSubgraph(doc, p, { offset: { x: 40, y: 40 } });
    expect(pasted.nodes).toEqual(['c1-1', 's2-1']);
    expect(pasted.doc.graph.nodes.slice(0, doc.graph.nodes.length)).toEqual(doc.graph.nodes);
    const added = pasted.doc.graph.nodes.slice(doc.graph.nodes.length);
    expect(added.map((n) => n.position)).toEqual(p.nodes.map((n) => ({ x: n.position.x + 40, y: n.position.y + 40 })));
    const newEdge = pasted.doc.graph.edges.find((e) => e.id === pasted.edges[0]);
    expect(newEdge).toMatchObject({ source: 'c1-1', target: 's2-1', targetPort: 0 });
    const ids = [...pasted.doc.graph.nodes.map((n) => n.id), ...pasted.doc.graph.edges.map((e) => e.id)];
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('puts the top-left layer at the pointer', () => {
    const p = extractSelection(lenet5(), ['c1', 's2'])!;
    const pasted = pasteSubgraph(emptyDocument(), p, { at: { x: 1000, y: 500 } });
    const xs = pasted.doc.graph.nodes.map((n) => n.position.x);
    expect(Math.min(...xs)).toBe(1000);
    expect(Math.min(...pasted.doc.graph.nodes.map((n) => n.position.y))).toBe(500);
  });

  it('brings a block instance with its definition into another document, where it infers the same', () => {
    const source = residualDoc();
    const p = extractSelection(source, source.graph.nodes.map((n) => n.id))!;
    const target = pasteSubgraph(emptyDocument(), p, { offset: freeOffset(emptyDocument(), p) }).doc;
    expect(target.blocks.map((b) => b.id)).toEqual(['residual-basic']);
    expect(inferGraph(target.graph, target.blocks).totals).toEqual(inferGraph(source.graph, source.blocks).totals);
  });

  it('shares an identical definition, and renames a different one of the same id', () => {
    const source = residualDoc();
    const p = extractSelection(source, ['residual-basic-1'])!;
    const same = pasteSubgraph(source, p, { offset: { x: 0, y: 100 } }).doc;
    expect(same.blocks).toBe(source.blocks);
    const edited = { ...source, blocks: source.blocks.map((b) => ({ ...b, params: { planes: 32 } })) };
    const both = pasteSubgraph(edited, p, { offset: { x: 0, y: 100 } }).doc;
    expect(both.blocks.map((b) => b.id)).toEqual(['residual-basic', 'residual-basic-1']);
    expect(both.graph.nodes.at(-1)!.kind).toBe('block:residual-basic-1');
  });

  it('steps a paste off the originals, but pastes in place where nothing is', () => {
    const doc = lenet5();
    const p = extractSelection(doc, ['c1'])!;
    expect(freeOffset(doc, p)).toEqual({ x: 40, y: 40 });
    const once = pasteSubgraph(doc, p, { offset: freeOffset(doc, p) }).doc;
    expect(freeOffset(once, p)).toEqual({ x: 80, y: 80 });
    expect(freeOffset(emptyDocument(), p)).toEqual({ x: 0, y: 0 });
  });
});

describe('clipboard text', () => {
  it('round-trips a payload and refuses anything else', () => {
    const p = extractSelection(lenet5(), ['c1'])!;
    expect(decodePayload(encodePayload(p))).toEqual(p);
    expect(decodePayload('hello')).toBeUndefined();
    expect(decodePayload(`{"format":"${CLIPBOARD_TAG}","version":1,"nodes":[{"id":""}]}`)).toBeUndefined();
    expect(decodePayload(`{"format":"${CLIPBOARD_TAG}"`)).toBeUndefined();
  });

  it('falls back to the remembered copy when the clipboard refuses', async () => {
    const denied = { readText: () => Promise.reject(new Error('denied')), writeText: () => Promise.reject(new Error('denied')) };
    const saved = new Map<string, string>();
    const storage = { getItem: (k: string) => saved.get(k) ?? null, setItem: (k: string, v: string) => void saved.set(k, v) };
    await writeClipboard('layers', undefined, { clipboard: denied, storage });
    expect(await readClipboard(undefined, { clipboard: denied, storage })).toBe('layers');
    expect(await readClipboard(undefined, { clipboard: denied })).toBe('layers');
    const granted = { readText: async () => 'system text', writeText: async () => undefined };
    expect(await readClipboard(undefined, { clipboard: granted, storage })).toBe('system text');
  });
});
