/** Undo and Redo in the toolbar; each is disabled while there is nothing to take back or redo. */
import { memo } from 'react';
import { redo, undo, useHistory } from '../commands/history';
import { ariaKeys, keyLabel, keysOf } from '../commands/shortcuts';

function HistoryButtonsImpl() {
  const { canUndo, canRedo } = useHistory();
  return (
    <nav className="toolbar__actions" aria-label="Edit">
      <button type="button" className="button" onClick={undo} disabled={!canUndo} title={`Undo (${keyLabel(keysOf('undo')[0]!)})`} aria-keyshortcuts={keysOf('undo').map((k) => ariaKeys(k)).join(' ')}>
        Undo
      </button>
      <button type="button" className="button" onClick={redo} disabled={!canRedo} title={`Redo (${keysOf('redo').map((k) => keyLabel(k)).join(' or ')})`} aria-keyshortcuts={keysOf('redo').map((k) => ariaKeys(k)).join(' ')}>
        Redo
      </button>
    </nav>
  );
}

/** The toolbar's undo and redo buttons. */
export const HistoryButtons = memo(HistoryButtonsImpl);
