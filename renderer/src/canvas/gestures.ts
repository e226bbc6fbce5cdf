/**
 * The editor's mouse habits on the canvas, as React Flow props (spread onto `<ReactFlow>`):
 * double-click on empty canvas opens quick add (on a connection: to insert into it; a
 * double-click on a layer is the layer's),
 * Shift/Ctrl/⌘+click adds to the selection, Shift+drag (or plain drag with the box tool) selects
 * with a box, Delete is the editor's (one undo step for the layers and their connections); and
 * it tells when the view moves (canvas.css draws a moving view differently).
 */
import { SelectionMode, useReactFlow, type ReactFlowProps } from '@xyflow/react';
import { useMemo } from 'react';
import { useUi } from '../store/ui';
import { quickAddAt, trackPointer } from '../ui/pointer';

const multiSelectKeys = ['Shift', 'Meta', 'Control'];
const ariaLabels = {
  'controls.ariaLabel': 'Zoom controls',
  'controls.zoomIn.ariaLabel': 'Zoom in',
  'controls.zoomOut.ariaLabel': 'Zoom out',
  'controls.fitView.ariaLabel': 'Fit to view',
  'minimap.ariaLabel': 'Overview',
  'handle.ariaLabel': 'Connection point',
};

/**
 * Props for `<ReactFlow>`: `<ReactFlow {...useCanvasGestures(setMoving)} …>`; `setMoving(true)`
 * while the view pans or zooms, `false` when it stops.
 */
export function useCanvasGestures(setMoving: (moving: boolean) => void) {
  const boxSelect = useUi((s) => s.boxSelect);
  const { screenToFlowPosition } = useReactFlow();
  return useMemo(
    () =>
      ({
        deleteKeyCode: null,
        zoomOnDoubleClick: false,
        multiSelectionKeyCode: multiSelectKeys,
        selectionKeyCode: 'Shift',
        selectionOnDrag: boxSelect,
        selectionMode: SelectionMode.Partial,
        panOnDrag: boxSelect ? [1, 2] : true,
        ariaLabelConfig: ariaLabels,
        onDoubleClick: (e: React.MouseEvent) => {
          const on = e.target instanceof Element ? e.target : null;
          // The empty canvas, or a connection (the new layer goes into it); a layer's double-click is its own.
          if (!on || !(on.classList.contains('react-flow__pane') || on.closest('.react-flow__edge, .shape-edge__label'))) return;
          useUi.getState().openQuickAdd(quickAddAt({ x: e.clientX, y: e.clientY }, screenToFlowPosition));
        },
        onMoveStart: () => setMoving(true),
        onMoveEnd: () => setMoving(false),
        onPointerMove: (e: React.PointerEvent) => trackPointer(e),
        onPointerLeave: () => trackPointer(undefined),
      }) satisfies Partial<ReactFlowProps>,
    [boxSelect, screenToFlowPosition, setMoving],
  );
}
