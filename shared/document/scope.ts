/**
 * Which graph of a document is being edited (in the app: what the canvas shows): the document's
 * own graph, or the definition of a block opened from one of its instances (and so on, for
 * blocks inside blocks). A scope is the path of instances opened, outermost first. Edits made in
 * a block's scope change the definition in `doc.blocks`, so every linked instance follows.
 */
import { blockIdOf, instanceParams } from '../blocks/blocks';
import type { Block, Graph, NetwrightDocument } from '../graph/schema';
import { inferBlock, type Inference } from '../infer';
import type { Params, Shape } from '../layers/types';
import { inferenceOf } from './inference';

/** One opened instance: the node `instance` (of the graph one level up), of block `block`. */
export interface ScopeFrame {
  instance: string;
  block: string;
}
export type Scope = readonly ScopeFrame[];
export const rootScope: Scope = [];

type Doc = Pick<NetwrightDocument, 'graph' | 'blocks'>;

/**
 * The frames of `scope` that still exist in `doc` (an undo or an unlink may have removed one):
 * the longest prefix whose instances and blocks are all there.
 */
export function validScope(doc: Doc, scope: Scope): Scope {
  let graph = doc.graph;
  for (let i = 0; i < scope.length; i++) {
    const { instance, block } = scope[i]!;
    const node = graph.nodes.find((n) => n.id === instance);
    const def = doc.blocks.find((b) => b.id === block);
    if (!node || !def || blockIdOf(node.kind) !== block) return i === 0 ? rootScope : scope.slice(0, i);
    graph = def.graph;
  }
  return scope;
}

/** The block whose definition the canvas shows, or undefined at the top level. */
export function scopeBlock(doc: Doc, scope: Scope): Block | undefined {
  const valid = validScope(doc, scope);
  const last = valid[valid.length - 1];
  return last && doc.blocks.find((b) => b.id === last.block);
}

/** The graph the canvas shows: `scopeGraph(doc, [])` is `doc.graph`. */
export const scopeGraph = (doc: Doc, scope: Scope): Graph => scopeBlock(doc, scope)?.graph ?? doc.graph;

const fallback = new WeakMap<Inference, Map<string, Inference>>();

/**
 * The shapes and statistics of what the canvas shows. Inside a block they are those of the
 * opened instance: its `inner` inference, or, when the instance itself has an error (and so no
 * `inner`), the definition inferred on the shapes that reach the instance.
 */
export function scopeInference(doc: Doc, scope: Scope): Inference {
  let inference = inferenceOf(doc);
  let graph = doc.graph;
  for (const frame of validScope(doc, scope)) {
    const block = doc.blocks.find((b) => b.id === frame.block)!;
    const info = inference.nodes[frame.instance];
    let inner = info?.inner;
    if (!inner) {
      let cache = fallback.get(inference);
      if (!cache) fallback.set(inference, (cache = new Map()));
      inner = cache.get(frame.instance);
      if (!inner) {
        const node = graph.nodes.find((n) => n.id === frame.instance)!;
        const resolved = instanceParams(block, node.params);
        const params: Params = info?.params ?? ('params' in resolved ? resolved.params : (block.params as Params));
        inner = inferBlock(block, params, inputShapes(graph, inference, frame.instance), doc.blocks);
        cache.set(frame.instance, inner);
      }
    }
    inference = inner;
    graph = block.graph;
  }
  return inference;
}

/** The shapes that feed node `id`, in port order, up to the first port with no shape. */
export function inputShapes(graph: Graph, inference: Inference, id: string): Shape[] {
  const shapes: Shape[] = [];
  const edges = graph.edges.filter((e) => e.target === id).sort((a, b) => a.targetPort - b.targetPort);
  for (const [port, e] of edges.entries()) {
    const shape = inference.edges[e.id];
    if (e.targetPort !== port || !shape) break;
    shapes.push(shape);
  }
  return shapes;
}

/**
 * Apply an edit of the shown graph: `f` gets the document with the scope's graph in its place,
 * and what it changes there is written back into the block's definition.
 *
 *     inScope(state, (doc) => ({ doc: updateNode(doc, 'conv1', { params }) }))
 */
export function inScope<T extends { doc?: NetwrightDocument }>(s: { doc: NetwrightDocument; scope: Scope }, f: (doc: NetwrightDocument) => T): T {
  const block = scopeBlock(s.doc, s.scope);
  if (!block) return f(s.doc);
  const shown: NetwrightDocument = { ...s.doc, graph: block.graph };
  const out = f(shown);
  if (!out.doc) return out;
  if (out.doc === shown) {
    const { doc: _, ...rest } = out;
    return rest as T;
  }
  return { ...out, doc: writeBack(out.doc, block.id, s.doc.graph) };
}

/** `edited` has a block's graph in `graph`: put it back into the block, and the top graph back in place. */
function writeBack(edited: NetwrightDocument, blockId: string, top: Graph): NetwrightDocument {
  const blocks = edited.blocks.map((b) => (b.id === blockId && b.graph !== edited.graph ? { ...b, graph: edited.graph } : b));
  return { ...edited, graph: top, blocks };
}

const counts = new WeakMap<Graph, { blocks: Doc['blocks']; counts: Map<string, number> }>();

/** How many instances of block `blockId` the document holds, in its graph and inside other blocks. */
export function instanceCount(doc: Doc, blockId: string): number {
  let hit = counts.get(doc.graph);
  if (!hit || hit.blocks !== doc.blocks) {
    const byKind = new Map<string, number>();
    for (const graph of [doc.graph, ...doc.blocks.map((b) => b.graph)]) {
      for (const n of graph.nodes) {
        const id = blockIdOf(n.kind);
        if (id !== undefined) byKind.set(id, (byKind.get(id) ?? 0) + 1);
      }
    }
    hit = { blocks: doc.blocks, counts: byKind };
    counts.set(doc.graph, hit);
  }
  return hit.counts.get(blockId) ?? 0;
}
