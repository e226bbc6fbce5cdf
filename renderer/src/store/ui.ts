/**
 * The editor's passing UI state, kept apart from the document store so none of it enters the
 * undo history: the quick-add box, the shortcuts overlay, the box-select tool, the problems list.
 */
import { create } from 'zustand';
import type { XY } from '../../../shared/document/edits';

export interface QuickAddAt {
  /** Where the box opens, in window pixels. */
  screen: XY;
  /** Where the chosen layer lands, in canvas coordinates. */
  flow: XY;
  /** The connection under that point, which the new layer is inserted into. */
  edge?: string;
}

export interface UiState {
  quickAdd: QuickAddAt | null;
  help: boolean;
  /** Dragging on the empty canvas draws a selection box (and the middle or right button pans). */
  boxSelect: boolean;
  problemsOpen: boolean;
  openQuickAdd(at: QuickAddAt): void;
  closeQuickAdd(): void;
  setHelp(open: boolean): void;
  toggleBoxSelect(): void;
  setProblemsOpen(open: boolean): void;
}

/** `useUi((s) => s.help)`; outside React, `useUi.getState().setHelp(true)`. */
export const useUi = create<UiState>()((set) => ({
  quickAdd: null,
  help: false,
  boxSelect: false,
  problemsOpen: false,
  openQuickAdd: (quickAdd) => set({ quickAdd, help: false }),
  closeQuickAdd: () => set({ quickAdd: null }),
  setHelp: (help) => set({ help, quickAdd: null }),
  toggleBoxSelect: () => set((s) => ({ boxSelect: !s.boxSelect })),
  setProblemsOpen: (problemsOpen) => set({ problemsOpen }),
}));
