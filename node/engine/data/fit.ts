/**
 * Fitting a dataset's images to the network's Input: channels converted (grey copied to RGB,
 * RGB averaged to grey, alpha dropped), then a slightly smaller image padded with black (28×28
 * MNIST → 32×32 keeps every pixel as it is) and any other size resized, bilinearly. What was
 * done is returned as a sentence for the run's log.
 */
import { formatShape } from '../../../shared/layers/types';
import type { ImageShape, Subset } from './subset';

export interface Fitted {
  subset: Subset;
  /** What was done, e.g. "MNIST images are 28×28×1 and the Input is 32×32×1: padded with 2 black pixels on each side." */
  note?: string;
}

type Plan = { how: 'same' } | { how: 'pad'; top: number; left: number } | { how: 'resize' };

/** Pad when the image is smaller by at most a quarter in each direction; otherwise resize. */
export function planFit(from: ImageShape, to: ImageShape): Plan {
  const [h, w] = from;
  const [H, W] = to;
  if (h === H && w === W) return { how: 'same' };
  if (h <= H && w <= W && H - h <= h / 4 && W - w <= w / 4) return { how: 'pad', top: Math.floor((H - h) / 2), left: Math.floor((W - w) / 2) };
  return { how: 'resize' };
}

function channelConverter(from: number, to: number): ((src: Uint8Array, s: number, dst: Uint8Array, d: number) => void) | undefined {
  if (from === to) {
    return (src, s, dst, d) => {
      for (let c = 0; c < to; c++) dst[d + c] = src[s + c]!;
    };
  }
  if (from === 1) {
    return (src, s, dst, d) => {
      for (let c = 0; c < to; c++) dst[d + c] = c === 3 ? 255 : src[s]!;
    };
  }
  if (to === 1 && from >= 3) return (src, s, dst, d) => void (dst[d] = Math.round(0.299 * src[s]! + 0.587 * src[s + 1]! + 0.114 * src[s + 2]!));
  if (from === 4 && to === 3) return (src, s, dst, d) => void (dst[d] = src[s]!, dst[d + 1] = src[s + 1]!, dst[d + 2] = src[s + 2]!);
  if (from === 3 && to === 4) return (src, s, dst, d) => void (dst[d] = src[s]!, dst[d + 1] = src[s + 1]!, dst[d + 2] = src[s + 2]!, dst[d + 3] = 255);
  return undefined;
}

const channelWords = (from: number, to: number) =>
  from === to ? '' : from === 1 ? `grey copied to ${to} channels` : to === 1 ? 'colours averaged to grey' : `${from} channels turned into ${to}`;

/** `fitSubset(pool.all, [28, 28, 1], [32, 32, 1], 'MNIST')` → padded by 2 on each side. Throws when the channels cannot be converted. */
export function fitSubset(subset: Subset, from: ImageShape, to: ImageShape, title: string): Fitted {
  const convert = channelConverter(from[2], to[2]);
  if (!convert) throw new Error(`${title} images have ${from[2]} channels and the Input has ${to[2]}; set the Input to ${from[2]} channels.`);
  const plan = planFit(from, to);
  if (plan.how === 'same' && from[2] === to[2]) return { subset };
  const [h, w, c] = from;
  const [H, W, C] = to;
  const scratch = new Uint8Array(h * w * c);
  const words: string[] = [];
  let read: Subset['read'];
  if (plan.how === 'resize') {
    words.push(`resized to ${H}×${W} (bilinear)`);
    const sy = h / H;
    const sx = w / W;
    const pixel = new Uint8Array(c);
    read = (i, out, offset) => {
      subset.read(i, scratch, 0);
      for (let y = 0; y < H; y++) {
        const fy = Math.min(Math.max((y + 0.5) * sy - 0.5, 0), h - 1);
        const y0 = Math.floor(fy);
        const y1 = Math.min(y0 + 1, h - 1);
        const ty = fy - y0;
        for (let x = 0; x < W; x++) {
          const fx = Math.min(Math.max((x + 0.5) * sx - 0.5, 0), w - 1);
          const x0 = Math.floor(fx);
          const x1 = Math.min(x0 + 1, w - 1);
          const tx = fx - x0;
          for (let k = 0; k < c; k++) {
            const top = scratch[(y0 * w + x0) * c + k]! * (1 - tx) + scratch[(y0 * w + x1) * c + k]! * tx;
            const bottom = scratch[(y1 * w + x0) * c + k]! * (1 - tx) + scratch[(y1 * w + x1) * c + k]! * tx;
            pixel[k] = Math.round(top * (1 - ty) + bottom * ty);
          }
          convert(pixel, 0, out, offset + (y * W + x) * C);
        }
      }
    };
  } else {
    const { top, left } = plan.how === 'pad' ? plan : { top: 0, left: 0 };
    if (plan.how === 'pad') words.push(top === H - h - top && left === W - w - left ? `padded with ${top === left ? top : `${top}×${left}`} black pixels on each side` : `padded with black to ${H}×${W}`);
    read = (i, out, offset) => {
      subset.read(i, scratch, 0);
      out.fill(0, offset, offset + H * W * C);
      for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) convert(scratch, (y * w + x) * c, out, offset + ((y + top) * W + x + left) * C);
    };
  }
  const channels = channelWords(c, C);
  if (channels) words.push(channels);
  return { subset: { count: subset.count, labels: subset.labels, read }, note: `${title} images are ${formatShape(from)} and the Input is ${formatShape(to)}: ${words.join(', ')}.` };
}
