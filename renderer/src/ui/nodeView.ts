/**
 * What a canvas node shows, as a few strings computed from the store. A node component selects
 * only these (compared shallowly), so an edit re-renders just the nodes whose text changed.
 * The node belongs to the graph the canvas shows (the document's, or an opened block's).
 */
import { blockIdOf, blockInputs, instanceParams } from '../../../shared/blocks/blocks';
import { nodesById } from '../../../shared/document/inference';
import { inputShapes, instanceCount, scopeGraph, scopeInference, type Scope } from '../../../shared/document/scope';
import type { Block, Graph, NetwrightDocument } from '../../../shared/graph/schema';
import type { Inference } from '../../../shared/infer';
import { inputCount, isLayerKind, layers } from '../../../shared/layers/registry';
import { formatShape, type Params } from '../../../shared/layers/types';
import { keyParams } from './blockCaption';
import { problemsOf } from './problems';

export interface NodeView {
  title: string;
  caption: string;
  /** `24×24×6`, or '' when the shape is unknown. */
  shape: string;
  /** The error spelled out; '' when there is none, or when the layer is only not connected yet. */
  error: string;
  /** Not connected yet (ui/problems.ts): an input has nothing connected, and nothing reads its output. */
  pending: boolean;
  /** The labels of the error's one-click fixes, one a line ('' for none): a string, so a shallow compare sees a change. */
  fixes: string;
  /** True when a layer before this one has an error. */
  blocked: boolean;
  /** How many input handles to draw. */
  ports: number;
  category: string;
  /** For a block instance: the shapes it takes (`28×28×192`), and how many instances share its definition. */
  inputs: string;
  linked: number;
  /** Frozen for training (`frozen` in the document): its weights do not change; the node shows a lock. */
  frozen: boolean;
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

/** What `nodeView` reads: the document and where the canvas is in it. */
export interface ViewSource {
  doc: Pick<NetwrightDocument, 'graph' | 'blocks'>;
  scope: Scope;
}

/** The view of node `id`: `{ title: 'Conv2D', caption: '6@5×5', shape: '24×24×6', … }`. */
export function nodeView(s: ViewSource, id: string): NodeView {
  const graph = scopeGraph(s.doc, s.scope);
  return viewOf(s.doc, graph, scopeInference(s.doc, s.scope), id);
}

/** The view of node `id` of `graph` (the document's or one of its blocks'), whose inference is `inference`. */
export function viewOf(doc: ViewSource['doc'], graph: Graph, inference: Inference, id: string): NodeView {
  const blocks = doc.blocks;
  const node = nodesById(graph.nodes).get(id);
  const info = inference.nodes[id];
  const def = node && isLayerKind(node.kind) ? layers[node.kind] : undefined;
  const blockId = node && blockIdOf(node.kind);
  const block = blockId === undefined ? undefined : blocks.find((b) => b.id === blockId);
  const inputs = node && isLayerKind(node.kind) ? inputCount(node.kind, node.params) : block ? blockInputs(block) : 1;
  const defaults = Object.fromEntries((def?.params ?? []).map((p) => [p.name, p.default]));
  const params = info?.params ?? ({ ...defaults, ...node?.params } as Params);
  let caption = '';
  try {
    caption = def ? def.caption(params) : block && node ? keyParams(block, info?.params ?? resolved(block, node.params)) : '';
  } catch {
    caption = ''; // unresolved parameters: the error says why
  }
  const pending = problemsOf(blocks, graph, inference).pending.has(id);
  return {
    title: def?.title ?? block?.name ?? node?.kind ?? id,
    caption,
    shape: info?.shape ? formatShape(info.shape) : '',
    error: pending ? '' : (info?.error?.message ?? ''),
    pending,
    fixes: pending ? '' : (info?.error?.fixes.map((f) => f.label).join('\n') ?? ''),
    blocked: info?.blocked ?? false,
    ports: Math.max(inputs, usedPorts(graph).get(id) ?? 0),
    category: def?.category ?? (block ? 'block' : 'unknown'),
    inputs: block ? inputShapes(graph, inference, id).map(formatShape).join(', ') : '',
    linked: block ? instanceCount(doc, block.id) : 0,
    frozen: node?.frozen === true,
  };
}

function resolved(block: Block, overrides: Record<string, unknown>): Params {
  const r = instanceParams(block, overrides);
  return 'params' in r ? r.params : (block.params as Params);
}
