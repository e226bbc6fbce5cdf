/** Adding a layer without a mouse: it lands in the middle of the visible canvas, clear of its overlays. */
import { useReactFlow } from '@xyflow/react';
import { useCallback } from 'react';
import type { XY } from '../../../shared/document/edits';
import { scopeGraph } from '../../../shared/document/scope';
import type { LayerKind } from '../../../shared/layers/registry';
import { useApp } from '../store/store';
import { clearCentre } from './canvasArea';
import { NODE_HALF } from './dnd';

/** Where something added without a mouse lands: the middle of the visible canvas, nudged so repeats do not stack. */
export function useCentreSpot(): () => XY {
  const { screenToFlowPosition } = useReactFlow();
  return useCallback(() => {
    const box = document.querySelector('.canvas')?.getBoundingClientRect();
    const centre = box ? { x: box.left + box.width / 2, y: box.top + box.height / 2 } : { x: innerWidth / 2, y: innerHeight / 2 };
    const at = screenToFlowPosition(clearCentre(centre));
    const s = useApp.getState();
    const taken = new Set(scopeGraph(s.doc, s.scope).nodes.map((n) => `${n.position.x},${n.position.y}`));
    let x = Math.round(at.x - NODE_HALF.x);
    let y = Math.round(at.y - NODE_HALF.y);
    while (taken.has(`${x},${y}`)) {
      x += 24;
      y += 24;
    }
    return { x, y };
  }, [screenToFlowPosition]);
}

/** A function that adds a layer at the centre of the canvas, nudged so repeats do not stack. */
export function useAddAtCentre(): (kind: LayerKind) => void {
  const spot = useCentreSpot();
  return useCallback((kind) => useApp.getState().addLayer(kind, spot()), [spot]);
}
