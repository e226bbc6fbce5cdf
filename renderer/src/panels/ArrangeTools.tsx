/**
 * The toolbar's arranging tools: auto-layout (left to right, or top to bottom) and "Group into
 * block" for the selected layers (its key, Ctrl+G / ⌘G, is the shortcut table's).
 */
import { memo } from 'react';
import { groupSelection } from '../commands/editor';
import { autoLayout } from '../commands/layout';
import { ariaKeys, keyLabel, keysOf } from '../commands/shortcuts';
import type { Direction } from '../layout/elkGraph';
import { useApp } from '../store/store';

const GROUP_KEY = keysOf('group')[0]!;

function ArrangeToolsImpl() {
  const direction = useApp((s) => s.direction);
  const selected = useApp((s) => s.selection.nodes.length);

  return (
    <nav className="toolbar__actions" aria-label="Arrange">
      <button type="button" className="button" onClick={() => void autoLayout()} title="Lay the graph out in layers, branches side by side">
        Auto-layout
      </button>
      <select aria-label="Layout direction" value={direction} onChange={(e) => void autoLayout(e.target.value as Direction)}>
        <option value="RIGHT">Left to right</option>
        <option value="DOWN">Top to bottom</option>
      </select>
      <button type="button" className="button" onClick={groupSelection} disabled={selected === 0} aria-keyshortcuts={ariaKeys(GROUP_KEY)} title={`Make the selected layers a block (${keyLabel(GROUP_KEY)})`}>
        Group into block
      </button>
    </nav>
  );
}

/** The arranging tools. */
export const ArrangeTools = memo(ArrangeToolsImpl);
