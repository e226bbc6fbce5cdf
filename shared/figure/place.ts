/**
 * Where the figure's boxes, edges and edge labels go, in one of two layouts:
 * - rows: ranks left to right, wrapping onto the next row as text does; an edge from the end of
 *   a row goes right into the margin, down between the rows, across, down the left margin and
 *   into its target, all inside the picture;
 * - column: ranks top to bottom (as Netron draws a network), the tensor's shape beside each
 *   edge where it leaves its layer.
 * Edges run orthogonally through the gaps between boxes (never through a box); where an edge
 * changes lane it turns on a track of its own, so no two edges share a line unless they carry
 * the same tensor.
 */
import type { Chain, Ranked } from './rank';

export type Point = readonly [number, number];

export interface Placed {
  width: number;
  height: number;
  /** Top-left corner of each real node's box. */
  boxes: Map<string, Point>;
  paths: { chain: Chain; points: Point[] }[];
  labels: { x: number; y: number; text: string; anchor: 'start' | 'middle' }[];
}

export interface Sizes {
  /** Box width and height. */
  W: number;
  H: number;
  /** The label on each chain that carries one (one per layer's output). */
  labels: ReadonlyMap<Chain, string>;
  labelWidth: (text: string) => number;
}

/** Margin around the picture. */
export const PAD = 24;
/** Between the lanes of a row, and the height of a lane that only edges pass. */
const LANE_GAP = 24;
const TRACK_H = 12;
/** Edges wrapping to the next row: first track's distance from the boxes, tracks' spacing. */
const SIDE = 14;
const SIDE_STEP = 8;
/** Between rows: first line's depth, lines' spacing (each has its label above it), bottom. */
const LINE0 = 20;
const LINE_STEP = 16;
const BELOW = 14;
/** Least gap between columns; least straight run into an arrowhead. */
const GAP = 56;
const RUN = 14;
/** Column layout: width of a slot only edges pass, gap between slots, label zone under a box, track spacing. */
const TRACK_W = 12;
const SLOT_GAP = 32;
const LABEL_ZONE = 20;
const STEP = 10;

interface Segment {
  chain: Chain;
  from: string;
  to: string;
  /** Set once known: where it leaves `from` and enters `to` across the flow (y in rows, x in a column). */
  start: number;
  end: number;
  track?: number;
}

/** Add `item` to the list under `key` (copying the list instead makes a crowded key quadratic). */
function push<K, V>(lists: Map<K, V[]>, key: K, item: V) {
  const list = lists.get(key);
  if (list) list.push(item);
  else lists.set(key, [item]);
}

/** The slots where at least one of `ranks` has a box (not only edges passing). */
function slotsWithBoxes(ranks: readonly string[][], real: (id: string) => boolean): Set<number> {
  const slots = new Set<number>();
  for (const ids of ranks)
    ids.forEach((id, s) => {
      if (real(id)) slots.add(s);
    });
  return slots;
}

/** Per chain, its segments (neighbouring ranks each). */
function segmentsOf(g: Ranked): Segment[][] {
  return g.chains.map((chain) => chain.ids.slice(1).map((to, i) => ({ chain, from: chain.ids[i]!, to, start: 0, end: 0 })));
}

/**
 * Spread the segments entering each real node along its side (`lo`..`lo + size`), in the order
 * of where they come from, so that they do not cross on the way in. An entry in line with where
 * another edge of the same gap leaves its node moves half a step aside, so that the two do not
 * read as one line.
 */
function spreadEntries(segs: Segment[], real: (id: string) => boolean, lo: (id: string) => number, size: number, centre: (id: string) => number, gap: (s: Segment) => number) {
  const into = new Map<string, Segment[]>();
  for (const s of segs) {
    if (!real(s.to)) s.end = centre(s.to);
    else push(into, s.to, s);
  }
  for (const [id, list] of into) {
    list.sort((a, b) => a.start - b.start);
    list.forEach((s, i) => (s.end = Math.round(lo(id) + (size * (i + 1)) / (list.length + 1))));
  }
  // The segments of each gap by where they leave their node, so an entry finds those in line at once.
  const leaving = new Map<string, Segment[]>();
  for (const s of segs) push(leaving, `${gap(s)}:${s.start}`, s);
  for (const list of into.values())
    for (const s of list) {
      if ((leaving.get(`${gap(s)}:${s.end}`) ?? []).some((t) => t !== s && t.end !== t.start)) s.end += Math.round(size / (list.length + 1) / 2);
    }
}

/**
 * Give each turning segment in one gap a track, so that turns whose spans overlap do not share a
 * line (segments from the same node may: they carry the same tensor). → the number of tracks.
 */
