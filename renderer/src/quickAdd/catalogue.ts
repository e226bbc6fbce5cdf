/**
 * What the quick-add box offers: every layer of the registry that belongs on the main canvas,
 * then the document's block definitions, then the built-in blocks it does not have yet.
 */
import type { Placeable } from '../../../shared/document/place';
import type { Block } from '../../../shared/graph/schema';
import { isBlockPort, isLayerKind, layerKinds, layers } from '../../../shared/layers/registry';
import type { Searchable } from './fuzzy';

export interface CatalogueEntry extends Searchable {
  /** Unique among entries: `layer:Conv2D`, `block:inception`. */
  key: string;
  what: Placeable;
}

/** "8 layers: Conv2D ×6, MaxPool2D, Concatenate", for a block's line in the list. */
export function blockSummary(block: Block): string {
  const counts = new Map<string, number>();
  for (const n of block.graph.nodes) {
    if (isBlockPort(n.kind)) continue;
    const title = isLayerKind(n.kind) ? layers[n.kind].title : n.kind.replace(/^block:/, '');
    counts.set(title, (counts.get(title) ?? 0) + 1);
  }
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  const parts = [...counts].map(([title, k]) => (k > 1 ? `${title} ×${k}` : title));
  return `Block of ${total} layer${total === 1 ? '' : 's'}: ${parts.join(', ')}`;
}

/** The entries for a document with `own` block definitions; `library` adds the built-in ones. */
export function catalogue(own: readonly Block[], library: readonly Block[]): CatalogueEntry[] {
  const entries: CatalogueEntry[] = layerKinds
    .filter((kind) => layers[kind].category !== 'block')
    .map((kind) => ({
      key: `layer:${kind}`,
      name: layers[kind].title,
      category: layers[kind].category,
      description: layers[kind].description.replace(/`/g, ''),
      what: { layer: kind },
    }));
  const seen = new Set<string>();
  for (const block of [...own, ...library]) {
    if (seen.has(block.id)) continue;
    seen.add(block.id);
    entries.push({ key: `block:${block.id}`, name: block.name, category: 'block', description: blockSummary(block), what: { block } });
  }
  return entries;
}
