/**
 * React Flow reports what the user did as change objects; this folds a batch of them into the
 * document, the selection and the view state (sizes, positions mid-drag) in one step.
 * A drag only moves the node in the view; the document takes the position when the drag ends,
 * so a drag is one edit, not sixty a second.
 */
import type { EdgeChange, NodeChange } from '@xyflow/react';
import { moveNodes, removeElements, type XY } from '../../../shared/document/edits';
import type { NetwrightDocument } from '../../../shared/graph/schema';

export interface Selection {
  nodes: readonly string[];
  edges: readonly string[];
}

export interface CanvasView {
  /** Rendered sizes, as React Flow measured them. */
  measured: Readonly<Record<string, { width: number; height: number }>>;
  /** Positions of nodes being dragged right now. */
  dragging: Readonly<Record<string, XY>>;
}

export interface CanvasState {
  doc: NetwrightDocument;
  selection: Selection;
  view: CanvasView;
}

export const emptySelection: Selection = { nodes: [], edges: [] };
export const emptyView: CanvasView = { measured: {}, dragging: {} };

/** Apply React Flow's node changes: positions, sizes, selection and removal. */
export function applyNodeChanges(s: CanvasState, changes: readonly NodeChange[]): Partial<CanvasState> {
  let dragging: Record<string, XY> | undefined;
  let measured: Record<string, { width: number; height: number }> | undefined;
  const commit = new Map<string, XY>();
  const selected = new Map<string, boolean>();
  const removed: string[] = [];
  for (const c of changes) {
    if (c.type === 'position') {
      const at = c.position ?? s.view.dragging[c.id];
      if (c.dragging && c.position) (dragging ??= { ...s.view.dragging })[c.id] = c.position;
      else {
        if (at) commit.set(c.id, at);
        if (s.view.dragging[c.id]) delete (dragging ??= { ...s.view.dragging })[c.id];
      }
    } else if (c.type === 'dimensions' && c.dimensions) {
      const old = s.view.measured[c.id];
      if (old?.width !== c.dimensions.width || old?.height !== c.dimensions.height) (measured ??= { ...s.view.measured })[c.id] = c.dimensions;
    } else if (c.type === 'select') selected.set(c.id, c.selected);
    else if (c.type === 'remove') removed.push(c.id);
  }
  const out: Partial<CanvasState> = {};
  let doc = commit.size ? moveNodes(s.doc, commit) : s.doc;
  if (removed.length) doc = removeElements(doc, removed, []);
  if (doc !== s.doc) out.doc = doc;
  if (dragging || measured) out.view = { measured: measured ?? s.view.measured, dragging: dragging ?? s.view.dragging };
  if (selected.size || removed.length) {
    const gone = new Set(removed);
    out.selection = { ...s.selection, nodes: toggle(s.selection.nodes, selected).filter((id) => !gone.has(id)) };
  }
  return out;
}

/** Apply React Flow's edge changes: selection and removal. */
export function applyEdgeChanges(s: CanvasState, changes: readonly EdgeChange[]): Partial<CanvasState> {
  const selected = new Map<string, boolean>();
  const removed: string[] = [];
  for (const c of changes) {
    if (c.type === 'select') selected.set(c.id, c.selected);
    else if (c.type === 'remove') removed.push(c.id);
  }
  const out: Partial<CanvasState> = {};
  if (removed.length) {
    const doc = removeElements(s.doc, [], removed);
    if (doc !== s.doc) out.doc = doc;
  }
  if (selected.size || removed.length) {
    const gone = new Set(removed);
    out.selection = { ...s.selection, edges: toggle(s.selection.edges, selected).filter((id) => !gone.has(id)) };
  }
  return out;
}

function toggle(ids: readonly string[], changes: Map<string, boolean>): string[] {
  const set = new Set(ids);
  for (const [id, on] of changes) {
    if (on) set.add(id);
    else set.delete(id);
  }
  return [...set];
}