function assignTracks(segs: Segment[]): number {
  const turning = segs.filter((s) => s.start !== s.end);
  const groups = new Map<string, Segment[]>();
  for (const s of turning) push(groups, s.from, s);
  const spans = [...groups.values()].map((list) => ({ list, lo: Math.min(...list.flatMap((s) => [s.start, s.end])), hi: Math.max(...list.flatMap((s) => [s.start, s.end])) }));
  spans.sort((a, b) => a.lo - b.lo || a.hi - b.hi);
  const ends: number[] = [];
  for (const span of spans) {
    let t = ends.findIndex((end) => end < span.lo);
    if (t < 0) t = ends.push(span.hi) - 1;
    else ends[t] = span.hi;
    for (const s of span.list) s.track = t;
  }
  return ends.length;
}

/** Columns per row for a graph of `ranks` ranks: a picture about four times as wide as it is tall. */
export function perRowFor(ranks: number, columnWidth: number, rowHeight: number): number {
  const rows = Math.min(ranks, Math.max(1, Math.round(Math.sqrt((ranks * columnWidth) / (4 * rowHeight)))));
  return Math.ceil(ranks / rows);
}

export function placeRows(g: Ranked, { W, H, labels, labelWidth }: Sizes): Placed {
  const R = g.ranks.length;
  const real = (id: string) => !g.through.has(id);
  const mostLanes = Math.max(1, ...g.ranks.map((ids) => ids.filter(real).length));
  const P = perRowFor(R, W + GAP + 24, mostLanes * (H + LANE_GAP) + LINE0 + BELOW);
  const rows = Math.ceil(R / P);
  const col = (id: string) => g.rank.get(id)! % P;
  const row = (id: string) => Math.floor(g.rank.get(id)! / P);
  const chains = segmentsOf(g);
  const segs = chains.flat();
  const wraps = Array.from({ length: rows }, (): Segment[] => []);
  for (const s of segs) if (row(s.to) !== row(s.from)) wraps[row(s.from)]!.push(s);

  // Vertically: lanes of each row (a lane with no box is a thin track), the wrapping edges' lines between rows.
  const laneTop: number[][] = [];
  const laneHeight: number[][] = [];
  const rowBottom: number[] = [];
  let y = PAD;
  for (let i = 0; i < rows; i++) {
    const inRow = g.ranks.slice(i * P, (i + 1) * P);
    const lanes = Math.max(...inRow.map((ids) => ids.length));
    const boxed = slotsWithBoxes(inRow, real);
    laneTop.push([]);
    laneHeight.push([]);
    for (let s = 0; s < lanes; s++) {
      const h = boxed.has(s) ? H : TRACK_H;
      laneTop[i]!.push(y);
      laneHeight[i]!.push(h);
      y += h + (s + 1 < lanes ? LANE_GAP : 0);
    }
    rowBottom.push(y);
    if (i + 1 < rows) y += wraps[i]!.length > 0 ? LINE0 + LINE_STEP * (wraps[i]!.length - 1) + BELOW : LANE_GAP;
  }
  const height = y + PAD;
  const top = (id: string) => laneTop[row(id)]![g.slot.get(id)!]!;
  const centre = (id: string) => top(id) + Math.round(laneHeight[row(id)]![g.slot.get(id)!]! / 2);
  for (const s of segs) s.start = centre(s.from);
  spreadEntries(segs, real, top, H, centre, (s) => g.rank.get(s.from)!);

  // Wrapping edges: the one from the highest lane takes the outermost track on the right and the
  // lowest line between the rows, so that they do not cross on the way.
  for (const list of wraps) list.sort((a, b) => a.start - b.start || a.end - b.end).forEach((s, j) => (s.track = j));
  const mostWraps = Math.max(0, ...wraps.map((list) => list.length));
  const side = Math.max(PAD, SIDE + SIDE_STEP * (mostWraps - 1) + 12);

  // Horizontally: each gap between columns holds the labels of the layers left of it and the tracks of turning edges.
  const gaps = new Map<string, Segment[]>();
  for (const s of segs) {
    if (row(s.to) !== row(s.from)) continue;
    push(gaps, `${row(s.from)}:${col(s.from)}`, s);
  }
  const tracks = new Map<string, number>();
  for (const [key, list] of gaps) tracks.set(key, assignTracks(list));
  let gap = Math.max(GAP, RUN * (Math.max(0, ...tracks.values()) + 1));
  for (const [chain, text] of labels) {
    const [from, to] = chain.ids;
    if (row(from!) === row(to!)) gap = Math.max(gap, Math.ceil(labelWidth(text)) + 16);
  }
  const x = (c: number) => side + c * (W + gap);
  const width = x(P - 1) + W + side;

  const paths = chains.map((list) => {
    const points: Point[] = [];
    for (const s of list) {
      const c = col(s.from);
      const [x1, x2] = [x(c) + W, x(col(s.to))];
      points.push([x1, s.start]);
      if (row(s.to) !== row(s.from)) {
        const m = wraps[row(s.from)]!.length;
        const j = s.track!;
        const right = x1 + SIDE + SIDE_STEP * (m - 1 - j);
        const line = rowBottom[row(s.from)]! + LINE0 + LINE_STEP * (m - 1 - j);
        const left = x2 - SIDE - SIDE_STEP * j;
        points.push([right, s.start], [right, line], [left, line], [left, s.end]);
      } else if (s.start !== s.end) {
        const n = tracks.get(`${row(s.from)}:${c}`)!;
        const tx = Math.round(x1 + (gap * (s.track! + 1)) / (n + 1));
        points.push([tx, s.start], [tx, s.end]);
      }
      points.push([x2, s.end]);
    }
    return { chain: list[0]!.chain, points };
  });

  const labelsPlaced: Placed['labels'] = [];
  const chainIndex = new Map(g.chains.map((chain, i) => [chain, i]));
  for (const [chain, text] of labels) {
    const s = chains[chainIndex.get(chain)!]![0]!;
    if (row(s.to) !== row(s.from)) {
      const line = paths[chainIndex.get(chain)!]!.points[2]![1];
      labelsPlaced.push({ x: Math.round(width / 2), y: line - 4, text, anchor: 'middle' });
    } else labelsPlaced.push({ x: Math.round(x(col(s.from)) + W + gap / 2), y: s.start - 5, text, anchor: 'middle' });
  }
  const boxes = new Map<string, Point>();
  for (const ids of g.ranks) for (const id of ids) if (real(id)) boxes.set(id, [x(col(id)), top(id)]);
  return { width, height, boxes, paths, labels: labelsPlaced };
}

