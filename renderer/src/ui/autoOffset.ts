/**
 * Auto-offset, as Blender's node editor does it: a layer inserted into a connection (a fix's
 * "Insert Flatten", a layer dropped onto a connection, quick add on one) gets room. Set below
 * the line (where a fix puts it), it moves into the line after the layer that feeds it; and
 * the layers downstream of it, past that layer along the flow, move on by as much as it needs. The
 * arithmetic is pure (`findInsertion`, `autoOffset`); `watchInsertions` applies it to the
 * store, in the same undo step as the insertion.
 */
import type { XY } from '../../../shared/document/edits';
import { moveNodes } from '../../../shared/document/edits';
import { inScope, scopeGraph } from '../../../shared/document/scope';
import type { Graph } from '../../../shared/graph/schema';
import { useApp } from '../store/store';
import { NODE_HALF } from './dnd';

export interface Box extends XY {
  width: number;
  height: number;
}

/** A node `node` put into the connection `source` → `target`. */
export interface Insertion {
  node: string;
  source: string;
  target: string;
}

/** Room left between an inserted layer and its neighbours along the flow, in canvas pixels. */
export const OFFSET_GAP = 40;
/** How far off the line between its neighbours an inserted layer may sit and still count as in it. */
const LINE_SLACK = 16;

/**
 * The insertion that turned `before` into `after`, if it is one: exactly one new node, and a
 * connection A → B of `before` replaced by A → new and new → B.
 */
export function findInsertion(before: Graph, after: Graph): Insertion | undefined {
  if (after.nodes.length !== before.nodes.length + 1 || after.edges.length !== before.edges.length + 1) return undefined;
  const had = new Set(before.nodes.map((n) => n.id));
  const added = after.nodes.filter((n) => !had.has(n.id));
  if (added.length !== 1) return undefined;
  const node = added[0]!.id;
  const into = after.edges.find((e) => e.target === node);
  const out = after.edges.find((e) => e.source === node);
  if (!into || !out) return undefined;
  const replaced = before.edges.some((e) => e.source === into.source && e.target === out.target && e.targetPort === out.targetPort);
  const gone = !after.edges.some((e) => e.source === into.source && e.target === out.target && e.targetPort === out.targetPort);
  return replaced && gone ? { node, source: into.source, target: out.target } : undefined;
}

/**
 * Where the inserted layer and the layers downstream of it go (only those that move):
 * `autoOffset(graph, { node: 'f', source: 'in', target: 'd' }, boxOf, 'RIGHT')`.
 */
export function autoOffset(graph: Graph, ins: Insertion, boxOf: (id: string) => Box, direction: 'RIGHT' | 'DOWN', gap = OFFSET_GAP): Map<string, XY> {
  const down = direction === 'DOWN';
  // Along the flow and across it, so one rule serves both directions.
  const along = (b: Box) => (down ? b.y : b.x);
  const length = (b: Box) => (down ? b.height : b.width);
  const across = (b: Box) => (down ? b.x : b.y);
  const breadth = (b: Box) => (down ? b.width : b.height);
  const at = (a: number, c: number): XY => (down ? { x: c, y: a } : { x: a, y: c });

  const moves = new Map<string, XY>();
  const a = boxOf(ins.source);
  const b = boxOf(ins.target);
  let n = boxOf(ins.node);
  // Off the line between its neighbours (a fix sets it below): into the line, after its source.
  const centre = across(n) + breadth(n) / 2;
  const low = Math.min(across(a), across(b)) - LINE_SLACK;
  const high = Math.max(across(a) + breadth(a), across(b) + breadth(b)) + LINE_SLACK;
  if (centre < low || centre > high) {
    const p = at(along(a) + length(a) + gap, across(a) + (breadth(a) - breadth(n)) / 2);
    moves.set(ins.node, p);
    n = { ...n, ...p };
  }
  // The target is further along than the source (not at the start of the next row of a folded
  // layout): push it, and everything downstream of it that lies past the source, on.
  if (along(b) <= along(a)) return moves;
  const shift = along(n) + length(n) + gap - along(b);
  if (shift <= 0) return moves;
  const outgoing = new Map<string, string[]>();
  for (const e of graph.edges) outgoing.set(e.source, [...(outgoing.get(e.source) ?? []), e.target]);
  const seen = new Set([ins.node, ins.source]);
  const queue = [ins.target];
  while (queue.length) {
    const id = queue.shift()!;
    if (seen.has(id)) continue;
    seen.add(id);
    const box = boxOf(id);
    if (along(box) > along(a)) moves.set(id, at(along(box) + shift, across(box)));
    queue.push(...(outgoing.get(id) ?? []));
  }
  return moves;
}

/** A layer React Flow has not measured yet is about this big. */
const SOME_NODE = { width: NODE_HALF.x * 2, height: NODE_HALF.y * 2 };

/** True while `offset` moves layers: the watcher does not take that change for the user's. */
let applying = false;

/** Apply auto-offset for `ins` to the graph on the canvas now, without a step of its own in the undo history. */
function offset(ins: Insertion): void {
  const s = useApp.getState();
  const graph = scopeGraph(s.doc, s.scope);
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  if (!byId.has(ins.node) || !byId.has(ins.source) || !byId.has(ins.target)) return;
  const boxOf = (id: string): Box => ({ ...byId.get(id)!.position, ...(s.view.measured[id] ?? SOME_NODE) });
  const moves = autoOffset(graph, ins, boxOf, s.direction);
  if (moves.size === 0) return;
  const history = useApp.temporal.getState();
  history.pause();
  applying = true;
  try {
    useApp.setState((state) => inScope(state, (doc) => ({ doc: moveNodes(doc, moves) })));
  } finally {
    applying = false;
    history.resume();
  }
}

/**
 * Watch the store for insertions and make room for each (again once React Flow has measured
 * the new layer, which may be wider than the guess). The moves join the insertion's undo step:
 * undo takes both back, redo brings both. Returns the unsubscribe function.
 */
export function watchInsertions(): () => void {
  let waiting: Insertion | undefined;
  return useApp.subscribe((s, prev) => {
    if (applying) return;
    if (s.loadId !== prev.loadId || s.scope !== prev.scope) {
      waiting = undefined;
      return;
    }
    const graph = scopeGraph(s.doc, s.scope);
    const before = scopeGraph(prev.doc, prev.scope);
    const ins = graph === before ? undefined : findInsertion(before, graph);
    // Any other edit ends the wait: the layout is the user's again.
    if (graph !== before && !ins) waiting = undefined;
    const measured = waiting && s.view.measured !== prev.view.measured && s.view.measured[waiting.node] ? waiting : undefined;
    const next = ins ?? measured;
    if (!next) return;
    waiting = ins && !s.view.measured[ins.node] ? ins : undefined;
    // After every other listener has seen this change, as one more change of its own.
    queueMicrotask(() => {
      if (useApp.getState().doc === s.doc) offset(next);
    });
  });
}
