/**
 * What each keyboard command does, by the command ids of shortcuts.ts. Typed as a record over
 * every command but the clipboard's, so a shortcut added to the table without an action (or an
 * action without a shortcut) does not compile.
 */
import { usePanels } from '../store/panels';
import { useUi } from '../store/ui';
import { deleteSelection, duplicateSelection, groupSelection, selectAll, selectNone } from './editor';
import { redo, undo } from './history';
import type { ClipboardCommand, CommandId } from './shortcuts';

export type KeyCommand = Exclude<CommandId, ClipboardCommand>;

/** The actions, given what depends on the canvas: `keyActions({ openQuickAdd })['undo']()`. */
export function keyActions(canvas: { openQuickAdd(): void }): Record<KeyCommand, () => void> {
  return {
    undo,
    redo,
    selectAll,
    deselect: selectNone,
    delete: deleteSelection,
    duplicate: () => void duplicateSelection(),
    group: groupSelection,
    quickAdd: canvas.openQuickAdd,
    help: () => useUi.getState().setHelp(true),
    overview: () => usePanels.getState().setOverview(!usePanels.getState().layout.overview),
  };
}
