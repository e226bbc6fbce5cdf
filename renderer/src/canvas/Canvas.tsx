/**
 * The graph canvas: React Flow, controlled by the store. Layers are dropped from the palette,
 * connected by dragging from an output to an input, moved, and deleted with Delete/Backspace;
 * right-click on a layer opens its menu (NodeMenu.tsx: freeze, unfreeze).
 */
import { ControlButton, Controls, ReactFlow, useReactFlow, type Connection, type IsValidConnection, type NodeMouseHandler, type NodeTypes } from '@xyflow/react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { scopeGraph } from '../../../shared/document/scope';
import { layerKinds } from '../../../shared/layers/registry';
import { useApp } from '../store/store';
import { droppedKind, isLayerDrag, NODE_HALF } from '../ui/dnd';
import { edgeAt } from '../ui/pointer';
import { BlockNode } from './BlockNode';
import { Breadcrumb } from './Breadcrumb';
import { CategoryColours } from './CategoryColours';
import { placeAt } from '../commands/editor';
import { DotGrid } from './DotGrid';
import { EditorOverlays } from './EditorOverlays';
import { Overview } from './Overview';
import { useFlowEdges, useFlowNodes, type LayerFlowNode } from './flowElements';
import { useCanvasGestures } from './gestures';
import { LayerNode } from './LayerNode';
import { NodeMenu, type NodeMenuAt } from './NodeMenu';
import { ShapeEdge } from './ShapeEdge';
import { useBlockCanvas } from './useBlockCanvas';
import { useClearFit } from './useClearFit';
import { usePanels } from '../store/panels';
import { watchInsertions } from '../ui/autoOffset';
import { wouldCycle } from '../../../shared/graph/order';

// Every kind renders with the same component; the record is keyed by kind so each could differ.
const nodeTypes: NodeTypes = { ...Object.fromEntries(layerKinds.map((k) => [k, LayerNode])), block: BlockNode };
const edgeTypes = { shape: ShapeEdge };
/** An opened document: the whole graph if it reads, else its start. */
const FIT_OPENED = { minZoom: 0.75, maxZoom: 1.2 };
/** The zoom controls' fit: the whole graph, however small. */
const FIT_ALL = { maxZoom: 1.2 };
const portOf = (handle: string | null | undefined) => Number(handle?.replace(/^in-/, '') ?? 0) || 0;
// A connection that would close a loop is shown as invalid while dragging and not made.
const isValidConnection: IsValidConnection = (c) => {
  const { doc, scope } = useApp.getState();
  return !wouldCycle(scopeGraph(doc, scope), c.source, c.target);
};

