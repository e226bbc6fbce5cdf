/**
 * Folding a long left-to-right layout into rows, like lines of text: cut between layers (never
 * through one), at the gaps nearest to equal widths, and stack the rows. How many rows: as many
 * as let the whole graph fit the view at the largest zoom, if that zoom still reads; else rows
 * as wide as the view at a readable zoom, to read down.
 */
import type { XY } from '../../../shared/document/edits';
import type { Size } from './elkGraph';

export interface Box extends XY, Size {}

/** The zoom at which a fitted network still reads (the canvas fits no further out than this). */
export const READABLE_ZOOM = 0.75;
/** The canvas fits a graph with this much room around it (React Flow's fit padding). */
const FIT_PADDING = 1.2;

/**
 * How many rows a layout `size` (one row) should fold into to suit a view of `view` screen pixels,
 * with `rowGap` canvas pixels between rows: `rowsFor({ width: 9000, height: 50 }, { width: 940, height: 560 }, 60)` → 7.
 */
export function rowsFor(size: Size, view: Size, rowGap: number): number {
  const [width, height] = [view.width / FIT_PADDING, view.height / FIT_PADDING];
  // Past full size, a larger zoom shows nothing more.
  const zoomFor = (rows: number) => Math.min(1, width / (size.width / rows), height / (rows * (size.height + rowGap) - rowGap));
  let best = 1;
  for (let r = 2; r <= 64; r++) if (zoomFor(r) > zoomFor(best)) best = r;
  if (zoomFor(best) < READABLE_ZOOM) return Math.max(1, Math.ceil((size.width * READABLE_ZOOM) / width));
  // Fewer, longer rows read better, where they cost little zoom.
  let rows = 1;
  while (zoomFor(rows) < 0.9 * zoomFor(best)) rows++;
  return rows;
}

/** Fold `boxes` (a left-to-right layout) into `rows` rows, `rowGap` apart; returns the new top-left corners. */
export function foldIntoRows(boxes: ReadonlyMap<string, Box>, rows: number, rowGap: number): Map<string, XY> {
  const all = [...boxes.values()];
  const out = new Map<string, XY>();
  if (all.length === 0) return out;
  const left = Math.min(...all.map((b) => b.x));
  const right = Math.max(...all.map((b) => b.x + b.width));
  const cuts = chooseCuts(gaps(all), left, right, rows);
  const rowOf = (b: Box) => cuts.filter((c) => b.x >= c).length;
  const starts = [left, ...cuts];
  const tops: number[] = [];
  const bottoms: number[] = [];
  for (const b of all) {
    const r = rowOf(b);
    tops[r] = Math.min(tops[r] ?? Infinity, b.y);
    bottoms[r] = Math.max(bottoms[r] ?? -Infinity, b.y + b.height);
  }
  // Each row goes below the one before it; a row with no nodes takes no room.
  const offsets: number[] = [];
  let y = 0;
  for (let r = 0; r < starts.length; r++) {
    if (tops[r] === undefined) continue;
    offsets[r] = y - tops[r]!;
    y += bottoms[r]! - tops[r]! + rowGap;
  }
  for (const [id, b] of boxes) {
    const r = rowOf(b);
    out.set(id, { x: Math.round(b.x - starts[r]! + left), y: Math.round(b.y + offsets[r]!) });
  }
  return out;
}

/** Where a vertical line crosses no box: the middle of every empty stretch between layers. */
function gaps(boxes: Box[]): number[] {
  const spans = boxes.map((b) => [b.x, b.x + b.width] as const).sort((a, b) => a[0] - b[0]);
  const out: number[] = [];
  let end = spans[0]![1];
  for (const [from, to] of spans.slice(1)) {
    if (from > end) out.push(from);
    end = Math.max(end, to);
  }
  return out;
}

/** `rows - 1` cut positions among `candidates`, each the nearest to an equal share of the width. */
function chooseCuts(candidates: number[], left: number, right: number, rows: number): number[] {
  const cuts: number[] = [];
  const share = (right - left) / rows;
  for (let k = 1; k < rows; k++) {
    const target = left + k * share;
    let best: number | undefined;
    for (const c of candidates) if (c > (cuts.at(-1) ?? left) && (best === undefined || Math.abs(c - target) < Math.abs(best - target))) best = c;
    if (best !== undefined) cuts.push(best);
  }
  return cuts;
}
