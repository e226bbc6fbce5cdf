/**
 * "Group into block": selected layers become a new block definition, and one instance of it
 * takes their place, wired as they were. The reverse of `unlinkInstance`.
 */
import type { Block, GraphEdge, GraphNode, NetwrightDocument } from '../graph/schema';
import { blockKind } from '../blocks/blocks';
import { COLUMN, LANE } from '../blocks/builder';
import { isBlockPort, isGraphInput } from '../layers/registry';

export interface Grouped {
  doc: NetwrightDocument;
  blockId: string;
  instanceId: string;
}

/** Kinds that cannot sit inside a block: data enters a block through its BlockInputs. */

/**
 * Replace the layers `ids` by an instance of a new block made of them: edges entering the
 * selection become the block's inputs (one port per outside source, in data-flow order), the
 * one layer whose output leaves it becomes the block's output.
 *
 *     groupIntoBlock(doc, ['conv1', 'bn1'], 'Conv-BN')  // → { doc, blockId: 'conv-bn', instanceId: 'conv-bn' }
 *
 * Returns `{ error }` (the document unchanged) when the layers cannot form a block.
 */
export function groupIntoBlock(doc: NetwrightDocument, ids: Iterable<string>, name?: string): Grouped | { error: string } {
  const { nodes, edges } = doc.graph;
  const picked = new Set(ids);
  const inside = nodes.filter((n) => picked.has(n.id));
  if (inside.length === 0) return { error: 'Select the layers to group into a block.' };
  const barred = inside.find((n) => isGraphInput(n.kind) || isBlockPort(n.kind));
  if (barred) return { error: `${barred.label ?? barred.id} cannot go into a block: data enters a block through its inputs.` };
  const selected = new Set(inside.map((n) => n.id));
  const isIn = (id: string) => selected.has(id);
  const internal = edges.filter((e) => isIn(e.source) && isIn(e.target));
  const entering = edges.filter((e) => !isIn(e.source) && isIn(e.target));
  const leaving = edges.filter((e) => isIn(e.source) && !isIn(e.target));

  const name_ = (id: string) => nodes.find((n) => n.id === id)?.label ?? id;
  const leavers = [...new Set(leaving.map((e) => e.source))];
  let output: string;
  if (leavers.length > 1) {
    return { error: `A block has one output, but ${leavers.length} of the selected layers feed layers outside it (${leavers.map(name_).join(', ')}): select those too, or fewer layers.` };
  } else if (leavers.length === 1) {
    output = leavers[0]!;
  } else {
    const sinks = inside.filter((n) => !internal.some((e) => e.source === n.id));
    if (sinks.length !== 1) return { error: `The selection ends in ${sinks.length} layers (${sinks.map((n) => name_(n.id)).join(', ')}); a block has one output, so merge them first (Add or Concatenate).` };
    output = sinks[0]!.id;
  }

  // Ports in data-flow order: by the position of the layer they feed, then by its input port.
  const rank = new Map(flowOrder(inside, internal).map((id, i) => [id, i]));
  const sortedEntering = [...entering].sort((a, b) => rank.get(a.target)! - rank.get(b.target)! || a.targetPort - b.targetPort);
  const sources = [...new Set(sortedEntering.map((e) => e.source))];

  const blockId = unusedId(new Set(doc.blocks.map((b) => b.id)), slug(name ?? '') || 'group', !name);
  const title = name ?? `Group ${blockId.replace(/^group-/, '')}`;
  const used = new Set(inside.map((n) => n.id));
  const inputIds = sources.map((_, k) => unusedId(used, sources.length > 1 ? `in-${k + 1}` : 'in'));
  const outputId = unusedId(used, 'out');
  for (const id of [...inputIds, outputId]) used.add(id);

  const minX = Math.min(...inside.map((n) => n.position.x));
  const minY = Math.min(...inside.map((n) => n.position.y));
  const maxX = Math.max(...inside.map((n) => n.position.x));
  const at = (n: GraphNode) => ({ x: n.position.x - minX + COLUMN, y: n.position.y - minY });
  const outNode = inside.find((n) => n.id === output)!;
  const edgeIds = new Set(edges.map((e) => e.id));
  const innerEdges: GraphEdge[] = [
    ...internal,
    ...sortedEntering.map((e) => ({ ...e, source: inputIds[sources.indexOf(e.source)]! })),
    { id: unusedId(edgeIds, 'e-out'), source: output, target: outputId, targetPort: 0 },
  ];
  const block: Block = {
    id: blockId,
    name: title,
    params: {},
    graph: {
      nodes: [
        ...inputIds.map((id, port): GraphNode => ({ id, kind: 'BlockInput', params: { port }, position: { x: 0, y: port * LANE }, label: id })),
        ...inside.map((n) => ({ ...n, position: at(n) })),
        { id: outputId, kind: 'BlockOutput', params: {}, position: { x: maxX - minX + 2 * COLUMN, y: at(outNode).y }, label: 'out' },
      ],
      edges: innerEdges,
    },
  };

  const nodeIds = new Set(nodes.map((n) => n.id));
  const instanceId = unusedId(nodeIds, blockId);
  const instance: GraphNode = { id: instanceId, kind: blockKind(blockId), params: {}, position: { x: minX, y: minY } };
  const outer: GraphEdge[] = [];
  for (const e of edges) {
    if (isIn(e.target)) {
      const port = sources.indexOf(e.source);
      // One edge per port: the first edge from each outside source keeps its id.
      if (port >= 0 && sortedEntering.find((x) => x.source === e.source) === e) outer.push({ ...e, target: instanceId, targetPort: port });
    } else if (isIn(e.source)) outer.push({ ...e, source: instanceId });
    else outer.push(e);
  }
  const firstIndex = nodes.findIndex((n) => selected.has(n.id));
  const rest = nodes.filter((n) => !selected.has(n.id));
  rest.splice(Math.min(firstIndex, rest.length), 0, instance);
  return { doc: { ...doc, graph: { nodes: rest, edges: outer }, blocks: [...doc.blocks, block] }, blockId, instanceId };
}

/** The selected layers in topological order of the edges among them (ties in document order). */
function flowOrder(inside: GraphNode[], internal: GraphEdge[]): string[] {
  const indegree = new Map(inside.map((n) => [n.id, 0]));
  for (const e of internal) indegree.set(e.target, indegree.get(e.target)! + 1);
  const order: string[] = [];
  const ready = inside.filter((n) => indegree.get(n.id) === 0).map((n) => n.id);
  while (ready.length) {
    const id = ready.shift()!;
    order.push(id);
    for (const e of internal) {
      if (e.source !== id) continue;
      const d = indegree.get(e.target)! - 1;
      indegree.set(e.target, d);
      if (d === 0) ready.push(e.target);
    }
  }
  // Layers on a cycle keep their document order after the rest.
  return [...order, ...inside.map((n) => n.id).filter((id) => !order.includes(id))];
}

/** `base` if free, else `base-2`, `base-3`…; with `numbered`, always `base-1`, `base-2`…. */
function unusedId(used: ReadonlySet<string>, base: string, numbered = false): string {
  if (!numbered && !used.has(base)) return base;
  for (let i = numbered ? 1 : 2; ; i++) if (!used.has(`${base}-${i}`)) return `${base}-${i}`;
}

const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
