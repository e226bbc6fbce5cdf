/**
 * The editing commands behind the keyboard shortcuts and the quick-add box: select all, delete,
 * copy, cut, paste, duplicate, group into a block, and placing a layer or block (onto an edge, if it was dropped on
 * one). Each is one `setState` with pure edits, so each is one undo step.
 */
import { builtinBlocks } from '../../../shared/blocks/library';
import { removeElements, type XY } from '../../../shared/document/edits';
import { freeOffset, pasteSubgraph } from '../../../shared/document/paste';
import { place, spliceIntoEdge, type Placeable } from '../../../shared/document/place';
import { inScope, scopeGraph } from '../../../shared/document/scope';
import type { Block } from '../../../shared/graph/schema';
import { extractSelection } from '../clipboard/extract';
import { decodePayload, encodePayload, type ClipboardPayload } from '../clipboard/payload';
import { readClipboard, writeClipboard } from '../clipboard/system';
import { useApp } from '../store/store';

const state = () => useApp.getState();
let library: Block[] | undefined;

/** The built-in block definitions (Inception, residual, SE, dense …), built once. */
export const blockLibrary = (): Block[] => (library ??= builtinBlocks());

/** Group the selection into a new block (an alert says why when it cannot be one). */
export function groupSelection(): void {
  state().groupSelection();
}

/** Select every layer and connection of the graph on the canvas. */
export function selectAll(): void {
  useApp.setState((s) => {
    const graph = scopeGraph(s.doc, s.scope);
    return { selection: { nodes: graph.nodes.map((n) => n.id), edges: graph.edges.map((e) => e.id) } };
  });
}

/** Select these layers of the top-level graph, leaving an open block first: `selectLayers(['fc6', 'fc7'])`. */
export function selectLayers(ids: readonly string[]): void {
  if (useApp.getState().scope.length) useApp.getState().closeBlock(0);
  useApp.setState({ selection: { nodes: [...ids], edges: [] } });
}

/** Clear the selection. */
export function selectNone(): void {
  useApp.setState({ selection: { nodes: [], edges: [] } });
}

/** Delete the selected layers (with their connections) and connections, as one step. */
export function deleteSelection(): void {
  useApp.setState((s) => {
    if (!s.selection.nodes.length && !s.selection.edges.length) return {};
    return { ...inScope(s, (doc) => ({ doc: removeElements(doc, s.selection.nodes, s.selection.edges) })), selection: { nodes: [], edges: [] } };
  });
}

/** The selection as a clipboard payload, or undefined when no layer is selected. */
export function selectionPayload(): ClipboardPayload | undefined {
  const { doc, scope, selection } = state();
  return extractSelection({ ...doc, graph: scopeGraph(doc, scope) }, selection.nodes);
}

/** Copy the selected layers; returns whether there was anything to copy. */
export async function copySelection(event?: ClipboardEvent): Promise<boolean> {
  const payload = selectionPayload();
  if (!payload) return false;
  await writeClipboard(encodePayload(payload), event);
  return true;
}

/** Copy the selected layers, then delete them. */
export async function cutSelection(event?: ClipboardEvent): Promise<boolean> {
  const payload = selectionPayload();
  if (!payload) return false;
  const copied = writeClipboard(encodePayload(payload), event);
  deleteSelection();
  await copied;
  return true;
}

/**
 * Paste what the clipboard holds, if it is Netwright layers: with its top-left layer at `at`
 * (the pointer, in canvas coordinates), or beside where it was copied from. Returns the new ids.
 */
export async function pasteClipboard(event?: ClipboardEvent, at?: XY): Promise<string[]> {
  const text = await readClipboard(event);
  const payload = text === undefined ? undefined : decodePayload(text);
  return payload ? pastePayload(payload, at) : [];
}

/** Paste a payload and select what came in: one undo step. */
export function pastePayload(payload: ClipboardPayload, at?: XY): string[] {
  let ids: string[] = [];
  useApp.setState((s) =>
    inScope(s, (doc) => {
      const pasted = pasteSubgraph(doc, payload, at ? { at } : { offset: freeOffset(doc, payload) });
      ids = pasted.nodes;
      return { doc: pasted.doc, selection: { nodes: pasted.nodes, edges: [] } };
    }),
  );
  return ids;
}

/** Duplicate the selected layers beside themselves, without touching the clipboard. */
export function duplicateSelection(): string[] {
  const payload = selectionPayload();
  return payload ? pastePayload(payload) : [];
}

/**
 * Place a layer or block instance with its top-left corner at `at` and select it; when
 * `edgeId` is given, the edge runs through it. Returns the new node's id.
 */
export function placeAt(what: Placeable, at: XY, edgeId?: string): string {
  let id = '';
  useApp.setState((s) =>
    inScope(s, (doc) => {
      const placed = place(doc, what, at);
      id = placed.id;
      return { doc: edgeId ? spliceIntoEdge(placed.doc, edgeId, placed.id) : placed.doc, selection: { nodes: [placed.id], edges: [] } };
    }),
  );
  return id;
}
