/**
 * Shape inference, derived from the document: `inferGraph` is pure, so its result is memoised
 * on the graph and block objects, which every edit of them replaces and nothing else does
 * (renaming the document or changing its training settings infers nothing). Moving layers (a
 * drag, an auto-layout) changes no shape, so it reuses the inference it had.
 */
import type { Graph, NetwrightDocument } from '../graph/schema';
import { inferGraph, type Inference } from '../infer';

type Blocks = NetwrightDocument['blocks'];

const cache = new WeakMap<Graph, { blocks: Blocks; inference: Inference }>();
/** The last inference computed, which a document whose layers only moved (a drag, a layout) reuses. */
let last: { graph: Graph; blocks: Blocks; inference: Inference } | undefined;

/** The inference of a document's graph, computed once per graph: `inferenceOf(doc).totals.params`. */
export function inferenceOf(doc: Pick<NetwrightDocument, 'graph' | 'blocks'>): Inference {
  const hit = cache.get(doc.graph);
  if (hit && hit.blocks === doc.blocks) return hit.inference;
  const moved = last && onlyMoved(last.graph, doc.graph) && blocksOnlyMoved(last.blocks, doc.blocks);
  const inference = moved ? last!.inference : inferGraph(doc.graph, doc.blocks);
  cache.set(doc.graph, { blocks: doc.blocks, inference });
  last = { graph: doc.graph, blocks: doc.blocks, inference };
  return inference;
}

/** True when `b` differs from `a` at most in where its nodes are, which no shape depends on. */
function onlyMoved(a: Graph, b: Graph): boolean {
  if (a === b) return true;
  if (a.edges !== b.edges || a.nodes.length !== b.nodes.length) return false;
  for (let i = 0; i < a.nodes.length; i++) {
    const [x, y] = [a.nodes[i]!, b.nodes[i]!];
    if (x !== y && (x.id !== y.id || x.kind !== y.kind || x.params !== y.params || x.label !== y.label)) return false;
  }
  return true;
}

function blocksOnlyMoved(a: Blocks, b: Blocks): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  return a.every((x, i) => {
    const y = b[i]!;
    return x === y || (x.id === y.id && x.name === y.name && x.params === y.params && onlyMoved(x.graph, y.graph));
  });
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
