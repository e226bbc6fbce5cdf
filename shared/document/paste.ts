/**
 * Pasting a clipboard subgraph into a document: every node and edge gets a fresh id, edges are
 * rewired to the new ids, and the block definitions come along (one the document already has,
 * identical, is shared; a different one under the same id is added under a new id).
 */
import { blockIdOf, blockKind } from '../blocks/blocks';
import type { Block, GraphEdge, GraphNode, NetwrightDocument } from '../graph/schema';
import type { XY } from './edits';

/** What a paste brings: layers, the edges among them, and the block definitions their instances use (a clipboard payload is one). */
export interface Subgraph {
  nodes: readonly GraphNode[];
  edges: readonly GraphEdge[];
  blocks: readonly Block[];
}

export interface Pasted {
  doc: NetwrightDocument;
  /** The new nodes' ids, in the payload's order. */
  nodes: string[];
  edges: string[];
}

/** Where the paste goes: its top-left node at `at`, or every node moved by `offset`. */
export type Placement = { at: XY } | { offset: XY };

/** Hands out ids not yet in `used`, with the old id's prefix: `conv2d-3` → `conv2d-7`. */
function idAllocator(used: Set<string>) {
  const next = new Map<string, number>();
  return (oldId: string): string => {
    const prefix = oldId.replace(/-\d+$/, '') || 'node';
    for (let i = next.get(prefix) ?? 1; ; i++) {
      const id = `${prefix}-${i}`;
      if (!used.has(id)) {
        used.add(id);
        next.set(prefix, i + 1);
        return id;
      }
    }
  };
}

/** The payload's blocks merged into the document's, and how pasted kinds must be renamed. */
function mergeBlocks(existing: readonly Block[], incoming: readonly Block[]): { blocks: Block[]; rename: Map<string, string> } {
  const byId = new Map(existing.map((b) => [b.id, b]));
  const taken = new Set(existing.map((b) => b.id));
  const freshId = idAllocator(taken);
  const rename = new Map<string, string>();
  const added: Block[] = [];
  for (const block of incoming) {
    const same = byId.get(block.id);
    if (same && JSON.stringify(same) === JSON.stringify(block)) continue;
    const id = same ? freshId(`${block.id}-1`) : block.id;
    taken.add(id);
    if (id !== block.id) rename.set(block.id, id);
    added.push({ ...block, id });
  }
  const renameKind = (kind: string) => {
    const id = blockIdOf(kind);
    const to = id === undefined ? undefined : rename.get(id);
    return to === undefined ? kind : blockKind(to);
  };
  const fixed = rename.size
    ? added.map((b) => ({ ...b, graph: { ...b.graph, nodes: b.graph.nodes.map((n) => (renameKind(n.kind) === n.kind ? n : { ...n, kind: renameKind(n.kind) })) } }))
    : added;
  return { blocks: fixed.length ? [...existing, ...fixed] : [...existing], rename };
}

/**
 * Paste `payload` into `doc`: `pasteSubgraph(doc, payload, { offset: { x: 40, y: 40 } })`.
 * Edges whose ends are not both in the payload are left out.
 */
export function pasteSubgraph(doc: NetwrightDocument, payload: Subgraph, place: Placement): Pasted {
  if (payload.nodes.length === 0) return { doc, nodes: [], edges: [] };
  const used = new Set<string>();
  for (const n of doc.graph.nodes) used.add(n.id);
  for (const e of doc.graph.edges) used.add(e.id);
  const fresh = idAllocator(used);
  const { blocks, rename } = mergeBlocks(doc.blocks, payload.blocks);
  const shift = 'offset' in place ? place.offset : delta(payload.nodes, place.at);
  const ids = new Map<string, string>();
  const nodes: GraphNode[] = payload.nodes.map((n) => {
    const id = fresh(n.id);
    ids.set(n.id, id);
    const blockId = blockIdOf(n.kind);
    const kind = blockId !== undefined && rename.has(blockId) ? blockKind(rename.get(blockId)!) : n.kind;
    return { ...n, id, kind, params: structuredClone(n.params), position: { x: Math.round(n.position.x + shift.x), y: Math.round(n.position.y + shift.y) } };
  });
  const edges: GraphEdge[] = [];
  for (const e of payload.edges) {
    const source = ids.get(e.source);
    const target = ids.get(e.target);
    if (source && target) edges.push({ id: fresh('e-1'), source, target, targetPort: e.targetPort });
  }
  return {
    doc: { ...doc, blocks: blocks.length === doc.blocks.length ? doc.blocks : blocks, graph: { nodes: [...doc.graph.nodes, ...nodes], edges: [...doc.graph.edges, ...edges] } },
    nodes: nodes.map((n) => n.id),
    edges: edges.map((e) => e.id),
  };
}

/** The move that puts the payload's top-left corner at `at`. */
function delta(nodes: readonly GraphNode[], at: XY): XY {
  const minX = Math.min(...nodes.map((n) => n.position.x));
  const minY = Math.min(...nodes.map((n) => n.position.y));
  return { x: at.x - minX, y: at.y - minY };
}

/**
 * The smallest step down and to the right (0, 40, 80 … px) at which no pasted node would sit
 * exactly on a node already there: in place into another document, beside the original when
 * duplicating, and further along on each repeat.
 */
export function freeOffset(doc: NetwrightDocument, payload: Subgraph, step = 40): XY {
  const taken = new Set(doc.graph.nodes.map((n) => `${n.position.x},${n.position.y}`));
  for (let k = 0; ; k++) {
    const d = k * step;
    if (!payload.nodes.some((n) => taken.has(`${Math.round(n.position.x + d)},${Math.round(n.position.y + d)}`))) return { x: d, y: d };
  }
}
