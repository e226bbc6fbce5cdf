/**
 * Auto-offset (ui/autoOffset.ts): a layer inserted into a connection gets room. Found from the
 * graphs before and after; set off the line, it moves into it; the layers after it move on by
 * as much as it needs, and only those past its source along the flow. In the store, the move is part of
 * the insertion's undo step.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertBefore } from '../../../shared/document/edits';
import type { Graph } from '../../../shared/graph/schema';
import { emptyDocument } from '../../../shared/graph/schema';
import { autoOffset, findInsertion, OFFSET_GAP, watchInsertions, type Box } from '../../../renderer/src/ui/autoOffset';
import { useApp } from '../../../renderer/src/store/store';

const node = (id: string, x: number, y = 0) => ({ id, kind: 'Dense', params: {}, position: { x, y } });
const edge = (id: string, source: string, target: string) => ({ id, source, target, targetPort: 0 });

/** a → b → c in a row, 100 wide, 40 apart; d below, fed by a. */
const before: Graph = {
  nodes: [node('a', 0), node('b', 140), node('c', 280), node('d', 140, 200)],
  edges: [edge('e1', 'a', 'b'), edge('e2', 'b', 'c'), edge('e3', 'a', 'd')],
};
/** n put into a → b. */
const after: Graph = {
  nodes: [...before.nodes, node('n', 120, 0)],
  edges: [edge('e2', 'b', 'c'), edge('e3', 'a', 'd'), edge('e4', 'a', 'n'), { ...edge('e1', 'n', 'b') }],
};
const sizes: Record<string, { width: number; height: number }> = { a: { width: 100, height: 40 }, b: { width: 100, height: 40 }, c: { width: 100, height: 40 }, d: { width: 100, height: 40 }, n: { width: 80, height: 40 } };
const boxesOf =
  (graph: Graph) =>
  (id: string): Box => ({ ...graph.nodes.find((n) => n.id === id)!.position, ...sizes[id]! });

describe('finding an insertion', () => {
  it('is one new layer that a connection now runs through', () => {
    expect(findInsertion(before, after)).toEqual({ node: 'n', source: 'a', target: 'b' });
  });

  it('is not a layer added on its own, nor one wired to the side', () => {
    expect(findInsertion(before, { ...before, nodes: [...before.nodes, node('n', 500)] })).toBeUndefined();
    expect(findInsertion(before, { nodes: [...before.nodes, node('n', 500)], edges: [...before.edges, edge('e4', 'c', 'n')] })).toBeUndefined();
    expect(findInsertion(after, before)).toBeUndefined();
  });
});

describe('the offset', () => {
  it('moves the layers after the new one on by what it needs, and no others', () => {
    const moves = autoOffset(after, { node: 'n', source: 'a', target: 'b' }, boxesOf(after), 'RIGHT');
    // n ends at 200; b starts at 140: b and c move on by 200 + 40 - 140 = 100.
    expect(Object.fromEntries(moves)).toEqual({ b: { x: 240, y: 0 }, c: { x: 380, y: 0 } });
  });

  it('moves nothing when there is room', () => {
    const roomy: Graph = { ...after, nodes: after.nodes.map((n) => (n.id === 'b' || n.id === 'c' ? { ...n, position: { x: n.position.x + 200, y: 0 } } : n)) };
    expect(autoOffset(roomy, { node: 'n', source: 'a', target: 'b' }, boxesOf(roomy), 'RIGHT').size).toBe(0);
  });

  it('sets a layer below the line (where a fix puts it) into the line, after its source', () => {
    const below: Graph = { ...after, nodes: after.nodes.map((n) => (n.id === 'n' ? { ...n, position: { x: 70, y: 110 } } : n)) };
    const moves = autoOffset(below, { node: 'n', source: 'a', target: 'b' }, boxesOf(below), 'RIGHT');
    expect(moves.get('n')).toEqual({ x: 100 + OFFSET_GAP, y: 0 });
    expect(moves.get('b')).toEqual({ x: 140 + 80 + OFFSET_GAP, y: 0 });
  });

  it('works top to bottom along y', () => {
    const down: Graph = {
      nodes: [node('a', 0, 0), node('n', 0, 50), node('b', 0, 80)],
      edges: [edge('e4', 'a', 'n'), edge('e1', 'n', 'b')],
    };
    const moves = autoOffset(down, { node: 'n', source: 'a', target: 'b' }, boxesOf(down), 'DOWN');
    expect(Object.fromEntries(moves)).toEqual({ b: { x: 0, y: 50 + 40 + OFFSET_GAP } });
  });

  it('leaves a target at the start of the next row of a folded layout where it is', () => {
    const folded: Graph = {
      nodes: [node('a', 600, 0), node('n', 760, 0), node('b', 0, 120)],
      edges: [edge('e4', 'a', 'n'), edge('e1', 'n', 'b')],
    };
    expect(autoOffset(folded, { node: 'n', source: 'a', target: 'b' }, boxesOf(folded), 'RIGHT').size).toBe(0);
  });
});

describe('in the store', () => {
  let stop: () => void;
  beforeEach(() => {
    // a → b → c, 200 apart: 40 between layers of the guessed size (160 wide).
    const nodes = [node('a', 0), node('b', 200), node('c', 400)].map((n) => ({ ...n, kind: n.id === 'a' ? 'Input' : 'Dense' }));
    useApp.getState().replaceDocument({ ...emptyDocument(), graph: { nodes, edges: before.edges.slice(0, 2) } });
    stop = watchInsertions();
  });
  afterEach(() => stop());

  it('makes room in the same undo step as the insertion', async () => {
    const s = useApp.getState();
    useApp.setState({ doc: insertBefore(s.doc, 'b', 'Flatten').doc });
    await Promise.resolve();
    const positions = () => Object.fromEntries(useApp.getState().doc.graph.nodes.map((n) => [n.id, n.position.x]));
    // The Flatten (160 wide, a guess until it is measured) goes in line after a, at 200; b and c move on by 200.
    const flatten = () => useApp.getState().doc.graph.nodes.find((n) => n.kind === 'Flatten')?.position;
    expect(flatten()).toEqual({ x: 200, y: 0 });
    expect(positions()).toMatchObject({ a: 0, b: 400, c: 600 });
    useApp.temporal.getState().undo();
    expect(positions()).toEqual({ a: 0, b: 200, c: 400 });
    useApp.temporal.getState().redo();
    expect(positions()).toMatchObject({ a: 0, b: 400, c: 600 });
    expect(flatten()).toEqual({ x: 200, y: 0 });
  });
});
