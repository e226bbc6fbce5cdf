/**
 * The order data flows in a graph, and its cycles: used by inference (which layer to infer
 * next), by loading (a file with a cycle is refused) and by the editor (a connection that would
 * close a cycle is refused).
 */
import type { Graph, GraphNode } from './schema';

/** Kahn's algorithm: `order` lists the nodes that can be ordered; the rest are on or behind a cycle. */
export function topoSort(nodes: readonly GraphNode[], incoming: ReadonlyMap<string, readonly { source: string }[]>, outgoing: ReadonlyMap<string, readonly string[]>) {
  const indegree = new Map(nodes.map((n) => [n.id, incoming.get(n.id)?.length ?? 0]));
  const queue = nodes.filter((n) => indegree.get(n.id) === 0).map((n) => n.id);
  const order: string[] = [];
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i]!;
    order.push(id);
    for (const next of outgoing.get(id) ?? []) {
      const d = indegree.get(next)! - 1;
      indegree.set(next, d);
      if (d === 0) queue.push(next);
    }
  }
  const cyclic = new Set(nodes.filter((n) => indegree.get(n.id)! > 0).map((n) => n.id));
  return { order: [...order, ...cyclic], cyclic };
}

/** Name one cycle among the unordered nodes, e.g. `Conv2D → Dense → Conv2D`; '' when there is none. */
export function describeCycle(cyclic: ReadonlySet<string>, incoming: ReadonlyMap<string, readonly { source: string }[]>, byId: ReadonlyMap<string, GraphNode>): string {
  const start = cyclic.values().next().value;
  if (start === undefined) return '';
  // Walk backwards through cyclic predecessors until a node repeats: that loop is a cycle.
  const seen: string[] = [];
  let at: string | undefined = start;
  while (at !== undefined && !seen.includes(at)) {
    seen.push(at);
    at = (incoming.get(at) ?? []).map((e) => e.source).find((s) => cyclic.has(s));
  }
  const loop = (at === undefined ? seen : seen.slice(seen.indexOf(at))).reverse();
  // Start the story where the walk started, so it reads in the direction data flows.
  const from = Math.max(0, loop.indexOf(start));
  const names = [...loop.slice(from), ...loop.slice(0, from)].map((id) => byId.get(id)!.label ?? byId.get(id)!.kind);
  return [...names, names[0]].join(' → ');
}

/** The edges of a graph as adjacency lists (edges to missing nodes are left out). */
export function adjacency(graph: Graph) {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const incoming = new Map<string, { source: string; port: number }[]>();
  const outgoing = new Map<string, string[]>();
  const push = <T>(map: Map<string, T[]>, key: string, value: T) => {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  };
  for (const e of graph.edges) {
    if (!byId.has(e.source) || !byId.has(e.target)) continue;
    push(incoming, e.target, { source: e.source, port: e.targetPort });
    push(outgoing, e.source, e.target);
  }
  return { byId, incoming, outgoing };
}

/** One cycle of the graph in words (`A → B → A`), or undefined when data flows one way. */
export function findCycle(graph: Graph): string | undefined {
  const { byId, incoming, outgoing } = adjacency(graph);
  const { cyclic } = topoSort(graph.nodes, incoming, outgoing);
  return cyclic.size > 0 ? describeCycle(cyclic, incoming, byId) : undefined;
}

/** True when an edge `source → target` would close a cycle: `target` already reaches `source`. */
export function wouldCycle(graph: Graph, source: string, target: string): boolean {
  if (source === target) return true;
  const { outgoing } = adjacency(graph);
  const seen = new Set([target]);
  const stack = [target];
  while (stack.length > 0) {
    for (const next of outgoing.get(stack.pop()!) ?? []) {
      if (next === source) return true;
      if (!seen.has(next)) {
        seen.add(next);
        stack.push(next);
      }
    }
  }
  return false;
}
