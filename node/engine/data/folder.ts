/**
 * An image folder as a dataset: one sub-folder per class (sorted by name), JPEG/PNG/WebP/GIF/TIFF
 * files inside, decoded with sharp straight to the Input's size and channels (resized to cover,
 * centred). The decoded pixels are cached on disk, keyed by the files' names, sizes and times
 * and the target shape, so the next run starts at once.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import sharp from 'sharp';
import { formatShape } from '../../../shared/layers/types';
import { arraySubset, imageSize, type ImageShape, type Pool } from './subset';

const IMAGE = /\.(jpe?g|png|webp|gif|tiff?|avif)$/i;

/** `~/photos` → `/home/me/photos`; relative paths are taken from the current directory. */
export const resolveFolder = (path: string) => resolve(path.startsWith('~') ? join(homedir(), path.slice(1)) : path);

export interface FolderListing {
  root: string;
  classNames: string[];
  files: { path: string; label: number; size: number; mtime: number }[];
}

/** The class folders and their image files; throws a readable error for a missing or empty folder. */
export async function listFolder(path: string): Promise<FolderListing> {
  const root = resolveFolder(path);
  if (!existsSync(root)) throw new Error(`The dataset folder ${root} does not exist.`);
  const entries = await readdir(root, { withFileTypes: true });
  const classNames = entries.filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => e.name).sort();
  if (classNames.length < 2) throw new Error(`The dataset folder ${root} needs one sub-folder per class (at least 2); it has ${classNames.length}.`);
  if (classNames.length > 255) throw new Error(`The dataset folder ${root} has ${classNames.length} class folders; at most 255 are supported.`);
  const files: FolderListing['files'] = [];
  for (const [label, name] of classNames.entries()) {
    const names = (await readdir(join(root, name))).filter((f) => IMAGE.test(f)).sort();
    for (const f of names) {
      const s = await stat(join(root, name, f));
      if (s.isFile()) files.push({ path: join(root, name, f), label, size: s.size, mtime: s.mtimeMs });
    }
  }
  if (files.length === 0) throw new Error(`The class folders of ${root} hold no JPEG, PNG, WebP, GIF or TIFF images.`);
  return { root, classNames, files };
}

/** One image file (a path, or its bytes) as raw pixels of `shape` (HWC, 8-bit), e.g. for a preview at 64×64×3. */
export async function decodeImage(path: string | Uint8Array, [h, w, c]: ImageShape): Promise<Uint8Array> {
  let image = sharp(path, { failOn: 'error' }).rotate().resize(w, h, { fit: 'cover' });
  image = c === 1 ? image.greyscale() : c === 4 ? image.ensureAlpha() : image.removeAlpha().toColourspace('srgb');
  const { data, info } = await image.raw().toBuffer({ resolveWithObject: true });
  if (info.channels !== c || info.width !== w || info.height !== h) throw new Error(`decoded as ${info.height}×${info.width}×${info.channels}`);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

interface CacheMeta {
  classNames: string[];
  count: number;
  skipped: string[];
}

/**
 * `await loadFolderPool('~/photos', [32, 32, 3], '/home/me/.netwright/cache')`: every image
 * decoded to the Input's shape. Unreadable files are skipped and named in the pool's notes.
 */
export async function loadFolderPool(path: string, shape: ImageShape, cacheDir?: string): Promise<Pool> {
  const listing = await listFolder(path);
  const key = createHash('sha256')
    .update(JSON.stringify([listing.root, shape, listing.classNames, listing.files.map((f) => [f.path, f.size, f.mtime])]))
    .digest('hex')
    .slice(0, 24);
  const cacheFile = cacheDir && join(cacheDir, 'folders', `${key}.bin`);
  const title = `folder ${basename(listing.root)}`;
  const per = imageSize(shape);
  if (cacheFile && existsSync(cacheFile) && existsSync(`${cacheFile}.json`)) {
    const meta = JSON.parse(await readFile(`${cacheFile}.json`, 'utf8')) as CacheMeta;
    const bytes = new Uint8Array(await readFile(cacheFile));
    if (bytes.length === meta.count * (per + 1)) {
      const pixels = bytes.subarray(0, meta.count * per);
      const labels = bytes.subarray(meta.count * per);
      return { title, shape, classNames: meta.classNames, all: arraySubset(pixels, labels, per), notes: [`${listing.root}: ${meta.count.toLocaleString('en-US')} images, ${formatShape(shape)}, from the cache.`] };
    }
  }
  // Decoded in parallel, kept in file order so that the seeded split repeats.
  const decoded: (Uint8Array | undefined)[] = new Array(listing.files.length);
  const skipped: string[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      for (let i = next++; i < listing.files.length; i = next++) {
        const file = listing.files[i]!;
        try {
          decoded[i] = await decodeImage(file.path, shape);
        } catch (e) {
          skipped.push(`${file.path} (${(e as Error).message.split('\n')[0]})`);
        }
      }
    }),
  );
  const pixels = new Uint8Array(listing.files.length * per);
  const labels = new Uint8Array(listing.files.length);
  let count = 0;
  decoded.forEach((data, i) => {
    if (!data) return;
    pixels.set(data, count * per);
    labels[count++] = listing.files[i]!.label;
  });
  if (count === 0) throw new Error(`No image in ${listing.root} could be decoded; the first error: ${skipped[0]}.`);
  const all = arraySubset(pixels.subarray(0, count * per), labels.subarray(0, count), per);
  if (cacheFile) {
    await mkdir(join(cacheDir!, 'folders'), { recursive: true });
    const body = new Uint8Array(count * (per + 1));
    body.set(pixels.subarray(0, count * per));
    body.set(labels.subarray(0, count), count * per);
    await writeFile(`${cacheFile}.tmp`, body);
    await rename(`${cacheFile}.tmp`, cacheFile);
    await writeFile(`${cacheFile}.json`, JSON.stringify({ classNames: listing.classNames, count, skipped } satisfies CacheMeta));
  }
  const notes = [`${listing.root}: decoded ${count.toLocaleString('en-US')} images in ${listing.classNames.length} classes to ${formatShape(shape)} with sharp (resized to cover, centred).`];
  if (skipped.length) notes.push(`Skipped ${skipped.length} file${skipped.length > 1 ? 's' : ''} that could not be decoded, e.g. ${skipped[0]}.`);
  return { title, shape, classNames: listing.classNames, all, notes };
}
