/**
 * The document store, `useApp`: the open document (the truth), its file and whether it has
 * unsaved edits, the selection, the canvas view state, the last load error or alert, and the
 * training run. Everything else (shapes, errors, statistics) is derived from the document with
 * `inferenceOf`.
 *
 * It is one of seven zustand stores, each owning its own state; only this one's document is undoable:
 * - `useApp` (here): the document, selection, canvas view, alerts and the training run; its
 *   undo history is zundo's `useApp.temporal` (history.ts);
 * - `useUi` (ui.ts): the editor's passing state: the quick-add box, the shortcuts overlay, box
 *   select, the problems list, the question about unsaved changes, the passing message (toast);
 * - `usePanels` (panels.ts): which panels show (the template gallery, the dock's tab), which node
 *   the canvas centres next, and when it fits the graph into view;
 * - `useTrainingView` (trainingView.ts): the training panel's choices that are not part of the
 *   document: the engine, the curves' smoothing and log axis;
 * - `useRuns` (runs/store.ts): the run history the Runs and Results tabs show.
 * - `usePredict` (predict.ts): the pretrained weights loaded for the open document (Summary's Predict).
 * - `useLook` (look.ts): the feature maps of the last Look inside by node, for the canvas's strips.
 *
 * Actions only call `set` with pure edits (shared/document/); the state creator is exported on
 * its own and the store wraps it in the undo history (history.ts: zundo's temporal middleware,
 * the document only).
 * Graph edits apply to the graph the canvas shows: inside an opened block, to the block's
 * definition (`inScope`, shared/document/scope.ts); the block actions are a slice (blockActions.ts).
 */
import type { EdgeChange, NodeChange } from '@xyflow/react';
import { create, type StateCreator } from 'zustand';
import type { TrainApiEvent } from '../../../shared/api';
import * as edit from '../../../shared/document/edits';
import { inScope, rootScope } from '../../../shared/document/scope';
import type { LoadError } from '../../../shared/graph/load';
import { emptyDocument, type NetwrightDocument, type Training } from '../../../shared/graph/schema';
import type { LayerKind } from '../../../shared/layers/registry';
import type { Fix, Params } from '../../../shared/layers/types';
import { blockActions, type BlockActions } from './blockActions';
import { applyEdgeChanges, applyNodeChanges, emptySelection, emptyView, type CanvasView, type Selection } from './flowChanges';
import { withHistory } from './history';
import { applyTrainEvent, idleTraining, isActive, startingTraining, type TrainingState } from './training';

/**
 * The file a document came from or was last saved to: its name, and where the shell can write
 * it back: a path (the desktop app, a recent file) or a File System Access handle (the browser).
 */
export interface OpenFile {
  name: string;
  path?: string;
  handle?: FileSystemFileHandle;
}

/** Where a replacing document comes from: its file (none for a new one), and whether it is unsaved work (restored, imported). */
export interface DocumentOrigin {
  file?: OpenFile | null;
  unsaved?: boolean;
}

/** A message for the alert banner. */
export interface Alert {
  message: string;
  source: 'open' | 'train' | 'app';
}

export interface AppState extends BlockActions {
  doc: NetwrightDocument;
  /** Counts whole-document replacements (new, open, template), so the canvas can fit the view. */
  loadId: number;
  /** The document's file; null for a new one (Save asks for a name). */
  file: OpenFile | null;
  /** The document as last opened or saved: it has unsaved edits while `doc` is another (see `isModified`); null when it never was. */
  savedDoc: NetwrightDocument | null;
  selection: Selection;
  view: CanvasView;
  /** Why the last open failed; the open document stayed as it was. */
  loadError: LoadError | null;
  alert: Alert | null;
  training: TrainingState;

  replaceDocument(doc: NetwrightDocument, origin?: DocumentOrigin): void;
  /** `doc` was written to `file`: it is the saved state now. */
  markSaved(doc: NetwrightDocument, file: OpenFile): void;
  openFailed(error: LoadError, fileName?: string): void;
  showAlert(alert: Alert): void;
  dismissAlert(): void;
  rename(name: string): void;
  addLayer(kind: LayerKind, position: edit.XY): void;
  setParams(id: string, params: Params): void;
  setLabel(id: string, label: string): void;
  applyFix(id: string, fix: Fix): void;
  connect(source: string, target: string, port: number): void;
  onNodesChange(changes: NodeChange[]): void;
  onEdgesChange(changes: EdgeChange[]): void;
  selectNode(id: string | null): void;
  setTraining(patch: Partial<Training>): void;
  /** A run was asked for; `estimate`: the seconds per epoch measured for it beforehand. */
  trainRequested(estimate?: number): void;
  trainStarted(runId: string): void;
  trainStopping(): void;
  trainEnded(status: 'stopped' | 'error', message?: string): void;
  trainEvent(event: TrainApiEvent): void;
}

