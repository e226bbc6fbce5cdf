/**
 * The document as React Flow nodes and edges. Each flow element is rebuilt only when its own
 * inputs change (the document node, its selection, its size or drag position), so React Flow
 * and the memoised node components skip everything else.
 */
import type { Edge, Node } from '@xyflow/react';
import { useMemo, useRef } from 'react';
import type { GraphEdge, GraphNode } from '../../../shared/graph/schema';
import { isLayerKind, layers, type LayerKind } from '../../../shared/layers/registry';
import { formatShape } from '../../../shared/layers/types';
import { inferenceOf } from '../store/inference';
import { useApp } from '../store/store';

export type LayerNodeData = { node: GraphNode };
/** A canvas node; its `type` is the layer kind (or 'block' for a block instance), so each could get its own component. */
export type LayerFlowNode = Node<LayerNodeData, LayerKind | 'block'>;
export type ShapeFlowEdge = Edge<Record<string, never>, 'shape'>;

/** "Conv2D C1": the layer's title and its label (or id), as tests and screen readers name it. */
export function nodeName(node: GraphNode): string {
  const title = isLayerKind(node.kind) ? layers[node.kind].title : 'Block';
  return `${title} ${node.label ?? node.id}`;
}

interface NodeEntry {
  src: GraphNode;
  selected: boolean;
  at: { x: number; y: number } | undefined;
  size: { width: number; height: number } | undefined;
  out: LayerFlowNode;
}

/** The flow nodes of the open document, memoised per node. */
export function useFlowNodes(): LayerFlowNode[] {
  const nodes = useApp((s) => s.doc.graph.nodes);
  const selection = useApp((s) => s.selection.nodes);
  const view = useApp((s) => s.view);
  const cache = useRef(new Map<string, NodeEntry>());
  return useMemo(() => {
    const selected = new Set(selection);
    const next = new Map<string, NodeEntry>();
    const out = nodes.map((src) => {
      const entry = cache.current.get(src.id);
      const isSelected = selected.has(src.id);
      const at = view.dragging[src.id];
      const size = view.measured[src.id];
      if (entry && entry.src === src && entry.selected === isSelected && entry.at === at && entry.size === size) {
        next.set(src.id, entry);
        return entry.out;
      }
      const flow: LayerFlowNode = {
        id: src.id,
        type: isLayerKind(src.kind) ? src.kind : 'block',
        position: at ?? src.position,
        data: { node: src },
        selected: isSelected,
        ariaLabel: nodeName(src),
        ...(size ? { measured: size } : {}),
      };
      next.set(src.id, { src, selected: isSelected, at, size, out: flow });
      return flow;
    });
    cache.current = next;
    return out;
  }, [nodes, selection, view]);
}

interface EdgeEntry {
  src: GraphEdge;
  selected: boolean;
  label: string;
  out: ShapeFlowEdge;
}

/** The flow edges of the open document; each is named after its ends and the shape it carries. */
export function useFlowEdges(): ShapeFlowEdge[] {
  const graph = useApp((s) => s.doc.graph);
  const blocks = useApp((s) => s.doc.blocks);
  const selection = useApp((s) => s.selection.edges);
  const cache = useRef(new Map<string, EdgeEntry>());
  return useMemo(() => {
    const inference = inferenceOf({ graph, blocks });
    const byId = new Map(graph.nodes.map((n) => [n.id, n]));
    const selected = new Set(selection);
    const next = new Map<string, EdgeEntry>();
    const out = graph.edges.map((src) => {
      const shape = inference.edges[src.id];
      const from = byId.get(src.source);
      const to = byId.get(src.target);
      const label = `${from ? nodeName(from) : src.source} to ${to ? nodeName(to) : src.target}${shape ? `: ${formatShape(shape)}` : ''}`;
      const isSelected = selected.has(src.id);
      const entry = cache.current.get(src.id);
      if (entry && entry.src === src && entry.selected === isSelected && entry.label === label) {
        next.set(src.id, entry);
        return entry.out;
      }
      const flow: ShapeFlowEdge = {
        id: src.id,
        type: 'shape',
        source: src.source,
        target: src.target,
        sourceHandle: 'out',
        targetHandle: `in-${src.targetPort}`,
        selected: isSelected,
        ariaLabel: label,
      };
      next.set(src.id, { src, selected: isSelected, label, out: flow });
      return flow;
    });
    cache.current = next;
    return out;
  }, [graph, blocks, selection]);
}
