/**
 * Datasets for the torch engine, prepared by Node so that both engines train on the very same
 * samples: the dataset loaded, split with the document's seed, limited and fitted to the Input
 * exactly as the tfjs engine does it (node/engine/data), then written as IDX files (the
 * format MNIST ships in, which the generated train.py reads) with a dataset.json beside them.
 * Synthetic images, folders and MNIST all go this way: Python never re-implements a dataset.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../../files';
import { loadDataset, type DatasetOptions } from '../data/load';
import type { Subset } from '../data/subset';
import { imageSize } from '../data/subset';

/** What train.py reads from dataset.json; the files beside it are `${part}-images-idx` and `${part}-labels-idx`. */
export interface PreparedDataset {
  title: string;
  classNames: string[];
  /** [height, width, channels] of every image (pixels are stored HWC, as the tfjs engine holds them). */
  shape: [number, number, number];
  train: number;
  val: number;
  notes: string[];
}

/** IDX: two zero bytes, the element type (8: unsigned byte), the rank, the sizes (big-endian), then the bytes. */
export function idx(sizes: number[], bytes: Uint8Array): Buffer {
  const head = Buffer.alloc(4 + 4 * sizes.length);
  head.writeUInt32BE(0x0800 + sizes.length, 0);
  sizes.forEach((s, i) => head.writeUInt32BE(s, 4 + 4 * i));
  return Buffer.concat([head, bytes]);
}

async function writePart(dir: string, part: 'train' | 'val', subset: Subset, shape: [number, number, number]) {
  const size = imageSize(shape);
  const pixels = new Uint8Array(subset.count * size);
  for (let i = 0; i < subset.count; i++) subset.read(i, pixels, i * size);
  await writeFile(join(dir, `${part}-labels-idx`), idx([subset.count], subset.labels));
  await writeFile(join(dir, `${part}-images-idx`), idx([subset.count, ...shape], pixels));
}

/**
 * Write the run's dataset into `dir` (which must exist):
 * `await prepareDataset('mnist', { seed: 1, validationSplit: 0.2, input: [28, 28, 1] }, dir)`.
 * dataset.json is written last and atomically, so a folder that has it is complete.
 */
export async function prepareDataset(spec: string, options: DatasetOptions, dir: string): Promise<PreparedDataset> {
  const data = await loadDataset(spec, options);
  await writePart(dir, 'train', data.train, data.shape);
  await writePart(dir, 'val', data.val, data.shape);
  const info: PreparedDataset = { title: data.title, classNames: data.classNames, shape: data.shape, train: data.train.count, val: data.val.count, notes: data.notes };
  await writeFileAtomic(join(dir, 'dataset.json'), JSON.stringify(info, null, 2) + '\n');
  return info;
}
