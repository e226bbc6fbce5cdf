/** Where the overview draws each layer, and how the graph fits into it. Pure. */
import type { GraphNode } from '../../../shared/graph/schema';
import type { CanvasView } from '../store/flowChanges';
import { NODE_HALF } from '../ui/dnd';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A scale `k` and the canvas point (x, y) drawn at the overview's top-left corner. */
export interface Fit {
  k: number;
  x: number;
  y: number;
}

/** Each node's box on the canvas where the document puts it, with its measured size, else a typical one. */
export function overviewBoxes(nodes: readonly GraphNode[], measured: CanvasView['measured']): Map<string, Box> {
  const out = new Map<string, Box>();
  for (const n of nodes) {
    const size = measured[n.id];
    out.set(n.id, { x: n.position.x, y: n.position.y, width: size?.width ?? NODE_HALF.x * 2, height: size?.height ?? NODE_HALF.y * 2 });
  }
  return out;
}

/**
 * Whether two node lists draw the same overview: the same layers, kinds and positions, in order
 * (parameters may differ: an edit of a layer's size repaints nothing).
 */
export function sameLayout(a: readonly GraphNode[], b: readonly GraphNode[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const [p, q] = [a[i]!, b[i]!];
    if (p !== q && (p.id !== q.id || p.kind !== q.kind || p.position.x !== q.position.x || p.position.y !== q.position.y)) return false;
  }
  return true;
}

/** The boxes of the nodes being dragged, where they are now: `draggedBoxes(boxes, { c1: { x: 5, y: 7 } })`. */
export function draggedBoxes(boxes: ReadonlyMap<string, Box>, dragging: CanvasView['dragging']): Map<string, Box> {
  const out = new Map<string, Box>();
  for (const [id, at] of Object.entries(dragging)) {
    const box = boxes.get(id);
    if (box) out.set(id, { ...box, x: at.x, y: at.y });
  }
  return out;
}

/** The box around `boxes` (and `extra`, when given); undefined for none. */
export function boundsOf(boxes: Iterable<Box>, extra?: Box): Box | undefined {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const b of extra ? [...boxes, extra] : boxes) {
    minX = Math.min(minX, b.x);
    minY = Math.min(minY, b.y);
    maxX = Math.max(maxX, b.x + b.width);
    maxY = Math.max(maxY, b.y + b.height);
  }
  return minX === Infinity ? undefined : { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}

/**
 * The fit of `bounds` into a `width`×`height` overview, centred, with a 5 % margin:
 * `fitInto({ x: 0, y: 0, width: 1000, height: 500 }, 110, 110)` → `{ k: 0.1, x: -50, y: -300 }`.
 */
export function fitInto(bounds: Box, width: number, height: number): Fit {
  const w = bounds.width * 1.1 || 1;
  const h = bounds.height * 1.1 || 1;
  const k = Math.min(width / w, height / h);
  return { k, x: bounds.x + bounds.width / 2 - width / k / 2, y: bounds.y + bounds.height / 2 - height / k / 2 };
}
