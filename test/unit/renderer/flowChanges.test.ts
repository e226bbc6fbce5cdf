/** React Flow's change objects folded into the document, selection and view. */
import { describe, expect, it } from 'vitest';
import { lenet5 } from '../../../shared/templates/lenet5';
import { applyEdgeChanges, applyNodeChanges, emptySelection, emptyView, type CanvasState } from '../../../renderer/src/store/flowChanges';

const state = (): CanvasState => ({ doc: lenet5(), selection: emptySelection, view: emptyView });

describe('flow changes', () => {
  it('keeps a drag in the view and writes the position into the document when it ends', () => {
    let s = state();
    const before = s.doc.graph.nodes[1]!;
    s = { ...s, ...applyNodeChanges(s, [{ type: 'position', id: 'c1', position: { x: 50, y: 60 }, dragging: true }]) };
    expect(s.view.dragging).toEqual({ c1: { x: 50, y: 60 } });
    expect(s.doc.graph.nodes[1]).toBe(before);
    s = { ...s, ...applyNodeChanges(s, [{ type: 'position', id: 'c1', dragging: false }]) };
    expect(s.view.dragging).toEqual({});
    expect(s.doc.graph.nodes[1]!.position).toEqual({ x: 50, y: 60 });
  });

  it('records measured sizes without touching the document', () => {
    const s = state();
    const out = applyNodeChanges(s, [{ type: 'dimensions', id: 'c1', dimensions: { width: 180, height: 40 } }]);
    expect(out.doc).toBeUndefined();
    expect(out.view!.measured).toEqual({ c1: { width: 180, height: 40 } });
  });

  it('selects, and removes nodes and edges', () => {
    let s = state();
    s = { ...s, ...applyNodeChanges(s, [{ type: 'select', id: 'c1', selected: true }]) };
    expect(s.selection.nodes).toEqual(['c1']);
    s = { ...s, ...applyNodeChanges(s, [{ type: 'remove', id: 'c1' }]) };
    expect(s.selection.nodes).toEqual([]);
    expect(s.doc.graph.nodes).toHaveLength(8);
    expect(s.doc.graph.edges).toHaveLength(6);
    s = { ...s, ...applyEdgeChanges(s, [{ type: 'remove', id: s.doc.graph.edges[0]!.id }]) };
    expect(s.doc.graph.edges).toHaveLength(5);
  });
});