/** The empty document a window starts with, saved as it is (nothing to lose). */
function firstDocument(): { doc: NetwrightDocument; savedDoc: NetwrightDocument } {
  const doc = emptyDocument();
  return { doc, savedDoc: doc };
}

/** Whether the document has edits that are not in its file: `isModified(useApp.getState())`. Undoing back to the saved state clears it. */
export const isModified = (s: Pick<AppState, 'doc' | 'savedDoc'>): boolean => s.doc !== s.savedDoc;

/** What the title and the questions call the document: its file's name, else its own. */
export const documentLabel = (s: Pick<AppState, 'doc' | 'file'>): string => s.file?.name ?? (s.doc.name.trim() || 'Untitled');

/** The store's state and actions, unwrapped (see the note at the top). */
export const appState: StateCreator<AppState> = (set, get) => ({
  ...blockActions(set, get),
  ...firstDocument(),
  loadId: 0,
  file: null,
  selection: emptySelection,
  view: emptyView,
  loadError: null,
  alert: null,
  training: idleTraining,

  replaceDocument: (doc, origin = {}) =>
    set((s) => ({
      doc,
      loadId: s.loadId + 1,
      file: origin.file ?? null,
      savedDoc: origin.unsaved ? null : doc,
      scope: rootScope,
      selection: emptySelection,
      view: emptyView,
      loadError: null,
      alert: s.alert?.source === 'open' ? null : s.alert,
    })),
  markSaved: (doc, file) => set({ savedDoc: doc, file }),
  openFailed: (error, fileName) =>
    set({ loadError: error, alert: { source: 'open', message: fileName ? `Could not open ${fileName}: ${error.message}` : error.message } }),
  showAlert: (alert) => set({ alert }),
  dismissAlert: () => set({ alert: null }),
  rename: (name) => set((s) => ({ doc: edit.renameDocument(s.doc, name) })),

  addLayer: (kind, position) =>
    set((s) =>
      inScope(s, (d) => {
        const { doc, id } = edit.addNode(d, kind, position);
        return { doc, selection: { nodes: [id], edges: [] } };
      }),
    ),
  setParams: (id, params) => set((s) => inScope(s, (doc) => ({ doc: edit.updateNode(doc, id, { params }) }))),
  setLabel: (id, label) => set((s) => inScope(s, (doc) => ({ doc: edit.updateNode(doc, id, { label }) }))),
  applyFix: (id, fix) =>
    set((s) =>
      inScope(s, (d) => {
        let doc = fix.params ? edit.updateNode(d, id, { params: fix.params }) : d;
        if (fix.insertBefore) doc = edit.insertBefore(doc, id, fix.insertBefore, fix.insertParams, fix.port).doc;
        return { doc };
      }),
    ),
  connect: (source, target, port) => set((s) => inScope(s, (doc) => ({ doc: edit.connect(doc, source, target, port) }))),
  onNodesChange: (changes) => set((s) => inScope(s, (doc) => applyNodeChanges({ ...s, doc }, changes))),
  onEdgesChange: (changes) => set((s) => inScope(s, (doc) => applyEdgeChanges({ ...s, doc }, changes))),
  selectNode: (id) => set({ selection: { nodes: id ? [id] : [], edges: [] } }),
  setTraining: (patch) => set((s) => ({ doc: edit.updateTraining(s.doc, patch) })),

  trainRequested: (estimate) => set((s) => ({ training: startingTraining(s.doc.training.epochs, estimate), alert: s.alert?.source === 'train' ? null : s.alert })),
  trainStarted: (runId) => set((s) => (s.training.runId === undefined ? { training: { ...s.training, runId } } : {})),
  trainStopping: () => set((s) => (isActive(s.training) ? { training: { ...s.training, status: 'stopping' } } : {})),
  trainEnded: (status, message) =>
    set((s) => {
      if (!isActive(s.training)) return {};
      const training: TrainingState = { ...s.training, status, ...(message ? { message } : {}) };
      return status === 'error' ? { training, alert: { source: 'train', message: `Training failed: ${message ?? 'unknown error'}` } } : { training };
    }),
  trainEvent: ({ runId, event }) =>
    set((s) => {
      const t = s.training;
      // Events of another (older) run, or late events after the run ended, change nothing.
      const ours = t.runId === runId || (t.runId === undefined && t.status === 'starting');
      if (!ours || !isActive(t)) return {};
      const training = applyTrainEvent(t.runId === runId ? t : { ...t, runId }, event);
      if (event.type === 'error') return { training, alert: { source: 'train', message: `Training failed: ${event.message}` } };
      return { training };
    }),
});

/** The store hook: `useApp((s) => s.doc.name)`; outside React, `useApp.getState()`. */
export const useApp = create<AppState>()(withHistory(appState));