export function placeColumn(g: Ranked, { W, H, labels, labelWidth }: Sizes): Placed {
  const real = (id: string) => !g.through.has(id);
  const slots = Math.max(...g.ranks.map((ids) => ids.length));
  const widest = Math.max(0, ...[...labels.values()].map(labelWidth));
  // A label starts 5px right of its edge and must clear the next slot's lines.
  const between = Math.max(SLOT_GAP, Math.ceil(widest + 14 - W / 2));
  const slotLeft: number[] = [];
  const slotWidth: number[] = [];
  const boxed = slotsWithBoxes(g.ranks, real);
  let x = PAD;
  for (let s = 0; s < slots; s++) {
    slotLeft.push(x);
    slotWidth.push(boxed.has(s) ? W : TRACK_W);
    x += slotWidth[s]! + (s + 1 < slots ? between : 0);
  }
  const left = (id: string) => slotLeft[g.slot.get(id)!]!;
  const centre = (id: string) => Math.round(left(id) + slotWidth[g.slot.get(id)!]! / 2);
  const chains = segmentsOf(g);
  const segs = chains.flat();
  for (const s of segs) s.start = centre(s.from);
  spreadEntries(segs, real, left, W, centre, (s) => g.rank.get(s.from)!);

  const byRank = g.ranks.map((): Segment[] => []);
  for (const s of segs) byRank[g.rank.get(s.from)!]!.push(s);
  const labelled = new Set([...labels.keys()].map((c) => c.ids[0]!));
  const rankTop: number[] = [];
  const trackCount: number[] = [];
  // Under each rank: room for its labels, if any, then its edges' tracks.
  const zone = g.ranks.map((ids) => (ids.some((id) => labelled.has(id)) ? LABEL_ZONE : 6));
  let y = PAD;
  g.ranks.forEach((_, r) => {
    rankTop.push(y);
    y += H;
    if (r + 1 === g.ranks.length) return;
    trackCount.push(assignTracks(byRank[r]!));
    y += zone[r]! + STEP * trackCount[r]! + RUN;
  });
  const height = y + PAD;
  let width = x + PAD;

  const paths = chains.map((list) => {
    const points: Point[] = [];
    for (const s of list) {
      const bottom = rankTop[g.rank.get(s.from)!]! + H;
      points.push([s.start, bottom]);
      if (s.start !== s.end) {
        const ty = bottom + zone[g.rank.get(s.from)!]! + 5 + STEP * s.track!;
        points.push([s.start, ty], [s.end, ty]);
      }
      points.push([s.end, rankTop[g.rank.get(s.to)!]!]);
    }
    return { chain: list[0]!.chain, points };
  });
  const placedLabels: Placed['labels'] = [];
  for (const [chain, text] of labels) {
    const from = chain.ids[0]!;
    const lx = centre(from) + 5;
    placedLabels.push({ x: lx, y: rankTop[g.rank.get(from)!]! + H + 13, text, anchor: 'start' });
    width = Math.max(width, Math.ceil(lx + labelWidth(text)) + PAD);
  }
  const boxes = new Map<string, Point>();
  for (const ids of g.ranks) for (const id of ids) if (real(id)) boxes.set(id, [left(id), rankTop[g.rank.get(id)!]!]);
  return { width, height, boxes, paths, labels: placedLabels };
}
