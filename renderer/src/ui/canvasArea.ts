/**
 * The canvas's free area: the part of the visible canvas that no overlay covers (the tool strip
 * and problems list, the zoom buttons, the overview, an opened block's breadcrumb). Fitting the
 * view keeps the graph in it, and a layer added without a pointer (paste, quick add, the
 * palette's Enter) lands in it. The geometry is pure (`clearPadding`, `clearSpot`); `canvasArea`
 * reads the overlays' boxes from the page.
 */
import type { XY } from '../../../shared/document/edits';
import { NODE_HALF } from './dnd';

export interface Rect extends XY {
  width: number;
  height: number;
}

export interface Padding {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** What lies over the canvas and must not hide a layer. */
const OVERLAYS = '.canvas-panel, .react-flow__controls, .overview, .breadcrumb, .react-flow__attribution';
/** Room kept between the graph and the canvas's edges or an overlay, in screen pixels. */
export const CLEARANCE = 12;

const overlaps = (a: Rect, b: Rect) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const grown = (r: Rect, by: number): Rect => ({ x: r.x - by, y: r.y - by, width: r.width + 2 * by, height: r.height + 2 * by });

/**
 * The padding that keeps a fitted graph of `bounds` (its size on the canvas, in canvas units)
 * clear of `obstacles` (boxes in a `pane` of screen pixels, from its top-left corner): each
 * obstacle is kept out by one of its sides, and of all the ways to choose those sides the one
 * that shows the most of the graph wins: the largest zoom while the whole graph fits (within
 * `zoom`'s limits), the most of it in view when it does not (then the larger free area).
 * `clearPadding({ width: 800, height: 600 }, [{ x: 0, y: 0, width: 300, height: 40 }], { width: 500, height: 100 })`
 * → top 52 (below the strip), the other sides 12.
 */
export function clearPadding(
  pane: { width: number; height: number },
  obstacles: readonly Rect[],
  bounds: { width: number; height: number },
  zoom: { min?: number; max?: number } = {},
  clearance = CLEARANCE,
): Padding {
  const inside = obstacles.filter((o) => o.width > 0 && o.height > 0 && overlaps(o, { x: 0, y: 0, width: pane.width, height: pane.height }));
  const [bw, bh] = [Math.max(bounds.width, 1), Math.max(bounds.height, 1)];
  let best: { shown: number; area: number; region: Padding } | undefined;
  const choices = 4 ** inside.length;
  for (let choice = 0; choice < choices; choice++) {
    // The free region, as its edges: left, top, right, bottom.
    let [left, top, right, bottom] = [clearance, clearance, pane.width - clearance, pane.height - clearance];
    let c = choice;
    for (const o of inside) {
      const side = c % 4;
      c = Math.floor(c / 4);
      if (side === 0) top = Math.max(top, o.y + o.height + clearance);
      else if (side === 1) bottom = Math.min(bottom, o.y - clearance);
      else if (side === 2) left = Math.max(left, o.x + o.width + clearance);
      else right = Math.min(right, o.x - clearance);
    }
    const [w, h] = [right - left, bottom - top];
    if (w <= 0 || h <= 0) continue;
    // How much of the graph, in screen pixels, the region shows at the zoom a fit there gets.
    const k = Math.min(zoom.max ?? Infinity, Math.max(zoom.min ?? 0, Math.min(w / bw, h / bh)));
    const shown = Math.min(w, bw * k) * Math.min(h, bh * k);
    if (!best || shown > best.shown * (1 + 1e-9) || (shown >= best.shown * (1 - 1e-9) && w * h > best.area)) {
      best = { shown, area: w * h, region: { top, right: pane.width - right, bottom: pane.height - bottom, left } };
    }
  }
  return best?.region ?? { top: clearance, right: clearance, bottom: clearance, left: clearance };
}

/**
 * Where a box of `size` asked for at `at` (its top-left corner, screen pixels) goes instead, so
 * that it lies inside `pane` and under none of `obstacles`: the nearest such place, or inside
 * the pane at least.
 */
export function clearSpot(at: XY, size: { width: number; height: number }, pane: Rect, obstacles: readonly Rect[], clearance = CLEARANCE): XY {
  const clamp = (p: XY): XY => ({
    x: Math.max(pane.x + clearance, Math.min(p.x, pane.x + pane.width - size.width - clearance)),
    y: Math.max(pane.y + clearance, Math.min(p.y, pane.y + pane.height - size.height - clearance)),
  });
  const free = (p: XY) => !obstacles.some((o) => overlaps(grown(o, clearance - 1), { ...p, ...size }));
  const start = clamp(at);
  if (free(start)) return start;
  const candidates = obstacles.flatMap((o) => [
    { x: start.x, y: o.y + o.height + clearance },
    { x: start.x, y: o.y - size.height - clearance },
    { x: o.x + o.width + clearance, y: start.y },
    { x: o.x - size.width - clearance, y: start.y },
  ]);
  const distance = (p: XY) => Math.hypot(p.x - start.x, p.y - start.y);
  const fits = candidates.map(clamp).filter(free);
  fits.sort((a, b) => distance(a) - distance(b));
  return fits[0] ?? start;
}

/** The visible canvas (React Flow's pane) and its overlays, in window pixels; undefined before it is drawn. */
export function canvasArea(): { pane: Rect; obstacles: Rect[] } | undefined {
  const canvas = document.querySelector('.canvas');
  const flow = canvas?.querySelector('.react-flow');
  if (!canvas || !flow) return undefined;
  const box = flow.getBoundingClientRect();
  if (box.width === 0 || box.height === 0) return undefined;
  const obstacles = [...canvas.querySelectorAll(OVERLAYS)]
    .map((el) => el.getBoundingClientRect())
    .filter((r) => r.width > 0 && r.height > 0)
    .map((r) => ({ x: r.x, y: r.y, width: r.width, height: r.height }));
  return { pane: { x: box.x, y: box.y, width: box.width, height: box.height }, obstacles };
}

/**
 * Where a layer centred at window point `p` should be centred instead, so that it lies in the
 * canvas's free area (p itself when the canvas is not drawn).
 */
export function clearCentre(p: XY): XY {
  const area = canvasArea();
  if (!area) return p;
  const size = { width: NODE_HALF.x * 2, height: NODE_HALF.y * 2 };
  const spot = clearSpot({ x: p.x - NODE_HALF.x, y: p.y - NODE_HALF.y }, size, area.pane, area.obstacles);
  return { x: spot.x + NODE_HALF.x, y: spot.y + NODE_HALF.y };
}
