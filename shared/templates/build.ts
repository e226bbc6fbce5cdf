/**
 * Helpers that template builders use to write a network as a list of layers.
 */
import { GraphBuilder } from '../blocks/builder';
import { emptyDocument, type Block, type NetwrightDocument, type Training } from '../graph/schema';
import type { LayerKind } from '../layers/registry';
import type { Params } from '../layers/types';

export interface LayerSpec {
  kind: LayerKind | `block:${string}`;
  params?: Params;
  label?: string;
}

/** A document from a builder's graph, with the blocks it uses. */
export function documentOf(name: string, description: string | undefined, g: GraphBuilder, blocks: Block[] = []): NetwrightDocument {
  const used = new Set(g.graph.nodes.map((n) => n.kind));
  // Keep only the definitions the graph uses, directly or inside another used block.
  const keep = new Set<string>();
  const visit = (id: string) => {
    if (keep.has(id)) return;
    keep.add(id);
    for (const n of blocks.find((b) => b.id === id)?.graph.nodes ?? []) if (n.kind.startsWith('block:')) visit(n.kind.slice(6));
  };
  for (const kind of used) if (kind.startsWith('block:')) visit(kind.slice(6));
  return { ...emptyDocument(name), ...(description ? { description } : {}), graph: g.graph, blocks: blocks.filter((b) => keep.has(b.id)) };
}

/**
 * A document whose layers are connected one after another:
 * `sequential('LeNet-5', [{ kind: 'Input', params: {...} }, ...], 'description')`.
 */
export function sequential(name: string, specs: LayerSpec[], description?: string, training: Partial<Training> = {}): NetwrightDocument {
  const g = new GraphBuilder();
  let prev: string[] = [];
  for (const s of specs) prev = [g.add(s.kind, s.params ?? {}, prev, s.label)];
  const doc = documentOf(name, description, g);
  return { ...doc, training: { ...doc.training, ...training } };
}
