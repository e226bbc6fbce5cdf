/**
 * Pure edits of blocks: add an instance (bringing its definition, and the blocks that one uses,
 * into the document), unlink an instance in place, change a definition's defaults or name.
 */
import { blockIdOf, blockKind } from '../blocks/blocks';
import { unlinkInstance } from '../blocks/expand';
import { builtinBlocks } from '../blocks/library';
import type { Block, GraphNode, NetwrightDocument } from '../graph/schema';
import type { Params } from '../layers/types';
import { freeId, patched, type XY } from './edits';

/** The blocks `block` needs that `doc` lacks (itself included), from the document or the library. */
function missingBlocks(doc: NetwrightDocument, block: Block): Block[] {
  const have = new Set(doc.blocks.map((b) => b.id));
  const library = new Map(builtinBlocks().map((b) => [b.id, b]));
  const out: Block[] = [];
  const visit = (b: Block) => {
    if (have.has(b.id)) return;
    have.add(b.id);
    out.push(b);
    for (const n of b.graph.nodes) {
      const inner = blockIdOf(n.kind);
      const def = inner === undefined ? undefined : library.get(inner);
      if (def) visit(def);
    }
  };
  visit(block);
  return out;
}

/**
 * Add an instance of `block` at `position`; its definition joins `doc.blocks` if the document
 * has none of that id (a definition it has, maybe edited, is used as it is).
 */
export function addBlockInstance(doc: NetwrightDocument, block: Block, position: XY): { doc: NetwrightDocument; id: string } {
  const id = freeId(doc.graph, block.id);
  const node: GraphNode = { id, kind: blockKind(block.id), params: {}, position: { x: Math.round(position.x), y: Math.round(position.y) } };
  const added = missingBlocks(doc, block);
  return {
    doc: { ...doc, graph: { ...doc.graph, nodes: [...doc.graph.nodes, node] }, blocks: added.length ? [...doc.blocks, ...added] : doc.blocks },
    id,
  };
}

/**
 * Replace an instance by its layers where it stood: they keep the definition's arrangement,
 * start at the instance's place, and what comes after the instance moves on to make room.
 */
export function unlinkInPlace(doc: NetwrightDocument, id: string, direction: 'RIGHT' | 'DOWN' = 'RIGHT'): NetwrightDocument {
  const instance = doc.graph.nodes.find((n) => n.id === id);
  const block = instance && doc.blocks.find((b) => b.id === blockIdOf(instance.kind));
  if (!instance || !block) return doc;
  const flat = unlinkInstance(doc, id);
  const prefix = `${id}/`;
  const fresh = flat.graph.nodes.filter((n) => n.id.startsWith(prefix) && !doc.graph.nodes.some((o) => o.id === n.id));
  if (fresh.length === 0) return flat;
  const xs = fresh.map((n) => n.position.x);
  const ys = fresh.map((n) => n.position.y);
  const [minX, minY] = [Math.min(...xs), Math.min(...ys)];
  const span = direction === 'RIGHT' ? Math.max(...xs) - minX : Math.max(...ys) - minY;
  const after = downstream(doc, id);
  const nodes = flat.graph.nodes.map((n): GraphNode => {
    if (fresh.includes(n)) return { ...n, position: { x: instance.position.x + n.position.x - minX, y: instance.position.y + n.position.y - minY } };
    if (!after.has(n.id) || span === 0) return n;
    return { ...n, position: direction === 'RIGHT' ? { x: n.position.x + span, y: n.position.y } : { x: n.position.x, y: n.position.y + span } };
  });
  return { ...flat, graph: { ...flat.graph, nodes } };
}

/** Every node that data from `id` reaches. */
function downstream(doc: NetwrightDocument, id: string): Set<string> {
  const seen = new Set<string>();
  const stack = [id];
  while (stack.length) {
    const at = stack.pop()!;
    for (const e of doc.graph.edges) {
      if (e.source === at && !seen.has(e.target)) {
        seen.add(e.target);
        stack.push(e.target);
      }
    }
  }
  return seen;
}

/** Change a definition's own parameter values (what instances without an override use). */
export function setBlockDefaults(doc: NetwrightDocument, blockId: string, params: Params): NetwrightDocument {
  const blocks = doc.blocks.map((b) => {
    if (b.id !== blockId) return b;
    const next = patched(b.params, params);
    return next === b.params ? b : { ...b, params: next };
  });
  return blocks.every((b, i) => b === doc.blocks[i]) ? doc : { ...doc, blocks };
}

/** Rename a definition; its instances show the new name. */
export function renameBlock(doc: NetwrightDocument, blockId: string, name: string): NetwrightDocument {
  return { ...doc, blocks: doc.blocks.map((b) => (b.id === blockId && b.name !== name ? { ...b, name } : b)) };
}

/** Remove an instance's override of `param`, so it follows the definition again. */
export function resetOverride(doc: NetwrightDocument, id: string, param: string): NetwrightDocument {
  const nodes = doc.graph.nodes.map((n) => {
    if (n.id !== id || !(param in n.params)) return n;
    const { [param]: _, ...params } = n.params;
    return { ...n, params };
  });
  return { ...doc, graph: { ...doc.graph, nodes } };
}
