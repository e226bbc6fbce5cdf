/**
 * Undo and redo, for the toolbar and the keyboard. After a step the selection keeps only what
 * still exists on the canvas, so the inspector never shows a layer that the step took away.
 */
import { useStore } from 'zustand';
import { scopeGraph } from '../../../shared/document/scope';
import { breakEditGroup } from '../store/history';
import { useApp } from '../store/store';

function step(direction: 'undo' | 'redo'): void {
  breakEditGroup();
  const history = useApp.temporal.getState();
  if (direction === 'undo') history.undo();
  else history.redo();
  useApp.setState((s) => {
    // The selection is of the graph on the canvas: inside an opened block, its definition's.
    const shown = scopeGraph(s.doc, s.scope);
    const nodes = new Set(shown.nodes.map((n) => n.id));
    const edges = new Set(shown.edges.map((e) => e.id));
    const keepNodes = s.selection.nodes.filter((id) => nodes.has(id));
    const keepEdges = s.selection.edges.filter((id) => edges.has(id));
    if (keepNodes.length === s.selection.nodes.length && keepEdges.length === s.selection.edges.length) return {};
    return { selection: { nodes: keepNodes, edges: keepEdges } };
  });
}

/** Take back the last edit. */
export const undo = (): void => step('undo');

/** Do again the last edit that was taken back. */
export const redo = (): void => step('redo');

/** Whether there is anything to undo and to redo: `const { canUndo } = useHistory()`. */
export function useHistory(): { canUndo: boolean; canRedo: boolean } {
  const canUndo = useStore(useApp.temporal, (s) => s.pastStates.length > 0);
  const canRedo = useStore(useApp.temporal, (s) => s.futureStates.length > 0);
  return { canUndo, canRedo };
}
