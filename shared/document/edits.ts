/**
 * Pure edits of a document. Each returns a new document and keeps the identity of everything
 * it did not change (nodes, edges, the graph itself when nothing moved), so memoised views and
 * a history middleware see exactly what changed.
 */
import type { GraphEdge, GraphNode, NetwrightDocument, Training } from '../graph/schema';
import { defaultParams, isLayerKind, layers, type LayerKind } from '../layers/registry';
import { arity, type Params } from '../layers/types';
import { wouldCycle } from '../graph/order';

export interface XY {
  x: number;
  y: number;
}

type Graph = NetwrightDocument['graph'];

const withGraph = (doc: NetwrightDocument, nodes: GraphNode[], edges: GraphEdge[]): NetwrightDocument =>
  nodes === doc.graph.nodes && edges === doc.graph.edges ? doc : { ...doc, graph: { nodes, edges } };

/** The lowest free id with this prefix: `freeId(graph, 'conv2d')` → `conv2d-1`, then `conv2d-2`. */
export function freeId(graph: Graph, prefix: string): string {
  const used = new Set<string>();
  for (const n of graph.nodes) used.add(n.id);
  for (const e of graph.edges) used.add(e.id);
  for (let i = 1; ; i++) if (!used.has(`${prefix}-${i}`)) return `${prefix}-${i}`;
}

/** Add a layer with its default parameters: `addNode(doc, 'Conv2D', { x: 0, y: 0 })`. */
export function addNode(doc: NetwrightDocument, kind: LayerKind, position: XY): { doc: NetwrightDocument; id: string } {
  const id = freeId(doc.graph, kind.toLowerCase());
  const node: GraphNode = { id, kind, params: defaultParams(kind), position: { x: Math.round(position.x), y: Math.round(position.y) } };
  return { doc: withGraph(doc, [...doc.graph.nodes, node], doc.graph.edges), id };
}

/** Patch one node's parameters and/or label; an empty label removes it. A patch that changes nothing returns `doc` itself. */
export function updateNode(doc: NetwrightDocument, id: string, patch: { params?: Params; label?: string }): NetwrightDocument {
  let changed = false;
  const nodes = doc.graph.nodes.map((n) => {
    if (n.id !== id) return n;
    const params = patch.params ? patched(n.params, patch.params) : n.params;
    const label = patch.label === undefined ? n.label : patch.label.trim() === '' ? undefined : patch.label;
    if (params === n.params && label === n.label) return n;
    changed = true;
    const { label: _, ...rest } = n;
    return label === undefined ? { ...rest, params } : { ...rest, params, label };
  });
  return changed ? withGraph(doc, nodes, doc.graph.edges) : doc;
}

/**
 * `value` with `patch` applied, or `value` itself when the patch changes nothing: typing a key
 * that leaves a field's value as it was (a trailing space, "1.50" after "1.5") is no edit.
 * `patched({ a: 1 }, { a: 1 })` is the same object; `patched({ a: 1 }, { a: 2 })` → `{ a: 2 }`.
 */
export function patched<T extends object>(value: T, patch: Partial<T>): T {
  const v = value as Record<string, unknown>;
  const same = Object.entries(patch).every(([k, x]) => k in v && JSON.stringify(v[k]) === JSON.stringify(x));
  return same ? value : { ...value, ...patch };
}

/** Move nodes to new positions (rounded to whole pixels); unknown ids are ignored. */
export function moveNodes(doc: NetwrightDocument, positions: ReadonlyMap<string, XY>): NetwrightDocument {
  let changed = false;
  const nodes = doc.graph.nodes.map((n) => {
    const p = positions.get(n.id);
    if (!p) return n;
    const x = Math.round(p.x);
    const y = Math.round(p.y);
    if (x === n.position.x && y === n.position.y) return n;
    changed = true;
    return { ...n, position: { x, y } };
  });
  return changed ? withGraph(doc, nodes, doc.graph.edges) : doc;
}

/** Remove nodes (with every edge that touches them) and edges. */
export function removeElements(doc: NetwrightDocument, nodeIds: Iterable<string>, edgeIds: Iterable<string>): NetwrightDocument {
  const goneNodes = new Set(nodeIds);
  const goneEdges = new Set(edgeIds);
  const nodes = goneNodes.size ? doc.graph.nodes.filter((n) => !goneNodes.has(n.id)) : doc.graph.nodes;
  const keep = (e: GraphEdge) => !goneEdges.has(e.id) && !goneNodes.has(e.source) && !goneNodes.has(e.target);
  const edges = doc.graph.edges.every(keep) ? doc.graph.edges : doc.graph.edges.filter(keep);
  return withGraph(doc, nodes.length === doc.graph.nodes.length ? doc.graph.nodes : nodes, edges);
}

/**
 * Connect `source` to input `port` of `target`. An input takes one tensor, so a connection into
 * a port that is already fed replaces the old edge. Self-loops and duplicates are refused.
 */
export function connect(doc: NetwrightDocument, source: string, target: string, port: number): NetwrightDocument {
  if (source === target) return doc;
  const { nodes, edges } = doc.graph;
  if (!nodes.some((n) => n.id === source) || !nodes.some((n) => n.id === target)) return doc;
  if (edges.some((e) => e.source === source && e.target === target && e.targetPort === port)) return doc;
  const kept = edges.filter((e) => !(e.target === target && e.targetPort === port));
  // A network flows one way: a connection that would close a loop is not made.
  if (wouldCycle({ nodes, edges: kept }, source, target)) return doc;
  const edge: GraphEdge = { id: freeId(doc.graph, 'e'), source, target, targetPort: port };
  return withGraph(doc, nodes, [...kept, edge]);
}

/**
 * Insert a new layer on the edge that feeds input `port` of `target` (a fix such as "insert a
 * Flatten"). The new node sits between the two, slightly below, so it does not hide either.
 */
export function insertBefore(doc: NetwrightDocument, target: string, kind: string, params?: Params, port = 0): { doc: NetwrightDocument; id?: string } {
  if (!isLayerKind(kind) || arity(layers[kind], { ...defaultParams(kind), ...params }) !== 1) return { doc };
  const edge = doc.graph.edges.find((e) => e.target === target && e.targetPort === port);
  const to = doc.graph.nodes.find((n) => n.id === target);
  const from = edge && doc.graph.nodes.find((n) => n.id === edge.source);
  if (!edge || !to || !from) return { doc };
  const mid = { x: (from.position.x + to.position.x) / 2, y: (from.position.y + to.position.y) / 2 + 110 };
  let added = addNode(doc, kind, mid);
  if (params) added = { ...added, doc: updateNode(added.doc, added.id, { params }) };
  const edges = added.doc.graph.edges.filter((e) => e !== edge);
  const first: GraphEdge = { id: freeId(added.doc.graph, 'e'), source: edge.source, target: added.id, targetPort: 0 };
  const second: GraphEdge = { ...edge, source: added.id };
  return { doc: withGraph(added.doc, added.doc.graph.nodes, [...edges, first, second]), id: added.id };
}

/** Patch the training settings. */
export function updateTraining(doc: NetwrightDocument, patch: Partial<Training>): NetwrightDocument {
  const training = patched(doc.training, patch);
  return training === doc.training ? doc : { ...doc, training };
}

/** Rename the document. */
export const renameDocument = (doc: NetwrightDocument, name: string): NetwrightDocument => (name === doc.name ? doc : { ...doc, name });
