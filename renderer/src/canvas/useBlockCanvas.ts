/**
 * The canvas's block gestures: double-click an instance to open its definition, drop a block
 * from the palette to add an instance. And where the view goes: it fits the graph whenever a
 * definition opens or closes or an auto-layout moved everything, and centres a node that a
 * panel asks for (a summary row). When the graph's direction changes, React Flow measures the
 * handles again (they moved from the sides to the top and bottom, or back).
 */
import { useNodesInitialized, useReactFlow, useUpdateNodeInternals, type NodeMouseHandler } from '@xyflow/react';
import { useCallback, useEffect, useRef } from 'react';
import { blockIdOf } from '../../../shared/blocks/blocks';
import { scopeGraph } from '../../../shared/document/scope';
import { usePanels } from '../store/panels';
import { useApp } from '../store/store';
import { droppedBlock, NODE_HALF } from '../ui/dnd';
import type { LayerFlowNode } from './flowElements';
import { useClearFit } from './useClearFit';

/** An opened definition (the breadcrumb is one of the overlays the fit keeps clear of). */
const FIT = { maxZoom: 1.2 };
/**
 * After an auto-layout: the whole graph if it reads, else its start. Top to bottom, the graph
 * is not folded to fit the view, and is shown at a size that reads: its start, at full size.
 */
const FIT_READABLE = { minZoom: 0.75, maxZoom: 1.2 };
const FIT_READABLE_DOWN = { minZoom: 1, maxZoom: 1.2 };
/** A node React Flow has not measured yet is about this big. */
const SOME_NODE = { width: 180, height: 48 };

/** `onNodeDoubleClick` and `dropBlock` for the canvas; call once inside it. */
export function useBlockCanvas(): { onNodeDoubleClick: NodeMouseHandler<LayerFlowNode>; dropBlock(e: React.DragEvent): boolean } {
  const { screenToFlowPosition, setCenter, getZoom } = useReactFlow<LayerFlowNode>();
  const fitView = useClearFit();
  const updateNodeInternals = useUpdateNodeInternals();
  const scope = useApp((s) => s.scope);
  const direction = useApp((s) => s.direction);
  const focus = usePanels((s) => s.focus);
  const fits = usePanels((s) => s.fits);
  const shownScope = useRef(scope);
  const shownDirection = useRef(direction);
  const initialized = useNodesInitialized();
  /** A definition just opened: fit again once its layers are measured (the first fit used estimates). */
  const refit = useRef<typeof scope | null>(null);

  useEffect(() => {
    if (!initialized || refit.current !== useApp.getState().scope) return;
    refit.current = null;
    void fitView(FIT);
  }, [initialized, fitView]);

  useEffect(() => {
    if (shownDirection.current === direction) return;
    shownDirection.current = direction;
    const s = useApp.getState();
    updateNodeInternals(scopeGraph(s.doc, s.scope).nodes.map((n) => n.id));
  }, [direction, updateNodeInternals]);

  useEffect(() => {
    if (fits === 0) return;
    void fitView(useApp.getState().direction === 'DOWN' ? FIT_READABLE_DOWN : FIT_READABLE);
  }, [fits, fitView]);

  useEffect(() => {
    const moved = shownScope.current !== scope;
    shownScope.current = scope;
    if (focus) {
      usePanels.getState().focusNode(null);
      const s = useApp.getState();
      const node = scopeGraph(s.doc, s.scope).nodes.find((n) => n.id === focus.id);
      if (node) {
        const size = s.view.measured[node.id] ?? SOME_NODE;
        void setCenter(node.position.x + size.width / 2, node.position.y + size.height / 2, { zoom: Math.max(getZoom(), 0.9), duration: 200 });
        return;
      }
    }
    if (moved) {
      refit.current = scope.length > 0 ? scope : null;
      void fitView(FIT);
    }
  }, [scope, focus, fitView, setCenter, getZoom]);

  const onNodeDoubleClick = useCallback<NodeMouseHandler<LayerFlowNode>>((_, node) => {
    if (blockIdOf(node.data.kind) !== undefined) useApp.getState().openBlock(node.id);
  }, []);

  const dropBlock = useCallback(
    (e: React.DragEvent) => {
      const block = droppedBlock(e, useApp.getState().doc.blocks);
      if (!block) return false;
      e.preventDefault();
      const at = screenToFlowPosition({ x: e.clientX, y: e.clientY });
      useApp.getState().addBlock(block, { x: at.x - NODE_HALF.x, y: at.y - NODE_HALF.y });
      return true;
    },
    [screenToFlowPosition],
  );

  return { onNodeDoubleClick, dropBlock };
}
