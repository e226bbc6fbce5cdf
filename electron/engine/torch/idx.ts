/**
 * Datasets for the torch engine: the engine's own MNIST and Fashion-MNIST pools written as IDX
 * files (the format torchvision and the generated train.py read), cached in a folder.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../../files';
import type { Pool } from '../data/subset';
import { imageSize } from '../data/subset';

/** IDX: a magic number with the element type and rank, the sizes, then the bytes. */
function idx(sizes: number[], bytes: Uint8Array): Buffer {
  const head = Buffer.alloc(4 + 4 * sizes.length);
  head.writeUInt32BE(0x0800 + sizes.length, 0);
  sizes.forEach((s, i) => head.writeUInt32BE(s, 4 + 4 * i));
  return Buffer.concat([head, bytes]);
}

/** Write `pool` as train-images-idx3-ubyte and train-labels-idx1-ubyte in `dir` (once). */
export async function writeIdx(pool: Pool, dir: string): Promise<string> {
  const images = join(dir, 'train-images-idx3-ubyte');
  const labels = join(dir, 'train-labels-idx1-ubyte');
  if (existsSync(images) && existsSync(labels)) return dir;
  await mkdir(dir, { recursive: true });
  const size = imageSize(pool.shape);
  const pixels = new Uint8Array(pool.all.count * size);
  for (let i = 0; i < pool.all.count; i++) pool.all.read(i, pixels, i * size);
  const [h, w] = pool.shape;
  await writeFileAtomic(labels, idx([pool.all.count], pool.all.labels));
  await writeFileAtomic(images, idx([pool.all.count, h!, w!], pixels));
  return dir;
}
