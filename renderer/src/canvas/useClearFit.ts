/**
 * Fitting the graph into view without hiding any of it under the canvas's overlays (the tool
 * strip, the zoom buttons, the overview, the breadcrumb): a padding on each side keeps the graph
 * in the largest free part of the canvas (ui/canvasArea.ts). A graph too big to read whole at
 * `minZoom` shows where it starts, at that part's top left. The viewport is computed here, not by
 * React Flow's fitView, which waits until every layer is measured, and layers off screen never are:
 * the fit uses the sizes known (estimates for layers not drawn yet), and fits again when the
 * layers it brought into view turn out a different size.
 */
import { getViewportForBounds, useReactFlow, useStoreApi } from '@xyflow/react';
import { useCallback } from 'react';
import { canvasArea, clearPadding, CLEARANCE, type Padding } from '../ui/canvasArea';
import type { LayerFlowNode } from './flowElements';

export interface ClearFitOptions {
  minZoom?: number;
  maxZoom?: number;
}

/** The canvas's own zoom limits (Canvas.tsx's `minZoom` and a fit's largest zoom). */
const ZOOM = { min: 0.05, max: 1.2 };
/** Fits at most, one after another, while the layers brought into view are measured. */
const ROUNDS = 6;

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
const sameBox = (a: { x: number; y: number; width: number; height: number }, b: typeof a) =>
  Math.abs(a.x - b.x) < 1 && Math.abs(a.y - b.y) < 1 && Math.abs(a.width - b.width) < 1 && Math.abs(a.height - b.height) < 1;

/** `const fit = useClearFit(); void fit({ maxZoom: 1.2 })`. Inside the `ReactFlowProvider`. */
export function useClearFit(): (options?: ClearFitOptions) => Promise<void> {
  const { getNodes, getNodesBounds, setViewport } = useReactFlow<LayerFlowNode>();
  const store = useStoreApi<LayerFlowNode>();
  return useCallback(
    async ({ minZoom = ZOOM.min, maxZoom = ZOOM.max }: ClearFitOptions = {}) => {
      for (let round = 0; round < ROUNDS; round++) {
        const nodes = getNodes();
        const { width, height } = store.getState();
        if (nodes.length === 0 || width === 0 || height === 0) return;
        const bounds = getNodesBounds(nodes);
        const area = canvasArea();
        const padding: Padding = area
          ? clearPadding({ width, height }, area.obstacles.map((o) => ({ ...o, x: o.x - area.pane.x, y: o.y - area.pane.y })), bounds, { min: minZoom, max: maxZoom })
          : { top: CLEARANCE, right: CLEARANCE, bottom: CLEARANCE, left: CLEARANCE };
        const px = (n: number) => `${Math.ceil(n)}px` as const;
        let { x, y, zoom } = getViewportForBounds(bounds, width, height, minZoom, maxZoom, { top: px(padding.top), right: px(padding.right), bottom: px(padding.bottom), left: px(padding.left) });
        // Too big to read whole: show where it starts.
        const left = bounds.x * zoom + x;
        const top = bounds.y * zoom + y;
        if (left < padding.left - 1) x += padding.left - left;
        if (top < padding.top - 1) y += padding.top - top;
        await setViewport({ x, y, zoom });
        // Layers that came into view are drawn, then measured, in the next frames.
        await nextFrame();
        await nextFrame();
        if (sameBox(bounds, getNodesBounds(getNodes()))) return;
      }
    },
    [getNodes, getNodesBounds, setViewport, store],
  );
}
