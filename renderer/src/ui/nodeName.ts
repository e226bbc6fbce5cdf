/** What a node is called where people and tests read it: the canvas, the problems list, a run's architecture diff. */
import { blockIdOf } from '../../../shared/blocks/blocks';
import type { Block, GraphNode } from '../../../shared/graph/schema';
import { isLayerKind, layers } from '../../../shared/layers/registry';

/**
 * "Conv2D C1": the layer's title and its label (or id), as tests and screen readers name it; a
 * block instance is named after its block: "Inception inception 3a".
 */
export function nodeName(node: GraphNode, blocks: readonly Block[] = []): string {
  const blockId = blockIdOf(node.kind);
  const title = isLayerKind(node.kind) ? layers[node.kind].title : (blocks.find((b) => b.id === blockId)?.name ?? 'Block');
  return `${title} ${node.label ?? node.id}`;
}
