/**
 * What changed between two documents' architectures, e.g. the documents of two runs: layers
 * added, removed and changed (which parameters, old → new), connections rewired, block
 * definitions added, removed or changed, and training settings. Pure data; the UI words it.
 *
 * Nodes are matched by id first — an edit keeps ids, so that is what a user means by "the
 * same layer" — as long as the kind is the same (a Conv2D and a MaxPool2D have no parameters in
 * common to compare, so an id reused for another kind is a removal and an addition). Nodes left over are then paired when they are the same kind with the same label
 * (a layer deleted and drawn again), then when they are the same kind with the same parameters,
 * and last, kind by kind in document order when both sides have the same number of them left
 * (a like-for-like swap). Anything still unpaired is added or removed.
 */
import type { Block, Graph, GraphEdge, GraphNode, NetwrightDocument } from './schema';

/** A parameter (or setting) that differs; `undefined` where one side does not have it. */
export interface ParamChange {
  param: string;
  before: unknown;
  after: unknown;
}

export interface ChangedNode {
  before: GraphNode;
  after: GraphNode;
  /** Parameter changes, a changed label (`param: 'label'`) included. */
  changes: ParamChange[];
}

/** A connection, with the nodes as they are on the side it belongs to. */
export interface EdgeChange {
  source: GraphNode;
  target: GraphNode;
  targetPort: number;
}

export interface GraphDiff {
  added: GraphNode[];
  removed: GraphNode[];
  changed: ChangedNode[];
  /** Connections between layers on both sides that only one side has (edges of added or removed layers are implied by them, not listed). */
  rewired: { added: EdgeChange[]; removed: EdgeChange[] };
}

export interface BlockDiff {
  id: string;
  name: string;
  status: 'added' | 'removed' | 'changed';
  /** The block's name and parameter defaults. */
  changes: ParamChange[];
  /** Its subgraph's differences, for a changed block. */
  graph?: GraphDiff;
}

export interface DocumentDiff {
  graph: GraphDiff;
  blocks: BlockDiff[];
  training: ParamChange[];
  /** True when nothing above differs (positions and descriptions are not architecture). */
  same: boolean;
}

/** Equal as JSON values, whatever the key order of objects. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** `diffRecords({ filters: 6, kernel: 5 }, { filters: 8, kernel: 5 })` → `[{ param: 'filters', before: 6, after: 8 }]`. */
export function diffRecords(a: Record<string, unknown>, b: Record<string, unknown>, prefix = ''): ParamChange[] {
  const keys = [...Object.keys(a), ...Object.keys(b).filter((k) => !Object.prototype.hasOwnProperty.call(a, k))];
  return keys.filter((k) => !sameValue(a[k], b[k])).map((k) => ({ param: prefix + k, before: a[k], after: b[k] }));
}

function nodeChanges(a: GraphNode, b: GraphNode): ParamChange[] {
  const label = a.label !== b.label ? [{ param: 'label', before: a.label, after: b.label }] : [];
  return [...label, ...diffRecords(a.params, b.params)];
}

/** Pairs of (before, after) nodes, per the matching rules above; returns b's id → a's id. */
function matchNodes(a: readonly GraphNode[], b: readonly GraphNode[]): Map<string, string> {
  const toA = new Map<string, string>();
  const byIdA = new Map(a.map((n) => [n.id, n]));
  for (const n of b) if (byIdA.get(n.id)?.kind === n.kind) toA.set(n.id, n.id);
  const pairedA = new Set(toA.values());
  const leftA = () => a.filter((n) => !pairedA.has(n.id));
  const leftB = () => b.filter((n) => !toA.has(n.id));
  const pairBy = (key: (n: GraphNode) => string | undefined) => {
    const pool = new Map<string, GraphNode[]>();
    for (const n of leftA()) {
      const k = key(n);
      if (k !== undefined) pool.set(k, [...(pool.get(k) ?? []), n]);
    }
    for (const n of leftB()) {
      const k = key(n);
      const candidate = k === undefined ? undefined : pool.get(k)?.shift();
      if (!candidate) continue;
      toA.set(n.id, candidate.id);
      pairedA.add(candidate.id);
    }
  };
  pairBy((n) => (n.label === undefined ? undefined : `${n.kind}\u0000${n.label}`));
  pairBy((n) => `${n.kind}\u0000${JSON.stringify(n.params, Object.keys(n.params).sort())}`);
  const kinds = new Set(leftB().map((n) => n.kind));
  for (const kind of kinds) {
    const restA = leftA().filter((n) => n.kind === kind);
    const restB = leftB().filter((n) => n.kind === kind);
    if (restA.length !== restB.length) continue;
    restB.forEach((n, i) => {
      toA.set(n.id, restA[i]!.id);
      pairedA.add(restA[i]!.id);
    });
  }
  return toA;
}

