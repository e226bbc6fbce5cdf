/** The "Look inside" pane's helpers: the tile under the pointer, captions, layers with maps. */
import { describe, expect, it } from 'vitest';
import { channelCaption, layersWithMaps, tileAt } from '../../../renderer/src/runs/lookInside';

// LeNet-5's C1: 6 tiles of 28×28, 3 to a row, 1 pixel apart (as the engine draws them).
const grid = { png: '', width: 86, height: 57, cols: 3, rows: 2, tileWidth: 28, tileHeight: 28, gap: 1, count: 6 };
const c1 = { name: 'C1', shape: [28, 28, 6], mean: [0.1, 0.25, -0.5, 0, 0, 123.4], max: [0.98, 1, 0.5, 0, 0, 200] };

describe('look inside', () => {
  it('finds the tile under the pointer, and none in a gap or past the last tile', () => {
    expect(tileAt(grid, 0, 0)).toBe(0);
    expect(tileAt(grid, 27, 27)).toBe(0);
    expect(tileAt(grid, 28, 5)).toBeNull(); // the gap
    expect(tileAt(grid, 29, 5)).toBe(1);
    expect(tileAt(grid, 85, 56)).toBe(5);
    expect(tileAt({ ...grid, count: 5 }, 85, 56)).toBeNull();
  });

  it("captions a channel with its index, mean and maximum", () => {
    expect(channelCaption(c1, 1)).toBe('channel 1 · mean 0.250 · max 1.00');
    expect(channelCaption(c1, 5)).toBe('channel 5 · mean 123 · max 200');
  });

  it('offers the layers with maps', () => {
    expect(layersWithMaps([c1, { name: 'F6', shape: [84], mean: [], max: [] }]).map((l) => l.name)).toEqual(['C1']);
  });
});
