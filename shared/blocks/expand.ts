/**
 * Replacing block instances by the layers they stand for: for compiling and training (every
 * instance, recursively) and for "unlink" in the editor (one instance, one level).
 */
import type { Block, Graph, GraphEdge, GraphNode, NetwrightDocument } from '../graph/schema';
import { isBlockPort } from '../layers/registry';
import { blockIdOf, instanceParams, substitute } from './blocks';

/** The document with no block instances left; inner ids become `<instance>/<inner>`. */
export function expandDocument(doc: NetwrightDocument): NetwrightDocument {
  const blocks = new Map(doc.blocks.map((b) => [b.id, b]));
  let graph = doc.graph;
  for (let depth = 0; graph.nodes.some((n) => blockIdOf(n.kind) !== undefined); depth++) {
    if (depth > 32) throw new Error('Blocks are nested more than 32 deep (does a block contain itself?)');
    for (const n of graph.nodes) if (blockIdOf(n.kind) !== undefined) graph = expandInstance(graph, n.id, blocks);
  }
  return { ...doc, graph, blocks: [] };
}

/** Replace one instance by its definition's layers (inner instances stay instances). */
export function unlinkInstance(doc: NetwrightDocument, nodeId: string): NetwrightDocument {
  return { ...doc, graph: expandInstance(doc.graph, nodeId, new Map(doc.blocks.map((b) => [b.id, b]))) };
}

function expandInstance(graph: Graph, nodeId: string, blocks: ReadonlyMap<string, Block>): Graph {
  const instance = graph.nodes.find((n) => n.id === nodeId);
  const block = instance && blocks.get(blockIdOf(instance.kind) ?? '');
  if (!instance || !block) throw new Error(`"${nodeId}" is not an instance of a known block`);
  const resolved = instanceParams(block, instance.params);
  if ('error' in resolved) throw new Error(resolved.error);
  const inner = substitute(block.graph, resolved.params).graph;
  const id = (innerId: string) => `${instance.id}/${innerId}`;
  const kindOf = new Map(inner.nodes.map((n) => [n.id, n]));
  const portOf = (innerId: string) => Number(kindOf.get(innerId)!.params.port ?? 0);
  // What feeds each of the instance's ports, from outside.
  const feeds = new Map(graph.edges.filter((e) => e.target === instance.id).map((e) => [e.targetPort, e.source]));
  const outer = (innerId: string): string | undefined => (kindOf.get(innerId)!.kind === 'BlockInput' ? feeds.get(portOf(innerId)) : id(innerId));
  const outputNode = inner.nodes.find((n) => n.kind === 'BlockOutput');
  const intoOutput = outputNode && inner.edges.find((e) => e.target === outputNode.id);
  const result = intoOutput && outer(intoOutput.source);

  const nodes: GraphNode[] = inner.nodes
    .filter((n) => !isBlockPort(n.kind))
    .map((n) => ({
      ...n,
      id: id(n.id),
      label: `${instance.label ?? instance.id}/${n.label ?? n.id}`,
      position: { x: instance.position.x + n.position.x, y: instance.position.y + n.position.y },
    }));
  const edges: GraphEdge[] = [];
  for (const e of inner.edges) {
    if (kindOf.get(e.target)!.kind === 'BlockOutput') continue;
    const source = outer(e.source);
    if (source !== undefined) edges.push({ ...e, id: id(e.id), source, target: id(e.target) });
  }
  for (const e of graph.edges) {
    if (e.target === instance.id) continue;
    if (e.source === instance.id) {
      if (result !== undefined) edges.push({ ...e, source: result });
    } else edges.push(e);
  }
  return { nodes: [...graph.nodes.filter((n) => n.id !== instance.id), ...nodes], edges };
}
