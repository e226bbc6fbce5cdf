/**
 * Shape inference, derived from the document: `inferGraph` is pure, so its result is memoised
 * on the graph and block objects, which every edit of them replaces and nothing else does
 * (renaming the document or changing its training settings infers nothing).
 */
import type { Graph, NetwrightDocument } from '../../../shared/graph/schema';
import { inferGraph, type Inference } from '../../../shared/infer';

const cache = new WeakMap<Graph, { blocks: NetwrightDocument['blocks']; inference: Inference }>();

/** The inference of a document's graph, computed once per graph: `inferenceOf(doc).totals.params`. */
export function inferenceOf(doc: Pick<NetwrightDocument, 'graph' | 'blocks'>): Inference {
  const hit = cache.get(doc.graph);
  if (hit && hit.blocks === doc.blocks) return hit.inference;
  const inference = inferGraph(doc.graph, doc.blocks);
  cache.set(doc.graph, { blocks: doc.blocks, inference });
  return inference;
}

const byIdCache = new WeakMap<Graph['nodes'], Map<string, Graph['nodes'][number]>>();

/** The graph's nodes by id, built once per nodes array. */
export function nodesById(nodes: Graph['nodes']): Map<string, Graph['nodes'][number]> {
  let map = byIdCache.get(nodes);
  if (!map) {
    map = new Map(nodes.map((n) => [n.id, n]));
    byIdCache.set(nodes, map);
  }
  return map;
}
