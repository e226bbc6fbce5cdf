/**
 * The canvas's free area (ui/canvasArea.ts): a fit keeps the graph clear of every overlay, in
 * the part of the canvas that shows it largest; a layer put under an overlay moves beside it.
 */
import { describe, expect, it } from 'vitest';
import { CLEARANCE, clearPadding, clearSpot, type Rect } from '../../../renderer/src/ui/canvasArea';

const pane = { width: 900, height: 500 };
/** The tool strip (top left), the zoom buttons (bottom left) and the overview (bottom right). */
const strip: Rect = { x: 15, y: 15, width: 220, height: 30 };
const zoom: Rect = { x: 15, y: 380, width: 26, height: 105 };
const overview: Rect = { x: 705, y: 375, width: 180, height: 110 };

/** The free region a padding leaves, as a box in the pane. */
const regionOf = (p: { top: number; right: number; bottom: number; left: number }): Rect => ({ x: p.left, y: p.top, width: pane.width - p.left - p.right, height: pane.height - p.top - p.bottom });
const overlaps = (a: Rect, b: Rect) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('the fit’s padding', () => {
  it('with no overlays is the clearance all round', () => {
    expect(clearPadding(pane, [], { width: 100, height: 100 })).toEqual({ top: CLEARANCE, right: CLEARANCE, bottom: CLEARANCE, left: CLEARANCE });
  });

  it('keeps a wide, flat graph below the tool strip and above the bottom overlays', () => {
    const p = clearPadding(pane, [strip, zoom, overview], { width: 2000, height: 200 });
    expect(p.top).toBe(strip.y + strip.height + CLEARANCE);
    expect(p.bottom).toBe(pane.height - overview.y + CLEARANCE);
    expect([p.left, p.right]).toEqual([CLEARANCE, CLEARANCE]);
  });

  it('keeps a tall, narrow graph beside the overlays, the whole height of the canvas', () => {
    const p = clearPadding(pane, [strip, zoom, overview], { width: 200, height: 2000 });
    expect(p.left).toBe(strip.x + strip.width + CLEARANCE);
    expect(p.right).toBe(pane.width - overview.x + CLEARANCE);
    expect([p.top, p.bottom]).toEqual([CLEARANCE, CLEARANCE]);
  });

  it('never leaves an overlay inside the region, whatever the graph’s shape', () => {
    for (const bounds of [
      { width: 1, height: 1 },
      { width: 600, height: 400 },
      { width: 5000, height: 50 },
      { width: 50, height: 5000 },
    ]) {
      const region = regionOf(clearPadding(pane, [strip, zoom, overview], bounds));
      for (const o of [strip, zoom, overview]) expect(overlaps(region, o)).toBe(false);
    }
  });

  it('for a graph too big to fit at the smallest zoom, shows the most of it', () => {
    // At zoom 1 the graph is wider and taller than any free part: the largest part wins.
    const p = clearPadding(pane, [strip, zoom, overview], { width: 3000, height: 3000 }, { min: 1, max: 1 });
    const region = regionOf(p);
    expect(region.width * region.height).toBeGreaterThan(0.6 * pane.width * pane.height);
    for (const o of [strip, zoom, overview]) expect(overlaps(region, o)).toBe(false);
  });

  it('ignores overlays outside the pane or of no size', () => {
    expect(clearPadding(pane, [{ x: 2000, y: 0, width: 50, height: 50 }, { ...strip, width: 0 }], { width: 100, height: 100 }).top).toBe(CLEARANCE);
  });
});

describe('a spot clear of the overlays', () => {
  const area: Rect = { x: 200, y: 100, ...pane };
  const moved = (r: Rect) => ({ ...r, x: r.x + area.x, y: r.y + area.y });
  const size = { width: 160, height: 44 };

  it('is the spot asked for when it is free', () => {
    expect(clearSpot({ x: 500, y: 300 }, size, area, [moved(strip), moved(overview)])).toEqual({ x: 500, y: 300 });
  });

  it('moves a layer from under the overview to the nearest free place beside it', () => {
    const at = clearSpot({ x: area.x + 760, y: area.y + 400 }, size, area, [moved(overview)]);
    const box = { ...at, ...size };
    expect(overlaps(box, moved(overview))).toBe(false);
    expect(at.y).toBe(area.y + overview.y - size.height - CLEARANCE);
  });

  it('brings a spot outside the canvas inside it', () => {
    const at = clearSpot({ x: 0, y: 0 }, size, area, []);
    expect(at).toEqual({ x: area.x + CLEARANCE, y: area.y + CLEARANCE });
  });
});
