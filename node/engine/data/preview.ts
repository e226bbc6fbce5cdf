/**
 * A few labelled sample images of a dataset for a preview grid, as small PNG data URLs
 * (at most 64 pixels on a side; 28×28 digits stay 28×28), spread over the classes.
 */
import sharp from 'sharp';
import { permutation, seededRandom } from './random';
import { decodeImage, listFolder } from './folder';
import { specOf, loadPool } from './load';
import { imageSize, type ImageShape } from './subset';

export interface PreviewSample {
  label: number;
  className: string;
  /** `data:image/png;base64,…` */
  png: string;
  width: number;
  height: number;
}

export interface Preview {
  title: string;
  /** The images' shape as stored (a folder: as previewed). */
  shape: ImageShape;
  classNames: string[];
  /** Samples in the whole dataset, before the train/validation split. */
  total: number;
  samples: PreviewSample[];
}

const THUMB = 64;

/** Raw 8-bit pixels as a PNG data URL, scaled down to fit 64×64 when larger. */
export async function pngDataUrl(pixels: Uint8Array, [h, w, c]: ImageShape): Promise<{ png: string; width: number; height: number }> {
  let image = sharp(Buffer.from(pixels.buffer, pixels.byteOffset, pixels.byteLength), { raw: { width: w, height: h, channels: c as 1 | 2 | 3 | 4 } });
  const scale = Math.min(1, THUMB / Math.max(h, w));
  const width = Math.max(1, Math.round(w * scale));
  const height = Math.max(1, Math.round(h * scale));
  if (scale < 1) image = image.resize(width, height);
  const png = await image.png().toBuffer();
  return { png: `data:image/png;base64,${png.toString('base64')}`, width, height };
}

/** Up to `count` indices of `labels`, taking classes in turn, in a seeded order. */
function spread(labels: Uint8Array, classes: number, count: number, seed: number): number[] {
  const order = permutation(labels.length, seededRandom(seed));
  const byClass: number[][] = Array.from({ length: classes }, () => []);
  for (const i of order) if (byClass[labels[i]!]!.length < count) byClass[labels[i]!]!.push(i);
  const out: number[] = [];
  for (let round = 0; out.length < count && round < count; round++) for (const list of byClass) if (round < list.length && out.length < count) out.push(list[round]!);
  return out;
}

/**
 * `await previewDataset('fashion-mnist', 12)` → 12 labelled thumbnails, classes in turn (from the
 * training part). `cacheDir` is where downloaded datasets are (default: the data folder's cache).
 */
export async function previewDataset(text: string, count: number, seed = 1, cacheDir?: string): Promise<Preview> {
  const spec = specOf(text);
  if (spec.kind === 'folder') {
    const listing = await listFolder(spec.path);
    const labels = Uint8Array.from(listing.files, (f) => f.label);
    const shape: ImageShape = [THUMB, THUMB, 3];
    const samples = await Promise.all(
      spread(labels, listing.classNames.length, count, seed).map(async (i) => {
        const file = listing.files[i]!;
        return { label: file.label, className: listing.classNames[file.label]!, ...(await pngDataUrl(await decodeImage(file.path, shape), shape)) };
      }),
    );
    return { title: `folder ${listing.root}`, shape, classNames: listing.classNames, total: listing.files.length, samples };
  }
  const pool = await loadPool(spec, undefined, cacheDir);
  const pixels = new Uint8Array(imageSize(pool.shape));
  const samples: PreviewSample[] = [];
  for (const i of spread(pool.all.labels, pool.classNames.length, count, seed)) {
    pool.all.read(i, pixels, 0);
    const label = pool.all.labels[i]!;
    samples.push({ label, className: pool.classNames[label]!, ...(await pngDataUrl(pixels, pool.shape)) });
  }
  return { title: pool.title, shape: pool.shape, classNames: pool.classNames, total: pool.all.count + (pool.heldOut?.count ?? 0), samples };
}
