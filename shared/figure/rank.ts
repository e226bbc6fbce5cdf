/**
 * The figure's graph in layers (a Sugiyama layering): each node gets a rank (how many layers
 * precede it on the longest path from an input) and a slot within its rank; an edge that skips
 * ranks passes through a placeholder in each rank between, so that every piece of every edge
 * joins neighbouring ranks and runs where no box is. Slots are ordered to cross few edges.
 */
import type { GraphEdge, GraphNode } from '../graph/schema';

/** One edge as drawn: the nodes it passes, from its drawn source to its drawn target. */
export interface Chain {
  edge: GraphEdge;
  /** Real node ids at both ends, placeholder ids between. */
  ids: string[];
  /** The edge closes a cycle, so it is drawn against the flow (its arrow at the start). */
  reversed: boolean;
}

export interface Ranked {
  /** Per rank, the ids in it in slot order (real nodes and placeholders). */
  ranks: string[][];
  rank: ReadonlyMap<string, number>;
  slot: ReadonlyMap<string, number>;
  /** Placeholder ids (edges passing through a rank). */
  through: ReadonlySet<string>;
  chains: Chain[];
}

/** Above this many placeholders and nodes, the crossing count is not worth its quadratic cost. */
const COUNT_LIMIT = 4000;
const SWEEPS = 8;

/** `rankGraph(nodes, edges)`: nodes in their document order, edges between them only. */
export function rankGraph(nodes: readonly GraphNode[], edges: readonly GraphEdge[]): Ranked {
  const index = new Map(nodes.map((n, i) => [n.id, i]));
  const out = new Map<string, GraphEdge[]>(nodes.map((n) => [n.id, []]));
  for (const e of edges) if (e.source !== e.target) out.get(e.source)?.push(e);

  // Edges that close a cycle (a depth-first search meets a node still on its stack) are reversed.
  const backEdges = new Set<GraphEdge>();
  const state = new Map<string, 1 | 2>();
  for (const root of nodes) {
    if (state.has(root.id)) continue;
    const stack: [string, number][] = [[root.id, 0]];
    state.set(root.id, 1);
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const next = out.get(top[0])![top[1]++];
      if (!next) {
        state.set(top[0], 2);
        stack.pop();
      } else if (state.get(next.target) === 1) backEdges.add(next);
      else if (!state.has(next.target)) {
        state.set(next.target, 1);
        stack.push([next.target, 0]);
      }
    }
  }
  const flows = edges.filter((e) => e.source !== e.target && index.has(e.source) && index.has(e.target));
  const ends = (e: GraphEdge) => (backEdges.has(e) ? [e.target, e.source] : [e.source, e.target]) as [string, string];

  // Longest path from a source, in topological order (Kahn).
  const succ = new Map<string, string[]>(nodes.map((n) => [n.id, []]));
  const indegree = new Map<string, number>(nodes.map((n) => [n.id, 0]));
  for (const e of flows) {
    const [s, t] = ends(e);
    succ.get(s)!.push(t);
    indegree.set(t, indegree.get(t)! + 1);
  }
  const rank = new Map<string, number>(nodes.map((n) => [n.id, 0]));
  const queue = nodes.filter((n) => indegree.get(n.id) === 0).map((n) => n.id);
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i]!;
    for (const t of succ.get(id)!) {
      rank.set(t, Math.max(rank.get(t)!, rank.get(id)! + 1));
      indegree.set(t, indegree.get(t)! - 1);
      if (indegree.get(t) === 0) queue.push(t);
    }
  }
  // A second input sits just before the first layer that takes it, not at the far left.
  const hasInput = new Set(flows.map((e) => ends(e)[1]));
  for (const n of nodes) {
    const next = succ.get(n.id)!;
    if (!hasInput.has(n.id) && next.length > 0) rank.set(n.id, Math.min(...next.map((t) => rank.get(t)!)) - 1);
  }

  const through = new Set<string>();
  const ranks: string[][] = Array.from({ length: Math.max(0, ...rank.values()) + 1 }, () => []);
  // First order: as the nodes lie on the canvas (top to bottom, left to right), placeholders after.
  const canvas = [...nodes].sort((a, b) => a.position.y - b.position.y || a.position.x - b.position.x || index.get(a.id)! - index.get(b.id)!);
  for (const n of canvas) ranks[rank.get(n.id)!]!.push(n.id);
  const chains: Chain[] = flows.map((edge, i) => {
    const [s, t] = ends(edge);
    const ids = [s];
    for (let r = rank.get(s)! + 1; r < rank.get(t)!; r++) {
      const id = `\u0000${i}:${r}`;
      through.add(id);
      rank.set(id, r);
      ranks[r]!.push(id);
      ids.push(id);
    }
    ids.push(t);
    return { edge, ids, reversed: backEdges.has(edge) };
  });

  const up = new Map<string, string[]>();
  const down = new Map<string, string[]>();
  for (const c of chains)
    for (let i = 1; i < c.ids.length; i++) {
      const [a, b] = [c.ids[i - 1]!, c.ids[i]!];
      if (!down.has(a)) down.set(a, []);
      if (!up.has(b)) up.set(b, []);
      down.get(a)!.push(b);
      up.get(b)!.push(a);
    }
  const slot = new Map<string, number>();
  const number = (rs: string[][]) => rs.forEach((ids) => ids.forEach((id, i) => slot.set(id, i)));
  number(ranks);

  // Barycentre sweeps, down and up, keeping the order with the fewest crossings.
  const crossings = () => {
    let n = 0;
    for (let r = 0; r + 1 < ranks.length; r++) {
      const pairs = ranks[r]!.flatMap((a) => (down.get(a) ?? []).map((b) => [slot.get(a)!, slot.get(b)!] as const));
      for (let i = 0; i < pairs.length; i++) for (let j = i + 1; j < pairs.length; j++) if ((pairs[i]![0] - pairs[j]![0]) * (pairs[i]![1] - pairs[j]![1]) < 0) n++;
    }
    return n;
  };
  const size = slot.size;
  if (size <= COUNT_LIMIT && ranks.length > 1) {
    let best = ranks.map((ids) => [...ids]);
    let fewest = crossings();
    for (let sweep = 0; sweep < SWEEPS && fewest > 0; sweep++) {
      const downward = sweep % 2 === 0;
      const order = downward ? ranks.map((_, r) => r).slice(1) : ranks.map((_, r) => r).reverse().slice(1);
      for (const r of order) {
        const neighbours = downward ? up : down;
        const key = (id: string) => {
          const ns = neighbours.get(id);
          return ns && ns.length > 0 ? ns.reduce((sum, n) => sum + slot.get(n)!, 0) / ns.length : slot.get(id)!;
        };
        const keys = new Map(ranks[r]!.map((id) => [id, key(id)]));
        ranks[r]!.sort((a, b) => keys.get(a)! - keys.get(b)! || slot.get(a)! - slot.get(b)!);
        ranks[r]!.forEach((id, i) => slot.set(id, i));
      }
      const n = crossings();
      if (n < fewest) {
        fewest = n;
        best = ranks.map((ids) => [...ids]);
      }
    }
    ranks.splice(0, ranks.length, ...best);
    number(ranks);
  }
  return { ranks, rank, slot, through, chains };
}
