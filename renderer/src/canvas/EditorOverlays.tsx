/**
 * What the editor adds over React Flow, as one child of `<ReactFlow>`: the keyboard and
 * clipboard, the canvas tools (box select, add, shortcuts), the problems list, the quick-add
 * box and the shortcuts overlay. The box and the overlay are drawn at the end of the page
 * (a portal), so no panel of the window (React Flow's own layer, the dock's sticky table
 * headers) can draw over them.
 */
import { Panel, useReactFlow } from '@xyflow/react';
import { createPortal } from 'react-dom';
import { keyLabel } from '../commands/shortcuts';
import { useEditorKeys } from '../commands/useEditorKeys';
import { ErrorList } from '../panels/ErrorList';
import { HelpOverlay } from '../panels/HelpOverlay';
import { QuickAdd } from '../quickAdd/QuickAdd';
import { useUi } from '../store/ui';
import { quickAddAt } from '../ui/pointer';

function CanvasTools() {
  const boxSelect = useUi((s) => s.boxSelect);
  const { screenToFlowPosition } = useReactFlow();
  // The box opens in the upper middle of the canvas; the layer lands in the free area there.
  const addHere = (e: React.MouseEvent<HTMLButtonElement>) => {
    const box = e.currentTarget.closest('.react-flow')?.getBoundingClientRect();
    const screen = box ? { x: box.left + box.width / 2, y: box.top + box.height / 3 } : { x: innerWidth / 2, y: innerHeight / 2 };
    useUi.getState().openQuickAdd(quickAddAt(screen, screenToFlowPosition));
  };
  return (
    <div className="canvas-tools" role="toolbar" aria-label="Canvas tools">
      <button type="button" className="canvas-tools__button" onClick={addHere} title="Add a layer or block (/ or double-click the canvas)" aria-keyshortcuts="/">
        + Add
      </button>
      <button
        type="button"
        className="canvas-tools__button"
        aria-pressed={boxSelect}
        onClick={() => useUi.getState().toggleBoxSelect()}
        title="Box select: drag on the canvas to select (without it, Shift+drag)"
      >
        Box select
      </button>
      <button type="button" className="canvas-tools__button" onClick={() => useUi.getState().setHelp(true)} title={`Keyboard shortcuts (${keyLabel('?')})`} aria-keyshortcuts="?">
        Shortcuts
      </button>
    </div>
  );
}

/** Everything the editor adds over the canvas; a child of `<ReactFlow>`. */
export function EditorOverlays() {
  useEditorKeys();
  return (
    <>
      <Panel position="top-left" className="canvas-panel">
        <CanvasTools />
        <ErrorList />
      </Panel>
      {createPortal(
        <>
          <QuickAdd />
          <HelpOverlay />
        </>,
        document.body,
      )}
    </>
  );
}
