/**
 * One photo as a classifier's input, preprocessed as torchvision's ImageNet models expect: the
 * short side resized to 256 (for a 224 input; in proportion for others), the centre cropped to
 * the input's size, pixels scaled to 0…1 and normalised with ImageNet's mean and standard
 * deviation (`photoPixels`: the crop as 8-bit pixels, which looking inside draws on). A photo
 * already of the input's size is taken as it is (only normalised), so the
 * same pixels reach Netwright and PyTorch.
 */
import sharp from 'sharp';
import { IMAGENET_MEAN, IMAGENET_STD } from '../../../shared/imagenet';

export interface Photo {
  /** H·W·3 normalised values, row-major (HWC). */
  data: Float32Array;
  /** The photo's own size, and what was done to it, in words. */
  width: number;
  height: number;
  steps: string;
}

/** The photo's 8-bit RGB pixels (HWC) as torchvision's ImageNet preprocessing crops them, before normalising. */
export interface PhotoPixels {
  pixels: Uint8Array;
  /** The photo's own size, and what was done to it, in words (normalising included). */
  width: number;
  height: number;
  steps: string;
}

/** `await photoPixels('cat.jpg', 224, 224)` → the 224×224×3 crop an ImageNet classifier sees, as 8-bit pixels. */
export async function photoPixels(file: string | Uint8Array, height: number, width: number): Promise<PhotoPixels> {
  const image = sharp(file, { failOn: 'error' }).rotate().removeAlpha().toColourspace('srgb');
  const meta = await image.metadata();
  const oriented = (meta.orientation ?? 1) >= 5;
  const [w0, h0] = oriented ? [meta.height!, meta.width!] : [meta.width!, meta.height!];
  let pipeline = image;
  let steps = `${w0}×${h0}, already the input's size: normalised with ImageNet's mean and std`;
  if (w0 !== width || h0 !== height) {
    const short = Math.round((Math.min(height, width) * 256) / 224);
    // torchvision's Resize(256): the short side to 256, the long one in proportion (rounded down).
    const [rw, rh] = w0 <= h0 ? [short, Math.floor((short * h0) / w0)] : [Math.floor((short * w0) / h0), short];
    if (rw < width || rh < height) throw new Error(`The photo is ${w0}×${h0}; after resizing it is smaller than the ${width}×${height} input.`);
    const left = Math.round((rw - width) / 2);
    const top = Math.round((rh - height) / 2);
    pipeline = image.resize(rw, rh, { fit: 'fill', kernel: 'linear' }).extract({ left, top, width, height });
    steps = `${w0}×${h0}, resized to ${short} on the short side, centre-cropped to ${width}×${height}, normalised with ImageNet's mean and std`;
  }
  const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
  if (info.channels !== 3 || info.width !== width || info.height !== height) throw new Error(`The photo decoded as ${info.width}×${info.height}×${info.channels}, not ${width}×${height}×3.`);
  return { pixels: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), width: w0, height: h0, steps };
}

/** `await photoInput('cat.jpg', 224, 224)` → the 224×224×3 input for an ImageNet classifier. */
export async function photoInput(file: string | Uint8Array, height: number, width: number): Promise<Photo> {
  const { pixels, ...photo } = await photoPixels(file, height, width);
  const out = new Float32Array(width * height * 3);
  for (let i = 0; i < out.length; i++) out[i] = (pixels[i]! / 255 - IMAGENET_MEAN[i % 3]!) / IMAGENET_STD[i % 3]!;
  return { data: out, ...photo };
}
