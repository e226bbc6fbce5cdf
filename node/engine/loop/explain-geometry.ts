/**
 * Where a layer's units sit over the input image: unit i of an axis is centred on input pixel
 * `start + i·jump` (receptive-field arithmetic over the layers' kernels, strides and padding).
 * Grad-CAM's map is placed on the image by it, so a unit's heat lands over what it sees; a plain
 * stretch of a 10×10 map to 28×28 would put LeNet-5's C3 edge units, centred 4.5 pixels in, on
 * the image's border.
 */
import type * as tf from '@tensorflow/tfjs';

/** Per axis (height, width): the input coordinate of unit 0's centre, and the step between units. */
export type Placement = [{ start: number; jump: number }, { start: number; jump: number }];

interface WindowConfig {
  kernelSize?: number | number[];
  poolSize?: number | number[];
  strides?: number | number[];
  dilationRate?: number | number[];
  padding?: string | number | number[] | number[][];
  size?: number | number[];
}

const pair = (v: number | number[] | undefined, fallback: number): [number, number] => (v === undefined ? [fallback, fallback] : typeof v === 'number' ? [v, v] : [v[0]!, v[1] ?? v[0]!]);

/** Each layer's placement, in the model's (topological) order: `placementOf(model, 'C3')` → `[{ start: 4.5, jump: 2 }, …]`. */
export function placementOf(model: tf.LayersModel, name: string): Placement {
  const placed = new Map<string, Placement>();
  for (const layer of model.layers) {
    const from = layer.inboundNodes[0]!.inboundLayers;
    if (from.length === 0) {
      placed.set(layer.name, [{ start: 0, jump: 1 }, { start: 0, jump: 1 }]);
      continue;
    }
    const before = placed.get(from[0]!.name)!;
    const config = layer.getConfig() as WindowConfig;
    const inShape = from[0]!.outputShape as number[];
    placed.set(layer.name, before.map((axis, a) => moved(layer.getClassName(), config, axis, inShape[a + 1] ?? 1, a)) as Placement);
    if (layer.name === name) break;
  }
  const found = placed.get(name);
  if (!found) throw new Error(`The model has no layer "${name}".`);
  return found;
}

/** One axis through one layer: a window (convolution, pooling), zero padding, upsampling, subsampling, or nothing spatial. */
function moved(kind: string, c: WindowConfig, { start, jump }: { start: number; jump: number }, size: number, axis: number): { start: number; jump: number } {
  if (kind === 'ZeroPadding2D') {
    const p = c.padding as number[][];
    return { start: start - p[axis]![0]! * jump, jump };
  }
  if (kind === 'NetwrightZeroPadChannels') return { start, jump: jump * (c as { stride: number }).stride };
  if (kind.includes('UpSampling')) {
    const u = pair(c.size, 1)[axis]!;
    return { start: start - (jump * (u - 1)) / (2 * u), jump: jump / u };
  }
  const window = c.kernelSize ?? c.poolSize;
  if (window === undefined) return { start, jump };
  const k = (pair(window, 1)[axis]! - 1) * pair(c.dilationRate, 1)[axis]! + 1;
  const s = pair(c.strides, pair(window, 1)[axis]!)[axis]!;
  // tf's 'same': the output has ceil(n / s) units, the padding split with the smaller half before.
  const before = c.padding === 'same' ? Math.floor(Math.max((Math.ceil(size / s) - 1) * s + k - size, 0) / 2) : 0;
  return { start: start + ((k - 1) / 2 - before) * jump, jump: jump * s };
}

/**
 * A map of `[h, w]` units laid over an image of `height × width` pixels, bilinear between unit
 * centres and held at the edges; `zoom` display pixels per input pixel.
 */
export function placeOnInput(map: Float32Array, [h, w]: readonly [number, number], placement: Placement, [height, width]: readonly [number, number], zoom = 1): Float32Array {
  const out = new Float32Array(height * width);
  const unit = (pixel: number, size: number, { start, jump }: { start: number; jump: number }) => {
    const v = Math.min(size - 1, Math.max(0, ((pixel + 0.5) / zoom - 0.5 - start) / jump));
    const i = Math.min(size - 2, Math.floor(v));
    return i < 0 ? { i: 0, t: 0 } : { i, t: v - i };
  };
  for (let y = 0; y < height; y++) {
    const { i: iy, t: ty } = unit(y, h, placement[0]);
    const y1 = Math.min(h - 1, iy + 1);
    for (let x = 0; x < width; x++) {
      const { i: ix, t: tx } = unit(x, w, placement[1]);
      const x1 = Math.min(w - 1, ix + 1);
      const top = map[iy * w + ix]! * (1 - tx) + map[iy * w + x1]! * tx;
      const bottom = map[y1 * w + ix]! * (1 - tx) + map[y1 * w + x1]! * tx;
      out[y * width + x] = top * (1 - ty) + bottom * ty;
    }
  }
  return out;
}
