/**
 * Placing something new in a document: a layer or an instance of a block (block-edits.ts brings
 * its definition along), optionally dropped onto an edge, which then runs through the new node.
 * Pure, like edits.ts.
 */
import { blockIdOf, blockInputs } from '../blocks/blocks';
import type { Block, GraphEdge, GraphNode, NetwrightDocument } from '../graph/schema';
import { inputCount, isLayerKind, type LayerKind } from '../layers/registry';
import { addBlockInstance } from './block-edits';
import { addNode, freeId, type XY } from './edits';

/** A thing to place: a layer kind, or a block definition (from the document or the library). */
export type Placeable = { layer: LayerKind } | { block: Block };

/** Place a layer or block instance: `place(doc, { layer: 'Conv2D' }, { x: 0, y: 0 })`. */
export function place(doc: NetwrightDocument, what: Placeable, position: XY): { doc: NetwrightDocument; id: string } {
  return 'layer' in what ? addNode(doc, what.layer, position) : addBlockInstance(doc, what.block, position);
}

/** How many inputs a node takes: its kind's, or its block's. */
export function inputsOf(doc: NetwrightDocument, node: GraphNode): number {
  if (isLayerKind(node.kind)) return inputCount(node.kind, node.params);
  const id = blockIdOf(node.kind);
  const block = id === undefined ? undefined : doc.blocks.find((b) => b.id === id);
  return block ? blockInputs(block) : 0;
}

/**
 * Route edge `edgeId` through node `nodeId`: source → node (its first input) → the edge's old
 * target port. Nothing changes when the node takes no input or the edge is gone.
 */
export function spliceIntoEdge(doc: NetwrightDocument, edgeId: string, nodeId: string): NetwrightDocument {
  const edge = doc.graph.edges.find((e) => e.id === edgeId);
  const node = doc.graph.nodes.find((n) => n.id === nodeId);
  if (!edge || !node || edge.source === nodeId || edge.target === nodeId || inputsOf(doc, node) < 1) return doc;
  const into: GraphEdge = { id: freeId(doc.graph, 'e'), source: edge.source, target: nodeId, targetPort: 0 };
  const out: GraphEdge = { ...edge, source: nodeId };
  const edges = doc.graph.edges.flatMap((e) => (e === edge ? [into, out] : [e]));
  return { ...doc, graph: { nodes: doc.graph.nodes, edges } };
}
