/**
 * The store's block actions: open a block's definition from an instance and come back, add an
 * instance from the library, group the selection into a new block, unlink an instance, edit a
 * definition, and place nodes where a layout put them. A slice of the app's store: its state
 * creator spreads `blockActions(set)`.
 */
import { blockIdOf } from '../../../shared/blocks/blocks';
import { addBlockInstance, renameBlock, resetOverride, setBlockDefaults, unlinkInPlace } from '../../../shared/document/block-edits';
import type { XY } from '../../../shared/document/edits';
import { groupIntoBlock } from '../../../shared/document/group';
import { inScope, rootScope, scopeGraph, validScope, type Scope } from '../../../shared/document/scope';
import type { Block, NetwrightDocument } from '../../../shared/graph/schema';
import type { Params } from '../../../shared/layers/types';
import { emptySelection, emptyView, type CanvasView, type Selection } from './flowChanges';

export type LayoutDirection = 'RIGHT' | 'DOWN';

export interface BlockActions {
  /** The block definitions opened on the canvas, outermost first; empty at the top level. */
  scope: Scope;
  /** Which way the graph flows on the canvas (where the handles sit). */
  direction: LayoutDirection;
  /** Show the definition of block instance `id` (of the shown graph) on the canvas. */
  openBlock(id: string): void;
  /** Go back up to `depth` opened blocks (0: the top level), selecting the instance left. */
  closeBlock(depth: number): void;
  addBlock(block: Block, position: XY): void;
  /** Replace the selected layers by an instance of a new block; false (and an alert) if they cannot form one. */
  groupSelection(name?: string): boolean;
  unlink(id: string): void;
  setBlockDefaults(blockId: string, params: Params): void;
  renameBlock(blockId: string, name: string): void;
  resetOverride(id: string, param: string): void;
  /** Take the laid-out document `to`, unless the document changed since `from` was laid out. */
  applyLayout(from: NetwrightDocument, to: NetwrightDocument, direction: LayoutDirection): void;
  setDirection(direction: LayoutDirection): void;
}

interface Host extends BlockActions {
  doc: NetwrightDocument;
  selection: Selection;
  view: CanvasView;
  showAlert(alert: { message: string; source: 'app' }): void;
}

type Set<S> = (partial: Partial<S> | ((s: S) => Partial<S>)) => void;

/** The slice; `get` reads the whole state (for showing an alert from an action). */
export function blockActions<S extends Host>(set: Set<S>, get: () => S): BlockActions {
  const patch = (f: (s: S) => Partial<Host>) => set(f as (s: S) => Partial<S>);
  return {
    scope: rootScope,
    direction: 'RIGHT',
    openBlock: (id) =>
      patch((s) => {
        const node = scopeGraph(s.doc, s.scope).nodes.find((n) => n.id === id);
        const block = node && blockIdOf(node.kind);
        if (block === undefined || !s.doc.blocks.some((b) => b.id === block)) return {};
        return { scope: [...validScope(s.doc, s.scope), { instance: id, block }], selection: emptySelection, view: emptyView };
      }),
    closeBlock: (depth) =>
      patch((s) => {
        const scope = validScope(s.doc, s.scope);
        if (depth >= scope.length) return {};
        const left = scope[depth]!.instance;
        return { scope: scope.slice(0, depth), selection: { nodes: [left], edges: [] }, view: emptyView };
      }),
    addBlock: (block, position) =>
      patch((s) =>
        inScope(s, (doc) => {
          const added = addBlockInstance(doc, block, position);
          return { doc: added.doc, selection: { nodes: [added.id], edges: [] } };
        }),
      ),
    groupSelection: (name) => {
      let error: string | undefined;
      patch((s) =>
        inScope(s, (doc) => {
          const grouped = groupIntoBlock(doc, s.selection.nodes, name);
          if ('error' in grouped) {
            error = grouped.error;
            return {};
          }
          return { doc: grouped.doc, selection: { nodes: [grouped.instanceId], edges: [] } };
        }),
      );
      if (error) get().showAlert({ source: 'app', message: `Cannot group into a block: ${error}` });
      return !error;
    },
    unlink: (id) =>
      patch((s) =>
        inScope(s, (doc) => {
          const next = unlinkInPlace(doc, id, s.direction);
          const fresh = next.graph.nodes.filter((n) => n.id.startsWith(`${id}/`)).map((n) => n.id);
          return { doc: next, selection: { nodes: fresh, edges: [] } };
        }),
      ),
    setBlockDefaults: (blockId, params) => patch((s) => ({ doc: setBlockDefaults(s.doc, blockId, params) })),
    renameBlock: (blockId, name) => patch((s) => ({ doc: renameBlock(s.doc, blockId, name) })),
    resetOverride: (id, param) => patch((s) => inScope(s, (doc) => ({ doc: resetOverride(doc, id, param) }))),
    applyLayout: (from, to, direction) => patch((s) => (s.doc === from ? { doc: to, direction } : {})),
    setDirection: (direction) => patch(() => ({ direction })),
  };
}
