/**
 * What a canvas node shows, as a few strings computed from the store. A node component selects
 * only these (compared shallowly), so an edit re-renders just the nodes whose text changed.
 */
import { blockIdOf, blockInputs } from '../../../shared/blocks/blocks';
import type { Graph } from '../../../shared/graph/schema';
import { inputCount, isLayerKind, layers } from '../../../shared/layers/registry';
import { formatShape, type Params } from '../../../shared/layers/types';
import { inferenceOf, nodesById } from '../store/inference';
import type { AppState } from '../store/store';

export interface NodeView {
  title: string;
  caption: string;
  /** `24×24×6`, or '' when the shape is unknown. */
  shape: string;
  error: string;
  /** True when a layer before this one has an error. */
  blocked: boolean;
  /** How many input handles to draw. */
  ports: number;
  category: string;
}

const portCache = new WeakMap<Graph, Map<string, number>>();

/** Input ports in use per node: one more than the highest `targetPort` that feeds it. */
function usedPorts(graph: Graph): Map<string, number> {
  let ports = portCache.get(graph);
  if (!ports) {
    ports = new Map();
    for (const e of graph.edges) ports.set(e.target, Math.max(ports.get(e.target) ?? 0, e.targetPort + 1));
    portCache.set(graph, ports);
  }
  return ports;
}

/** The view of node `id`: `{ title: 'Conv2D', caption: '6@5×5', shape: '24×24×6', … }`. */
export function nodeView(s: AppState, id: string): NodeView {
  const graph = s.doc.graph;
  const node = nodesById(graph.nodes).get(id);
  const info = inferenceOf(s.doc).nodes[id];
  const def = node && isLayerKind(node.kind) ? layers[node.kind] : undefined;
  const blockId = node && blockIdOf(node.kind);
  const block = blockId === undefined ? undefined : s.doc.blocks.find((b) => b.id === blockId);
  const inputs = node && isLayerKind(node.kind) ? inputCount(node.kind, node.params) : block ? blockInputs(block) : 1;
  const defaults = Object.fromEntries((def?.params ?? []).map((p) => [p.name, p.default]));
  const params = info?.params ?? ({ ...defaults, ...node?.params } as Params);
  let caption = '';
  try {
    caption = def ? def.caption(params) : '';
  } catch {
    caption = ''; // unresolved parameters: the error says why
  }
  return {
    title: def?.title ?? block?.name ?? node?.kind ?? id,
    caption,
    shape: info?.shape ? formatShape(info.shape) : '',
    error: info?.error?.message ?? '',
    blocked: info?.blocked ?? false,
    ports: Math.max(inputs, usedPorts(graph).get(id) ?? 0),
    category: def?.category ?? (block ? 'block' : 'unknown'),
  };
}
