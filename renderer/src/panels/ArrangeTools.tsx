/**
 * The toolbar's arranging tools: auto-layout (left to right, or top to bottom) and "Group into
 * block" (also Ctrl+G / ⌘G) for the selected layers.
 */
import { memo, useEffect } from 'react';
import { autoLayout } from '../commands/layout';
import type { Direction } from '../layout/elkGraph';
import { useApp } from '../store/store';

/** Group the selection into a new block: the command behind the button and Ctrl+G. */
export function groupSelection(): void {
  useApp.getState().groupSelection();
}

const typing = (t: EventTarget | null) => t instanceof HTMLElement && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));

function ArrangeToolsImpl() {
  const direction = useApp((s) => s.direction);
  const selected = useApp((s) => s.selection.nodes.length);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.shiftKey || e.altKey || e.key.toLowerCase() !== 'g' || typing(e.target)) return;
      if (e.target instanceof Element && e.target.closest('[role="dialog"]')) return;
      e.preventDefault();
      groupSelection();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <nav className="toolbar__actions" aria-label="Arrange">
      <button type="button" className="button" onClick={() => void autoLayout()} title="Lay the graph out in layers, branches side by side">
        Auto-layout
      </button>
      <select aria-label="Layout direction" value={direction} onChange={(e) => void autoLayout(e.target.value as Direction)}>
        <option value="RIGHT">Left to right</option>
        <option value="DOWN">Top to bottom</option>
      </select>
      <button type="button" className="button" onClick={groupSelection} disabled={selected === 0} aria-keyshortcuts="Control+G" title="Make the selected layers a block (Ctrl+G)">
        Group into block
      </button>
    </nav>
  );
}

/** The arranging tools. */
export const ArrangeTools = memo(ArrangeToolsImpl);
