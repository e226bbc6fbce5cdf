/**
 * The document as React Flow nodes and edges. Each flow element is rebuilt only when its own
 * inputs change (the document node, its selection, its size or drag position), so React Flow
 * and the memoised node components skip everything else.
 */
import type { Edge, Node } from '@xyflow/react';
import { useMemo, useRef } from 'react';
import { scopeGraph } from '../../../shared/document/scope';
import type { Block, GraphEdge, GraphNode } from '../../../shared/graph/schema';
import { isLayerKind, type LayerKind } from '../../../shared/layers/registry';
import { useApp } from '../store/store';
import { nodeName } from '../ui/nodeName';
import { estimatedNode, portsInUse } from './nodeEstimate';

/** What a canvas node needs beyond the store: its kind and its label (or id). Parameters are not here, so editing them hands React Flow the same nodes. */
export type LayerNodeData = { kind: string; label: string };
/** A canvas node; its `type` is the layer kind (or 'block' for a block instance), so each could get its own component. */
export type LayerFlowNode = Node<LayerNodeData, LayerKind | 'block'>;
export type ShapeFlowEdge = Edge<Record<string, never>, 'shape'>;

interface NodeEntry {
  src: GraphNode;
  /** The block definitions its name was made with (a block instance is named after its block). */
  blocks: readonly Block[];
  selected: boolean;
  at: { x: number; y: number } | undefined;
  size: { width: number; height: number } | undefined;
  /** For a node not measured yet: its input count and direction, which its estimate depends on. */
  estimate: string;
  out: LayerFlowNode;
}

/** Whether two versions of a node look the same to React Flow: same kind, label and position (parameters aside). */
export const sameOnCanvas = (a: GraphNode, b: GraphNode): boolean =>
  a === b || (a.id === b.id && a.kind === b.kind && a.label === b.label && a.position.x === b.position.x && a.position.y === b.position.y);

type AppState = ReturnType<typeof useApp.getState>;

/** What the flow nodes are made from; the same inputs give the same array. */
function nodeInputs(s: AppState) {
  const graph = scopeGraph(s.doc, s.scope);
  return [graph.nodes, graph.edges, s.direction, s.doc.blocks, s.selection.nodes, s.view] as const;
}

let nodeCache: { inputs: ReturnType<typeof nodeInputs> | undefined; entries: Map<string, NodeEntry>; out: LayerFlowNode[] } = { inputs: undefined, entries: new Map(), out: [] };

/**
 * The flow nodes of the graph shown, memoised per node: an edit of parameters (shapes change,
 * positions do not) gives the very same array, so neither the canvas nor React Flow re-renders,
 * and only the visible nodes' own store subscriptions redraw them. (One canvas: one cache.)
 */
export function flowNodesOf(s: AppState): LayerFlowNode[] {
  const inputs = nodeInputs(s);
  const prev = nodeCache;
  if (prev.inputs && inputs.every((x, i) => x === prev.inputs![i])) return prev.out;
  const [nodes, edges, direction, blocks, selection, view] = inputs;
  const down = direction === 'DOWN';
  const selected = new Set(selection);
  const next = new Map<string, NodeEntry>();
  const ports = portsInUse(edges);
  let same = nodes.length === prev.out.length;
  const out = nodes.map((src, i) => {
    const entry = prev.entries.get(src.id);
    const kept = entry !== undefined && sameOnCanvas(entry.src, src);
    const isSelected = selected.has(src.id);
    const at = view.dragging[src.id];
    const size = view.measured[src.id];
    // A drag re-runs this every frame for every node: the name is made again only when its parts changed.
    const name = kept && entry.blocks === blocks ? entry.out.ariaLabel! : nodeName(src, blocks);
    const estimate = size ? '' : `${ports.get(src.id) ?? 1}${down ? 'v' : '>'}`;
    if (kept && entry.selected === isSelected && entry.at === at && entry.size === size && entry.estimate === estimate && entry.out.ariaLabel === name) {
      next.set(src.id, entry.blocks === blocks ? entry : { ...entry, blocks });
      if (entry.out !== prev.out[i]) same = false;
      return entry.out;
    }
    same = false;
    const flow: LayerFlowNode = {
      id: src.id,
      type: isLayerKind(src.kind) ? src.kind : 'block',
      position: at ?? src.position,
      data: { kind: src.kind, label: src.label ?? src.id },
      selected: isSelected,
      ariaLabel: name,
      ...(size ? { measured: size } : estimatedNode(ports.get(src.id) ?? 1, down)),
    };
    next.set(src.id, { src, blocks, selected: isSelected, at, size, estimate, out: flow });
    return flow;
  });
  nodeCache = { inputs, entries: next, out: same ? prev.out : out };
  return nodeCache.out;
}

/** The flow nodes for the canvas; a component using it re-renders only when the array changes. */
export const useFlowNodes = (): LayerFlowNode[] => useApp(flowNodesOf);

/** React Flow names an edge "Edge from a to b" unless its label is null (its type says string). */
const NO_LABEL = null as unknown as string;

interface EdgeEntry {
  src: GraphEdge;
  selected: boolean;
  out: ShapeFlowEdge;
}

/**
 * The flow edges of the graph shown. An edge's accessible name ("Input input-1 to Conv2D C1:
 * 28×28×1") is its ShapeEdge's SVG title, not part of the flow edge, so an edit that changes
 * shapes or names hands React Flow the same edges (the very same array when none changed):
 * re-adopting thousands of edges costs React Flow whole frames.
 */
export function useFlowEdges(): ShapeFlowEdge[] {
  const edges = useApp((s) => scopeGraph(s.doc, s.scope).edges);
  const selection = useApp((s) => s.selection.edges);
  const cache = useRef<{ entries: Map<string, EdgeEntry>; out: ShapeFlowEdge[] }>({ entries: new Map(), out: [] });
  return useMemo(() => {
    const selected = new Set(selection);
    const prev = cache.current;
    const entries = new Map<string, EdgeEntry>();
    let same = edges.length === prev.out.length;
    const out = edges.map((src, i) => {
      const isSelected = selected.has(src.id);
      let entry = prev.entries.get(src.id);
      if (!entry || entry.src !== src || entry.selected !== isSelected) {
        const flow: ShapeFlowEdge = {
          id: src.id,
          type: 'shape',
          source: src.source,
          target: src.target,
          sourceHandle: 'out',
          targetHandle: `in-${src.targetPort}`,
          selected: isSelected,
          ariaLabel: NO_LABEL,
        };
        entry = { src, selected: isSelected, out: flow };
      }
      entries.set(src.id, entry);
      if (entry.out !== prev.out[i]) same = false;
      return entry.out;
    });
    cache.current = { entries, out: same ? prev.out : out };
    return cache.current.out;
  }, [edges, selection]);
}
