/**
 * Undo and redo: zundo's temporal middleware, tracking only the document. Each change of the
 * document (by identity; pure edits keep it when nothing changed) is one step, except that
 * consecutive edits of the same field (see editGroups.ts) fold into the step their first one
 * made, until the field loses focus or something else is edited. Replacing the whole document
 * (new, open, template) starts a fresh history.
 */
import type { StateCreator, StoreApi } from 'zustand';
import { temporal, type TemporalState } from 'zundo';
import type { NetwrightDocument } from '../../../shared/graph/schema';
import { editGroupKey } from './editGroups';

/** What the history records of the app's state. */
export interface Tracked {
  doc: NetwrightDocument;
}

/** The least the history needs of the app's state. */
interface Documented extends Tracked {
  /** Bumped by every whole-document replacement. */
  loadId: number;
}

/** How many steps back one can go. */
export const HISTORY_LIMIT = 200;

export type HistoryStore = StoreApi<TemporalState<Tracked>>;

/** The group that the last recorded step belongs to, and the state it recorded after. */
let group: { key: string; doc: NetwrightDocument; steps: number } | undefined;

/** End the current group: the next edit of the same field is a new step (called on blur). */
export function breakEditGroup(): void {
  group = undefined;
}

/**
 * Wrap the app's state creator with history: `create<AppState>()(withHistory(appState))`; the
 * store then has `useApp.temporal` (zundo's `undo`, `redo`, `pastStates`, `futureStates`, …).
 */
export function withHistory<S extends Documented>(creator: StateCreator<S>) {
  let api: (StoreApi<S> & { temporal: HistoryStore }) | undefined;
  /** The document a load just put in place: its arrival is not a step. */
  let loaded: NetwrightDocument | undefined;
  const keep: StateCreator<S, [['temporal', unknown]]> = (set, get, store) => {
    api = store as unknown as StoreApi<S> & { temporal: HistoryStore };
    store.subscribe((s, prev) => {
      if (s.loadId === prev.loadId) return;
      // A new document: what came before it is not this document's history.
      loaded = s.doc;
      group = undefined;
      api!.temporal.getState().clear();
    });
    return creator(set, get, store as unknown as StoreApi<S>);
  };
  return temporal<S, [], [], Tracked>(keep, {
    partialize: (s) => ({ doc: s.doc }),
    equality: (a, b) => a.doc === b.doc,
    limit: HISTORY_LIMIT,
    handleSet: (save) => (past, replace, current, delta) => {
      if (current.doc === loaded) {
        loaded = undefined;
        return;
      }
      const history = api!.temporal.getState();
      const before = (past as Tracked).doc;
      const key = editGroupKey(before, current.doc);
      const steps = history.pastStates.length;
      if (key && group && group.key === key && group.doc === before && group.steps === steps && history.futureStates.length === 0) {
        group.doc = current.doc; // the same field again: the step its first edit made covers this one
        return;
      }
      (save as unknown as (p: unknown, r: unknown, c: unknown, d: unknown) => void)(past, replace, current, delta);
      group = key ? { key, doc: current.doc, steps: api!.temporal.getState().pastStates.length } : undefined;
    },
  });
}
