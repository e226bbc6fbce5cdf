/**
 * What each command does, by the command ids of shortcuts.ts, whether a key or the menu bar asks
 * for it. Typed as a record over every command but the clipboard's, so a command added to the
 * table without an action (or an action without a command) does not compile.
 */
import { usePanels } from '../store/panels';
import { useUi } from '../store/ui';
import { runProvided } from '../ui/provided';
import { deleteSelection, duplicateSelection, groupSelection, selectAll, selectNone } from './editor';
import { newDocument, openDocument, save, saveAs } from './files';
import { redo, undo } from './history';
import { autoLayout } from './layout';
import { startTraining, stopTraining } from './training';
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
    new: () => void newDocument(),
    template: () => usePanels.getState().showGallery(true),
    open: () => void openDocument(),
    save: () => void save(),
    saveAs: () => void saveAs(),
    import: () => runProvided('import'),
    export: () => runProvided('export'),
    settings: () => runProvided('settings'),
    fitView: () => usePanels.getState().requestFit(),
    autoLayout: () => void autoLayout(),
    train: () => {
      usePanels.getState().showDock('training');
      void startTraining();
    },
    stopTraining: () => void stopTraining(),
  };
}
