/**
 * The editor's passing UI state, kept apart from the document store so none of it enters the
 * undo history: the quick-add box, the shortcuts overlay, the box-select tool, the problems list,
 * the question about unsaved changes and the passing message (a toast: which file was written).
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

/** The answers to "Save changes?". */
export type UnsavedAnswer = 'save' | 'discard' | 'cancel';

/** The open question about unsaved changes: the document's name and how to answer it. */
export interface UnsavedQuestion {
  name: string;
  answer(answer: UnsavedAnswer): void;
}

export interface UiState {
  quickAdd: QuickAddAt | null;
  help: boolean;
  /** Dragging on the empty canvas draws a selection box (and the middle or right button pans). */
  boxSelect: boolean;
  problemsOpen: boolean;
  unsaved: UnsavedQuestion | null;
  /** A passing message; `id` tells two equal messages apart. */
  toast: { message: string; id: number } | null;
  openQuickAdd(at: QuickAddAt): void;
  closeQuickAdd(): void;
  setHelp(open: boolean): void;
  toggleBoxSelect(): void;
  setProblemsOpen(open: boolean): void;
  /** Ask whether to save `name`'s changes (closing every other overlay); resolves with the answer. */
  askUnsaved(name: string): Promise<UnsavedAnswer>;
  showToast(message: string): void;
  hideToast(): void;
}

/** `useUi((s) => s.help)`; outside React, `useUi.getState().setHelp(true)`. */
export const useUi = create<UiState>()((set, get) => ({
  quickAdd: null,
  help: false,
  boxSelect: false,
  problemsOpen: false,
  openQuickAdd: (quickAdd) => set({ quickAdd, help: false }),
  closeQuickAdd: () => set({ quickAdd: null }),
  setHelp: (help) => set({ help, quickAdd: null }),
  toggleBoxSelect: () => set((s) => ({ boxSelect: !s.boxSelect })),
  setProblemsOpen: (problemsOpen) => set({ problemsOpen }),
  unsaved: null,
  toast: null,
  askUnsaved: (name) =>
    new Promise((resolve) => {
      // One question at a time: an earlier one still open is cancelled.
      get().unsaved?.answer('cancel');
      const answer = (a: UnsavedAnswer) => {
        if (get().unsaved?.answer === answer) set({ unsaved: null });
        resolve(a);
      };
      set({ unsaved: { name, answer }, quickAdd: null, help: false });
    }),
  showToast: (message) => set((s) => ({ toast: { message, id: (s.toast?.id ?? 0) + 1 } })),
  hideToast: () => set({ toast: null }),
}));
