/**
 * What the "Look inside" pane shows, as plain functions: which layers have maps, which tile of a
 * grid the pointer is over, and a channel's caption (its index, mean and maximum).
 */
import type { Explanation } from '../../../shared/api';

type Layer = Explanation['layers'][number];
type Grid = Explanation['maps'][number]['grid'];

/** Layers whose output is height × width × channels: the ones with maps, and Grad-CAM's choices. */
export const layersWithMaps = (layers: readonly Layer[]): Layer[] => layers.filter((l) => l.shape.length === 3);

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

/** A file's bytes as base64, without the data URL's prefix. */
export function fileBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
    reader.readAsDataURL(file);
  });
}
