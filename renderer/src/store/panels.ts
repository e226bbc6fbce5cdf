/**
 * Which panels show: the template gallery (open at first start, when there is no document
 * yet) and the bottom dock's tab; and which node the canvas should centre next. Kept apart from the document store, so none of it enters
 * the undo history.
 */
import { create } from 'zustand';
import { useApp } from './store';

export type DockTab = 'training' | 'results' | 'runs' | 'summary';

export interface PanelState {
  gallery: boolean;
  dock: DockTab;
  /** A node of the shown graph the canvas should bring into the middle of the view. */
  focus: { id: string } | null;
  /** Bumped when the canvas should fit the graph into view again (after an auto-layout). */
  fits: number;
  showGallery(open: boolean): void;
  showDock(tab: DockTab): void;
  focusNode(id: string | null): void;
  requestFit(): void;
}

const noDocumentYet = () => {
  const s = useApp.getState();
  return s.loadId === 0 && s.doc.graph.nodes.length === 0;
};

/** `usePanels((s) => s.gallery)`; outside React, `usePanels.getState().showGallery(true)`. */
export const usePanels = create<PanelState>()((set) => ({
  gallery: noDocumentYet(),
  dock: 'training',
  focus: null,
  fits: 0,
  showGallery: (gallery) => set({ gallery }),
  showDock: (dock) => set({ dock }),
  focusNode: (id) => set({ focus: id === null ? null : { id } }),
  requestFit: () => set((s) => ({ fits: s.fits + 1 })),
}));

// Whatever opens a document (a template, a file, a recovered session) closes the gallery.
useApp.subscribe((s, prev) => {
  if (s.loadId !== prev.loadId && usePanels.getState().gallery) usePanels.getState().showGallery(false);
});
