/**
 * The pictures of "look inside": feature maps and filters as grids of tiles, each tile scaled to
 * its own range (so a faint channel shows as clearly as a strong one), and a Grad-CAM heat map
 * laid over the input image. Pixels are computed here; sharp encodes them as PNG.
 */
import sharp from 'sharp';

/** A grid of tiles as a PNG, and where its tiles are (for captions and hover in the UI). */
export interface TileGrid {
  /** `data:image/png;base64,…` */
  png: string;
  width: number;
  height: number;
  cols: number;
  rows: number;
  /** One tile's size in the PNG, in pixels (small maps are enlarged, nearest neighbour). */
  tileWidth: number;
  tileHeight: number;
  /** Pixels between tiles. */
  gap: number;
  /** Tiles drawn: channels, filters, or filters × input channels. */
  count: number;
}

/** Tiles smaller than this are enlarged by a whole factor, so a 5×5 map is not 5 pixels wide. */
const MIN_TILE = 32;
const GAP = 1;
const GAP_GREY = 48;
/** The most filters (rows) and input channels (columns) a grey filter grid shows. */
export const FILTER_LIMIT = 64;

const pngUrl = (png: Buffer) => `data:image/png;base64,${png.toString('base64')}`;

/** `values` scaled to 0…255 by their own minimum and maximum; a constant tile is black. */
function scaled(values: ArrayLike<number>): Uint8Array {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    lo = Math.min(lo, values[i]!);
    hi = Math.max(hi, values[i]!);
  }
  const out = new Uint8Array(values.length);
  if (!(hi > lo)) return out;
  const k = 255 / (hi - lo);
  for (let i = 0; i < values.length; i++) out[i] = Math.round((values[i]! - lo) * k);
  return out;
}

/** Tiles of `h×w×channels` bytes laid out `cols` to a row, enlarged to at least MIN_TILE, as a PNG. */
async function gridOf(tiles: Uint8Array[], h: number, w: number, channels: 1 | 3, cols: number): Promise<TileGrid> {
  const zoom = Math.max(1, Math.floor(MIN_TILE / Math.max(h, w)));
  const [th, tw] = [h * zoom, w * zoom];
  const rows = Math.ceil(tiles.length / cols);
  const width = cols * tw + (cols - 1) * GAP;
  const height = rows * th + (rows - 1) * GAP;
  const pixels = new Uint8Array(width * height * channels).fill(GAP_GREY);
  tiles.forEach((tile, t) => {
    const x0 = (t % cols) * (tw + GAP);
    const y0 = Math.floor(t / cols) * (th + GAP);
    for (let y = 0; y < th; y++) {
      for (let x = 0; x < tw; x++) {
        const from = (Math.floor(y / zoom) * w + Math.floor(x / zoom)) * channels;
        const to = ((y0 + y) * width + x0 + x) * channels;
        for (let c = 0; c < channels; c++) pixels[to + c] = tile[from + c]!;
      }
    }
  });
  // Fast compression: a ResNet's every map is millions of pixels, and these are drawn on request.
  const png = await sharp(pixels, { raw: { width, height, channels } }).png({ compressionLevel: 1 }).toBuffer();
  return { png: pngUrl(png), width, height, cols, rows, tileWidth: tw, tileHeight: th, gap: GAP, count: tiles.length };
}

/** One channel of an `h×w×c` activation (HWC order). */
function channelOf(data: Float32Array, [h, w, c]: readonly number[], k: number): Float32Array {
  const out = new Float32Array(h! * w!);
  for (let i = 0; i < out.length; i++) out[i] = data[i * c! + k]!;
  return out;
}

/**
 * A layer's activation maps, one grey tile per channel, each scaled to its own range:
 * `await featureGrid(values, [28, 28, 6])` → 6 tiles, 3 to a row.
 */
export function featureGrid(data: Float32Array, shape: readonly [number, number, number]): Promise<TileGrid> {
  const [h, w, c] = shape;
  const tiles = Array.from({ length: c }, (_, k) => scaled(channelOf(data, shape, k)));
  return gridOf(tiles, h, w, 1, Math.ceil(Math.sqrt(c)));
}

/**
 * A convolution's kernels (`[kh, kw, in, out]`, tfjs's order). With 3 input channels (the first
 * convolution on colour images) each filter is one RGB tile, scaled over its three channels:
 * AlexNet's figure. Otherwise a grey tile per filter (row) and input channel (column), at most
 * FILTER_LIMIT of each.
 */
export function filterGrid(kernel: Float32Array, [kh, kw, cin, cout]: readonly [number, number, number, number]): Promise<TileGrid> {
  const at = (y: number, x: number, i: number, o: number) => kernel[((y * kw + x) * cin + i) * cout + o]!;
  if (cin === 3) {
    const tiles = Array.from({ length: cout }, (_, o) => scaled(Array.from({ length: kh * kw * 3 }, (_, j) => at(Math.floor(j / (3 * kw)), Math.floor(j / 3) % kw, j % 3, o))));
    return gridOf(tiles, kh, kw, 3, Math.ceil(Math.sqrt(cout)));
  }
  const [rows, cols] = [Math.min(cout, FILTER_LIMIT), Math.min(cin, FILTER_LIMIT)];
  const tiles: Uint8Array[] = [];
  for (let o = 0; o < rows; o++) for (let i = 0; i < cols; i++) tiles.push(scaled(Array.from({ length: kh * kw }, (_, j) => at(Math.floor(j / kw), j % kw, i, o))));
  return gridOf(tiles, kh, kw, 1, cols);
}

/** A blue → cyan → yellow → red colour for t in 0…1 (the "jet" ramp heat maps use). */
export function heatColour(t: number): [number, number, number] {
  const ramp = (centre: number) => Math.round(255 * Math.min(1, Math.max(0, 1.5 - Math.abs(4 * t - centre))));
  return [ramp(3), ramp(2), ramp(1)];
}

/**
 * A heat map over an image, as a PNG: `image` is the input's 8-bit pixels (`h×w×c`, grey or RGB),
 * `heat` the map at display size (`height×width`, 0…1), which is `zoom` times the input's size.
 * The image is enlarged nearest-neighbour; the heat is blended in where it is strong.
 */
export async function heatOverlay(image: Uint8Array, [h, w, c]: readonly [number, number, number], heat: Float32Array, zoom: number): Promise<{ png: string; width: number; height: number }> {
  const [width, height] = [w * zoom, h * zoom];
  const pixels = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const from = (Math.floor(y / zoom) * w + Math.floor(x / zoom)) * c;
      const t = heat[y * width + x]!;
      const colour = heatColour(t);
      const alpha = 0.25 + 0.5 * t;
      for (let k = 0; k < 3; k++) {
        const base = image[from + (c === 3 ? k : 0)]!;
        pixels[(y * width + x) * 3 + k] = Math.round((1 - alpha) * base + alpha * colour[k]!);
      }
    }
  }
  const png = await sharp(pixels, { raw: { width, height, channels: 3 } }).png().toBuffer();
  return { png: pngUrl(png), width, height };
}

/** How much to enlarge an input for display: a 28×28 digit becomes 224×224, a 224×224 photo stays. */
export const displayZoom = (h: number, w: number) => Math.max(1, Math.floor(224 / Math.max(h, w)));
