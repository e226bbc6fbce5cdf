/** Cutting a selection out of a document as a self-contained subgraph, for the clipboard. */
import { blockIdOf } from '../../../shared/blocks/blocks';
import type { Block, NetwrightDocument } from '../../../shared/graph/schema';
import { CLIPBOARD_TAG, type ClipboardPayload } from './payload';

/**
 * The selected nodes, the edges between two of them (an edge to a layer left behind is dropped),
 * and every block definition they use, nested ones included:
 * `extractSelection(doc, ['c1', 's2'])?.edges` → the edge c1 → s2. Undefined for no nodes.
 */
export function extractSelection(doc: NetwrightDocument, nodeIds: Iterable<string>): ClipboardPayload | undefined {
  const ids = new Set(nodeIds);
  const nodes = doc.graph.nodes.filter((n) => ids.has(n.id));
  if (nodes.length === 0) return undefined;
  const edges = doc.graph.edges.filter((e) => ids.has(e.source) && ids.has(e.target));
  return { format: CLIPBOARD_TAG, version: 1, nodes, edges, blocks: usedBlocks(doc.blocks, nodes.map((n) => n.kind)) };
}

/** The definitions that `kinds` use, directly or through other blocks, in the document's order. */
export function usedBlocks(blocks: readonly Block[], kinds: Iterable<string>): Block[] {
  const byId = new Map(blocks.map((b) => [b.id, b]));
  const used = new Set<string>();
  const visit = (kind: string) => {
    const id = blockIdOf(kind);
    if (id === undefined || used.has(id)) return;
    const block = byId.get(id);
    if (!block) return;
    used.add(id);
    for (const n of block.graph.nodes) visit(n.kind);
  };
  for (const kind of kinds) visit(kind);
  return blocks.filter((b) => used.has(b.id));
}
