/**
 * The "Look inside" pane's helpers: the tile under the pointer, captions, layers with maps, the
 * Layer list with block instances (closed and opened, nested), and each node's maps for the canvas.
 */
import { describe, expect, it } from 'vitest';
import { channelCaption, layerChoices, layersWithMaps, stripsOf, tileAt } from '../../../renderer/src/runs/lookInside';

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

  // A ResNet-like net: a stem, an instance s1 of a block (conv, relu), an instance s2 whose block
  // holds an instance inner (conv, relu) and an add, then a Dense head.
  const layer = (name: string, node: string, shape: number[]) => ({ name, node, shape, mean: [], max: [] });
  const net = {
    layers: [
      layer('stem', 'stem', [8, 8, 4]),
      layer('s1_conv', 's1/conv', [8, 8, 4]),
      layer('s1_relu', 's1/relu', [8, 8, 4]),
      layer('s2_inner_conv', 's2/inner/conv', [4, 4, 8]),
      layer('s2_inner_relu', 's2/inner/relu', [4, 4, 8]),
      layer('s2_add', 's2/add', [4, 4, 8]),
      layer('head', 'head', [10]),
    ],
    blocks: [
      { node: 's1', label: 'stage1', layer: 's1_relu' },
      { node: 's2', label: 'stage2', layer: 's2_add' },
      { node: 's2/inner', label: 'stage2/inner', layer: 's2_inner_relu' },
    ],
  };

  it('lists a block instance once, by its output, and its inner layers only when it is opened', () => {
    const labels = (open: string[]) => layerChoices(net, new Set(open)).map((c) => `${'  '.repeat(c.depth)}${c.label} → ${c.layer}`);
    expect(labels([])).toEqual(['stem (8×8×4) → stem', 'stage1 (block, 8×8×4) → s1_relu', 'stage2 (block, 4×4×8) → s2_add']);
    expect(labels(['s1'])).toEqual(['stem (8×8×4) → stem', 'stage1 (block, 8×8×4) → s1_relu', '  s1_conv (8×8×4) → s1_conv', '  s1_relu (8×8×4) → s1_relu', 'stage2 (block, 4×4×8) → s2_add']);
    expect(labels(['s2'])).toEqual(['stem (8×8×4) → stem', 'stage1 (block, 8×8×4) → s1_relu', 'stage2 (block, 4×4×8) → s2_add', '  inner (block, 4×4×8) → s2_inner_relu', '  s2_add (4×4×8) → s2_add']);
    expect(labels(['s2', 's2/inner']).slice(3)).toEqual(['  inner (block, 4×4×8) → s2_inner_relu', '    s2_inner_conv (4×4×8) → s2_inner_conv', '    s2_inner_relu (4×4×8) → s2_inner_relu', '  s2_add (4×4×8) → s2_add']);
    expect(layerChoices(net, new Set()).find((c) => c.block === 's2')!.value).toBe('block:s2');
  });

  it("gives each node its maps by node path, and a block instance its output layer's", () => {
    const g = (n: number) => ({ ...grid, png: `data:${n}` });
    const strips = stripsOf({ ...net, maps: [{ layer: 'stem', grid: g(0) }, { layer: 's1_relu', grid: g(1) }, { layer: 's2_add', grid: g(2) }, { layer: 's2_inner_relu', grid: g(3) }] });
    expect(Object.fromEntries(Object.entries(strips).map(([node, s]) => [node, `${s.layer} ${s.shape} ${s.png}`]))).toEqual({
      stem: 'stem 8×8×4 data:0',
      's1/relu': 's1_relu 8×8×4 data:1',
      's2/inner/relu': 's2_inner_relu 4×4×8 data:3',
      's2/add': 's2_add 4×4×8 data:2',
      s1: 's1_relu 8×8×4 data:1',
      s2: 's2_add 4×4×8 data:2',
      's2/inner': 's2_inner_relu 4×4×8 data:3',
    });
    expect(strips.stem).toMatchObject({ width: 86, cols: 3, count: 6, tileWidth: 28, tileHeight: 28, gap: 1 });
  });
});
