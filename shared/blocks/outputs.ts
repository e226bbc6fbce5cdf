/**
 * Where each block instance's output comes from once the blocks are expanded (expand.ts): the
 * expanded id (`instance/inner`) of the layer whose output is the instance's, at any depth. A
 * look inside a trained network shows an instance's output as that layer's maps.
 */
import type { Block, NetwrightDocument } from '../graph/schema';
import { blockIdOf } from './blocks';

/** One block instance: its path of ids (`stage1/conv` when nested), its label path, and the expanded id of its output layer. */
export interface InstanceOutput {
  node: string;
  label: string;
  layer: string;
}

/**
 * Every block instance of a document, outer before inner, with the layer that gives its output:
 * `instanceOutputs(resnet18())[0]` → `{ node: 'layer1-0', label: 'layer1.0', layer: 'layer1-0/relu' }` (its
 * final ReLU). An instance whose output is its own input (no layer between) is left out.
 */
export function instanceOutputs(doc: Pick<NetwrightDocument, 'graph' | 'blocks'>): InstanceOutput[] {
  const blocks = new Map(doc.blocks.map((b) => [b.id, b]));
  const blockOf = (kind: string) => blocks.get(blockIdOf(kind) ?? '');
  /** The expanded id of the layer that feeds `block`'s output, in an instance at `path`. */
  const outputOf = (block: Block, path: string, depth: number): string | undefined => {
    if (depth > 32) throw new Error('Blocks are nested more than 32 deep (does a block contain itself?)');
    const port = block.graph.nodes.find((n) => n.kind === 'BlockOutput');
    const source = block.graph.nodes.find((n) => n.id === block.graph.edges.find((e) => e.target === port?.id)?.source);
    if (!source || source.kind === 'BlockInput') return undefined;
    const inner = blockOf(source.kind);
    return inner ? outputOf(inner, `${path}/${source.id}`, depth + 1) : `${path}/${source.id}`;
  };
  const found: InstanceOutput[] = [];
  const visit = (nodes: Block['graph']['nodes'], prefix: string, labels: string, depth: number) => {
    for (const n of nodes) {
      const block = blockOf(n.kind);
      if (!block) continue;
      const [node, label] = [`${prefix}${n.id}`, `${labels}${n.label ?? n.id}`];
      const layer = outputOf(block, node, depth);
      if (layer !== undefined) found.push({ node, label, layer });
      visit(block.graph.nodes, `${node}/`, `${label}/`, depth + 1);
    }
  };
  visit(doc.graph.nodes, '', '', 0);
  return found;
}
