/**
 * What the "Look inside" pane shows, as plain functions: which layers have maps, the Layer list
 * (block instances as one entry each, opened to list their inner layers), each node's maps for
 * the canvas's strips, which tile of a grid the pointer is over, and a channel's caption (its
 * index, mean and maximum).
 */
import type { Explanation } from '../../../shared/api';
import { formatShape } from '../../../shared/layers/types';
import type { MapStrip } from '../store/look';

type Layer = Explanation['layers'][number];
type Grid = Explanation['maps'][number]['grid'];

/** Layers whose output is height × width × channels: the ones with maps, and Grad-CAM's choices. */
export const layersWithMaps = (layers: readonly Layer[]): Layer[] => layers.filter((l) => l.shape.length === 3);

/** One entry of the Layer list: a layer (its name is the value), or a block instance (`block:<node path>`) shown by its output layer. */
export interface LayerChoice {
  value: string;
  label: string;
  /** The layer whose maps the entry shows. */
  layer: string;
  /** How many opened instances it sits in. */
  depth: number;
  /** For a block instance, its node path. */
  block?: string;
}

/**
 * The Layer list, in the network's order: layers with maps outside any block, and each block
 * instance once, as `label (block, shape of its output)`; an instance whose node path is in
 * `open` lists its inner layers (and inner instances) under it, one level deeper.
 */
export function layerChoices(e: Pick<Explanation, 'layers' | 'blocks'>, open: ReadonlySet<string>): LayerChoice[] {
  const blocks = new Map(e.blocks.map((b) => [b.node, b]));
  const shapes = new Map(e.layers.map((l) => [l.name, l.shape]));
  const listed = new Set<string>();
  const choices: LayerChoice[] = [];
  for (const l of layersWithMaps(e.layers)) {
    const path = l.node?.split('/') ?? [];
    let depth = 0;
    let hidden = false;
    for (let i = 1; i < path.length && !hidden; i++) {
      const block = blocks.get(path.slice(0, i).join('/'));
      if (!block) continue;
      if (!listed.has(block.node)) {
        listed.add(block.node);
        const shape = shapes.get(block.layer);
        choices.push({ value: `block:${block.node}`, label: `${block.label.split('/').at(-1)} (block${shape ? `, ${formatShape(shape)}` : ''})`, layer: block.layer, depth, block: block.node });
      }
      hidden = !open.has(block.node);
      depth++;
    }
    if (!hidden) choices.push({ value: l.name, label: `${l.name} (${formatShape(l.shape)})`, layer: l.name, depth });
  }
  return choices;
}

/**
 * Each node's maps by node path, for the canvas's strips: every layer of a document node, and
 * every block instance by its output layer. `stripsOf(e)['C1']` → C1's grid of 6 tiles.
 */
export function stripsOf(e: Pick<Explanation, 'layers' | 'blocks' | 'maps'>): Record<string, MapStrip> {
  const grids = new Map(e.maps.map((m) => [m.layer, m.grid]));
  const shapes = new Map(e.layers.map((l) => [l.name, l.shape]));
  const strip = (layer: string): MapStrip | undefined => {
    const g = grids.get(layer);
    if (!g) return undefined;
    return { layer, shape: formatShape(shapes.get(layer)!), png: g.png, width: g.width, cols: g.cols, count: g.count, tileWidth: g.tileWidth, tileHeight: g.tileHeight, gap: g.gap };
  };
  const entries = [...e.layers.flatMap((l) => (l.node ? [[l.node, l.name] as const] : [])), ...e.blocks.map((b) => [b.node, b.layer] as const)];
  return Object.fromEntries(entries.flatMap(([node, layer]) => {
    const s = strip(layer);
    return s ? [[node, s]] : [];
  }));
}

/**
 * The tile under a point of the grid as drawn (`x`, `y` in the image's pixels), or null in a gap
 * or past the last tile: `tileAt(grid, 35, 3)` → 1 for 28-pixel tiles 1 pixel apart.
 */
export function tileAt(grid: Grid, x: number, y: number): number | null {
  const [col, row] = [Math.floor(x / (grid.tileWidth + grid.gap)), Math.floor(y / (grid.tileHeight + grid.gap))];
  if (x - col * (grid.tileWidth + grid.gap) >= grid.tileWidth || y - row * (grid.tileHeight + grid.gap) >= grid.tileHeight) return null;
  if (col < 0 || row < 0 || col >= grid.cols) return null;
  const tile = row * grid.cols + col;
  return tile < grid.count ? tile : null;
}

const figure = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : v.toPrecision(3));

/** `channelCaption(layer, 3)` → "channel 3 · mean 0.125 · max 0.982". */
export const channelCaption = (layer: Layer, k: number) => `channel ${k} · mean ${figure(layer.mean[k]!)} · max ${figure(layer.max[k]!)}`;

export { fileBase64 } from '../ui/fileBytes';