/** The canvas panel. Must sit inside a `ReactFlowProvider`. */
export function Canvas() {
  const nodes = useFlowNodes();
  const edges = useFlowEdges();
  const onNodesChange = useApp((s) => s.onNodesChange);
  const onEdgesChange = useApp((s) => s.onEdgesChange);
  const loadId = useApp((s) => s.loadId);
  const { onNodeDoubleClick, dropBlock } = useBlockCanvas();
  const main = useRef<HTMLElement>(null);
  // A class, not state: a pan must not re-render the canvas to say that it pans.
  const gestures = useCanvasGestures(useCallback((moving: boolean) => main.current?.classList.toggle('canvas--moving', moving), []));
  const empty = nodes.length === 0;
  const { screenToFlowPosition, setViewport } = useReactFlow<LayerFlowNode>();
  const fit = useClearFit();
  const overview = usePanels((s) => s.layout.overview);
  useEffect(() => watchInsertions(), []);

  // A document that replaced the open one is fitted into view, clear of the overlays; a big one
  // shows where it starts. An empty one is not: the fit would jump to the first layer dropped.
  useEffect(() => {
    if (loadId === 0) return;
    if (useApp.getState().doc.graph.nodes.length > 0) void fit(FIT_OPENED);
    else void setViewport({ x: 0, y: 0, zoom: 1 });
  }, [loadId, fit, setViewport]);

  // Right-click on a node of the top-level graph: its menu (freeze, unfreeze); inside a block, the browser's.
  const [menuAt, setMenuAt] = useState<NodeMenuAt | null>(null);
  const onNodeContextMenu = useCallback<NodeMouseHandler<LayerFlowNode>>((e, node) => {
    if (useApp.getState().scope.length) return;
    e.preventDefault();
    setMenuAt({ id: node.id, x: e.clientX, y: e.clientY });
  }, []);
  const closeMenu = useCallback(() => setMenuAt(null), []);

  const onConnect = useCallback((c: Connection) => useApp.getState().connect(c.source, c.target, portOf(c.targetHandle)), []);

  const onDragOver = useCallback((e: React.DragEvent) => {
    if (!isLayerDrag(e)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
  }, []);

  const onDrop = useCallback(
    (e: React.DragEvent) => {
      if (dropBlock(e)) return;
      const kind = droppedKind(e);
      if (!kind) return;
      e.preventDefault();
      const at = screenToFlowPosition({ x: e.clientX, y: e.clientY });
      placeAt({ layer: kind }, { x: at.x - NODE_HALF.x, y: at.y - NODE_HALF.y }, edgeAt(e.clientX, e.clientY));
    },
    [screenToFlowPosition, dropBlock],
  );

  return (
    <main ref={main} className="canvas" aria-label="Canvas" onDragOver={onDragOver} onDrop={onDrop}>
      <CategoryColours />
      <ReactFlow<LayerFlowNode>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onNodeDoubleClick={onNodeDoubleClick}
        onNodeContextMenu={onNodeContextMenu}
        isValidConnection={isValidConnection}
        {...gestures}
        onlyRenderVisibleElements
        minZoom={0.05}
        maxZoom={2.5}
        defaultEdgeOptions={{ type: 'shape' }}
        attributionPosition="top-right"
        colorMode="system"
      >
        <DotGrid />
        <Controls showInteractive={false} showFitView={false}>
          <ControlButton onClick={() => void fit(FIT_ALL)} aria-label="Fit to view" title="Fit to view (clear of the tools and the overview)">
            <svg viewBox="0 0 32 30" aria-hidden="true">
              <path d="M3.692 4.63c0-.53.4-.938.939-.938h5.215V0H4.708C2.13 0 0 2.054 0 4.63v5.216h3.692V4.631zM27.354 0h-5.2v3.692h5.17c.53 0 .984.4.984.939v5.215H32V4.631A4.624 4.624 0 0027.354 0zm.954 24.83c0 .532-.4.94-.939.94h-5.215v3.768h5.215c2.577 0 4.631-2.13 4.631-4.707v-5.139h-3.692v5.139zm-23.677.94c-.531 0-.939-.4-.939-.94v-5.138H0v5.139c0 2.577 2.13 4.707 4.708 4.707h5.138V25.77H4.631z" />
            </svg>
          </ControlButton>
          <ControlButton onClick={() => usePanels.getState().setOverview(!overview)} aria-label="Overview" aria-pressed={overview} aria-keyshortcuts="M" title={`${overview ? 'Hide' : 'Show'} the overview (M)`}>
            <svg viewBox="0 0 24 24" aria-hidden="true">
              <path d="M1 4.5 8 2l8 2.5L23 2v17.5L16 22l-8-2.5L1 22zm8 .3v12.6l6 1.9V6.7z" />
            </svg>
          </ControlButton>
        </Controls>
        <EditorOverlays />
        {overview ? <Overview /> : null}
      </ReactFlow>
      <Breadcrumb />
      {menuAt ? <NodeMenu key={`${menuAt.id}@${menuAt.x},${menuAt.y}`} at={menuAt} onClose={closeMenu} /> : null}
      {empty ? (
        <div className="canvas__hint">
          <p>Drag a layer here from the palette, double-click or press / to add one by name, or start from the LeNet-5 template. Press ? for every shortcut.</p>
        </div>
      ) : null}
    </main>
  );
}
