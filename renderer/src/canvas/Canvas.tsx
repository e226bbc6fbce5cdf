/**
 * The graph canvas: React Flow, controlled by the store. Layers are dropped from the palette,
 * connected by dragging from an output to an input, moved, and deleted with Delete/Backspace.
 */
import { Controls, ReactFlow, useReactFlow, type Connection, type IsValidConnection, type NodeTypes } from '@xyflow/react';
import { useCallback, useEffect, useRef } from 'react';
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
import { ShapeEdge } from './ShapeEdge';
import { useBlockCanvas } from './useBlockCanvas';
import { wouldCycle } from '../../../shared/graph/order';

// Every kind renders with the same component; the record is keyed by kind so each could differ.
const nodeTypes: NodeTypes = { ...Object.fromEntries(layerKinds.map((k) => [k, LayerNode])), block: BlockNode };
const edgeTypes = { shape: ShapeEdge };
// includeHiddenNodes: layers off screen are never measured (their size is estimated), and a fit
// that waits for measurements would otherwise do nothing.
const FIT = { padding: 0.15, minZoom: 0.75, maxZoom: 1.2, includeHiddenNodes: true };
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
  const { screenToFlowPosition, fitView, setViewport, getViewport, getNodes, getNodesBounds } = useReactFlow<LayerFlowNode>();

  // A big network does not fit at a readable size; then show where it starts, at the top left.
  const showStart = useCallback(() => {
    const { x, y, zoom } = getViewport();
    const bounds = getNodesBounds(getNodes());
    const left = bounds.x * zoom + x;
    const top = bounds.y * zoom + y;
    if (left < 0 || top < 0) void setViewport({ x: left < 0 ? x - left + 32 : x, y: top < 0 ? y - top + 32 : y, zoom });
  }, [getViewport, getNodes, getNodesBounds, setViewport]);

  // A document that replaced the open one is fitted into view once its nodes are measured. An
  // empty one is not: the fit would wait, then jump to the first layer the user drops.
  useEffect(() => {
    if (loadId === 0) return;
    if (useApp.getState().doc.graph.nodes.length > 0) void fitView(FIT).then(showStart);
    else void setViewport({ x: 0, y: 0, zoom: 1 });
  }, [loadId, fitView, setViewport, showStart]);

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
        <Controls showInteractive={false} fitViewOptions={{ includeHiddenNodes: true, padding: 0.15 }} />
        <EditorOverlays />
        <Overview />
      </ReactFlow>
      <Breadcrumb />
      {empty ? (
        <div className="canvas__hint">
          <p>Drag a layer here from the palette, double-click or press / to add one by name, or start from the LeNet-5 template. Press ? for every shortcut.</p>
        </div>
      ) : null}
    </main>
  );
}