const edgeKey = (source: string, target: string, port: number) => `${source}\u0000${target}\u0000${port}`;

/**
 * `diffGraphs(before.graph, after.graph)`: layers added, removed and changed, and connections
 * rewired between layers both sides have.
 */
export function diffGraphs(a: Graph, b: Graph): GraphDiff {
  const toA = matchNodes(a.nodes, b.nodes);
  const byIdA = new Map(a.nodes.map((n) => [n.id, n]));
  const byIdB = new Map(b.nodes.map((n) => [n.id, n]));
  const paired = new Set(toA.values());
  const changed = b.nodes.flatMap((n) => {
    const before = toA.has(n.id) ? byIdA.get(toA.get(n.id)!)! : undefined;
    const changes = before ? nodeChanges(before, n) : [];
    return before && changes.length > 0 ? [{ before, after: n, changes }] : [];
  });
  // b's edges in a's ids, so that a kept connection has the same key on both sides.
  const keysB = new Set(b.edges.filter((e) => toA.has(e.source) && toA.has(e.target)).map((e) => edgeKey(toA.get(e.source)!, toA.get(e.target)!, e.targetPort)));
  const keysA = new Set(a.edges.map((e) => edgeKey(e.source, e.target, e.targetPort)));
  const bothSides = (e: GraphEdge, has: (id: string) => boolean) => has(e.source) && has(e.target);
  const removed = a.edges
    .filter((e) => bothSides(e, (id) => paired.has(id)) && !keysB.has(edgeKey(e.source, e.target, e.targetPort)))
    .map((e) => ({ source: byIdA.get(e.source)!, target: byIdA.get(e.target)!, targetPort: e.targetPort }));
  const added = b.edges
    .filter((e) => bothSides(e, (id) => toA.has(id)) && !keysA.has(edgeKey(toA.get(e.source)!, toA.get(e.target)!, e.targetPort)))
    .map((e) => ({ source: byIdB.get(e.source)!, target: byIdB.get(e.target)!, targetPort: e.targetPort }));
  return {
    added: b.nodes.filter((n) => !toA.has(n.id)),
    removed: a.nodes.filter((n) => !paired.has(n.id)),
    changed,
    rewired: { added, removed },
  };
}

const graphSame = (d: GraphDiff) => d.added.length + d.removed.length + d.changed.length + d.rewired.added.length + d.rewired.removed.length === 0;

function diffBlocks(a: readonly Block[], b: readonly Block[]): BlockDiff[] {
  const byIdA = new Map(a.map((x) => [x.id, x]));
  const byIdB = new Map(b.map((x) => [x.id, x]));
  const out: BlockDiff[] = a.filter((x) => !byIdB.has(x.id)).map((x) => ({ id: x.id, name: x.name, status: 'removed', changes: [] }));
  for (const after of b) {
    const before = byIdA.get(after.id);
    if (!before) {
      out.push({ id: after.id, name: after.name, status: 'added', changes: [] });
      continue;
    }
    const changes = [...(before.name !== after.name ? [{ param: 'name', before: before.name, after: after.name }] : []), ...diffRecords(before.params, after.params)];
    const graph = diffGraphs(before.graph, after.graph);
    if (changes.length > 0 || !graphSame(graph)) out.push({ id: after.id, name: after.name, status: 'changed', changes, graph });
  }
  return out;
}

/** Flatten nested settings to dotted names: `{ augmentation: { flip } }` → `augmentation.flip`. */
function diffSettings(a: Record<string, unknown>, b: Record<string, unknown>, prefix = ''): ParamChange[] {
  return diffRecords(a, b, prefix).flatMap((c) => {
    const nested = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
    const key = c.param.slice(prefix.length);
    return nested(c.before) && nested(c.after) ? diffSettings(c.before, c.after, `${prefix}${key}.`) : [c];
  });
}

/**
 * `diffDocuments(runA.doc, runB.doc)`: everything about the architecture (and the training
 * settings) that differs from `a` to `b`. Node positions, the document's name and description
 * are not compared.
 */
export function diffDocuments(a: NetwrightDocument, b: NetwrightDocument): DocumentDiff {
  const graph = diffGraphs(a.graph, b.graph);
  const blocks = diffBlocks(a.blocks, b.blocks);
  const training = diffSettings(a.training, b.training);
  return { graph, blocks, training, same: graphSame(graph) && blocks.length === 0 && training.length === 0 };
}
