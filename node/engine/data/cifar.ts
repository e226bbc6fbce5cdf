/**
 * CIFAR-10 and CIFAR-100 from their official binary version
 * (https://www.cs.toronto.edu/~kriz/cifar.html): fixed-size records of label bytes then 3,072
 * pixel bytes, the 1,024 red ones first, then green, then blue, each plane row-major 32×32.
 * CIFAR-10: one label byte, `data_batch_1.bin` … `data_batch_5.bin` and `test_batch.bin`, class
 * names in `batches.meta.txt`. CIFAR-100: a coarse then a fine label byte, `train.bin` and
 * `test.bin`, names in `fine_label_names.txt` and `coarse_label_names.txt`. The official test
 * files are the validation part (`Pool.heldOut`).
 */
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { DatasetSpec, DownloadableDataset } from '../../../shared/datasets';
import { datasetTitle } from '../../../shared/datasets';
import { defaultCacheDir } from '../../paths';
import type { ArchiveSource } from './download';
import { resolveFolder } from './folder';
import { arraySubset, type ImageShape, type Pool, type Subset } from './subset';

export type CifarSpec = Extract<DatasetSpec, { kind: 'cifar10' | 'cifar100' }>;

export const CIFAR_SHAPE: ImageShape = [32, 32, 3];
const PLANE = 32 * 32;
const PIXELS = 3 * PLANE;

/** One of the official archives: where it is, what it unpacks to. */
export interface CifarSource {
  title: string;
  /** The archive, and the MD5 the CIFAR page publishes for it. */
  url: string;
  md5: string;
  /** Its size in bytes, for the progress bar where the server does not say. */
  bytes: number;
  /** The folder the archive unpacks to (in the cache, or inside a DIR). */
  folder: string;
  train: string[];
  test: string[];
  /** Label bytes before each image's pixels. */
  labelBytes: number;
}

export const CIFAR: Record<DownloadableDataset, CifarSource> = {
  cifar10: {
    title: 'CIFAR-10',
    url: 'https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz',
    md5: 'c32a1d4ab5d03f1284b67883e8d87530',
    bytes: 170_052_171,
    folder: 'cifar-10-batches-bin',
    train: ['data_batch_1.bin', 'data_batch_2.bin', 'data_batch_3.bin', 'data_batch_4.bin', 'data_batch_5.bin'],
    test: ['test_batch.bin'],
    labelBytes: 1,
  },
  cifar100: {
    title: 'CIFAR-100',
    url: 'https://www.cs.toronto.edu/~kriz/cifar-100-binary.tar.gz',
    md5: '03b5dce01913d631647c71ecec9e9cb8',
    bytes: 168_513_733,
    folder: 'cifar-100-binary',
    train: ['train.bin'],
    test: ['test.bin'],
    labelBytes: 2,
  },
};

/**
 * What `downloadArchive` fetches for a dataset; `mirror` replaces the URL and, for an archive
 * that is not the official one, the MD5 (`netwright datasets download --url --md5`, and tests).
 */
export function cifarArchive(name: DownloadableDataset, mirror: { url?: string; md5?: string } = {}): ArchiveSource {
  const { title, url, md5, bytes, folder, train, test } = CIFAR[name];
  return { title, url: mirror.url ?? url, md5: mirror.md5 ?? md5, bytes, folder, files: [...train, ...test] };
}

/** CIFAR-10's names as batches.meta.txt lists them, for a folder that lacks that file. */
const CIFAR10_NAMES = ['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck'];

/** Which label byte a spec reads, how many classes it has and where their names are. */
function labelsOf(spec: CifarSpec): { offset: number; classes: number; namesFile: string; fallback?: string[] } {
  if (spec.kind === 'cifar10') return { offset: 0, classes: 10, namesFile: 'batches.meta.txt', fallback: CIFAR10_NAMES };
  return spec.labels === 'coarse' ? { offset: 0, classes: 20, namesFile: 'coarse_label_names.txt' } : { offset: 1, classes: 100, namesFile: 'fine_label_names.txt' };
}

/** The one line that says a dataset is missing from the cache, and the three ways to get it there. */
export function notInCache(name: DownloadableDataset, cacheDir: string): string {
  const source = CIFAR[name];
  return `${source.title} is not in ${join(cacheDir, source.folder)}: run "netwright datasets download ${name}" (or Download in the training panel), or unpack ${source.url} into ${cacheDir}.`;
}

/**
 * The folder holding a spec's files: `DIR` itself or `DIR/cifar-10-batches-bin` (as the archive
 * unpacks), or without a DIR the cache's. Throws a one-line error when the files are not there.
 */
export function cifarFolder(spec: CifarSpec, cacheDir = defaultCacheDir()): string {
  const source = CIFAR[spec.kind];
  const first = source.train[0]!;
  const root = spec.dir === undefined ? undefined : resolveFolder(spec.dir);
  const candidates = root === undefined ? [join(cacheDir, source.folder)] : [root, join(root, source.folder)];
  const found = candidates.find((dir) => existsSync(join(dir, first)));
  if (found) return found;
  if (root === undefined) throw new Error(notInCache(spec.kind, cacheDir));
  throw new Error(`${root} holds no ${first} (nor ${source.folder}/${first}): put ${source.title}'s binary files there, from ${source.url}.`);
}

/** Every file a spec reads, checked to exist (a missing one is named). */
function filesOf(spec: CifarSpec, cacheDir?: string): { dir: string; train: string[]; test: string[] } {
  const dir = cifarFolder(spec, cacheDir);
  const source = CIFAR[spec.kind];
  const missing = [...source.train, ...source.test].filter((f) => !existsSync(join(dir, f)));
  if (missing.length) throw new Error(`${source.title}: ${dir} lacks ${missing.join(', ')}.`);
  return { dir, train: source.train.map((f) => join(dir, f)), test: source.test.map((f) => join(dir, f)) };
}

/**
 * Records as HWC pixels and labels: `decodeRecords(bytes, 'test_batch.bin', 1, 0, 10)`.
 * `labelBytes` per record precede its pixels; the label read is the one at `offset`.
 */
export function decodeRecords(bytes: Uint8Array, file: string, labelBytes: number, offset: number, classes: number): { pixels: Uint8Array; labels: Uint8Array } {
  const record = labelBytes + PIXELS;
  if (bytes.length === 0 || bytes.length % record !== 0) throw new Error(`${file} is ${bytes.length.toLocaleString('en-US')} bytes, not a whole number of ${record.toLocaleString('en-US')}-byte records: it is not CIFAR's binary format, or it was cut short.`);
  const count = bytes.length / record;
  const pixels = new Uint8Array(count * PIXELS);
  const labels = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const at = i * record;
    const label = bytes[at + offset]!;
    if (label >= classes) throw new Error(`${file}: record ${i + 1} has label ${label}; the labels go from 0 to ${classes - 1}.`);
    labels[i] = label;
    const src = at + labelBytes;
    const dst = i * PIXELS;
    for (let p = 0; p < PLANE; p++) {
      pixels[dst + 3 * p] = bytes[src + p]!;
      pixels[dst + 3 * p + 1] = bytes[src + PLANE + p]!;
      pixels[dst + 3 * p + 2] = bytes[src + 2 * PLANE + p]!;
    }
  }
  return { pixels, labels };
}

async function readPart(files: string[], spec: CifarSpec): Promise<Subset> {
  const { offset, classes } = labelsOf(spec);
  const parts = await Promise.all(files.map(async (f) => decodeRecords(new Uint8Array(await readFile(f)), f, CIFAR[spec.kind].labelBytes, offset, classes)));
  const count = parts.reduce((n, p) => n + p.labels.length, 0);
  const pixels = new Uint8Array(count * PIXELS);
  const labels = new Uint8Array(count);
  let at = 0;
  for (const p of parts) {
    pixels.set(p.pixels, at * PIXELS);
    labels.set(p.labels, at);
    at += p.labels.length;
  }
  return arraySubset(pixels, labels, PIXELS);
}

/** The class names from the folder's names file (one a line); without a usable one, CIFAR-10's own or "class N", with a note. */
async function classNames(dir: string, spec: CifarSpec): Promise<{ names: string[]; note?: string }> {
  const { namesFile, classes, fallback } = labelsOf(spec);
  const path = join(dir, namesFile);
  const lines = existsSync(path) ? (await readFile(path, 'utf8')).split(/\r?\n/).map((l) => l.trim()).filter(Boolean) : [];
  if (lines.length === classes) return { names: lines };
  const names = fallback ?? Array.from({ length: classes }, (_, k) => `class ${k}`);
  const why = lines.length ? `lists ${lines.length} names, not ${classes}` : 'is missing';
  return { names, note: `${path} ${why}: the classes are called ${fallback ? 'by their usual names' : '"class 0" and so on'}.` };
}

/**
 * `await loadCifarPool({ kind: 'cifar10' }, cacheDir)`: the training files as `all`, the test
 * files as `heldOut`, 32×32×3.
 */
export async function loadCifarPool(spec: CifarSpec, cacheDir?: string): Promise<Pool> {
  const files = filesOf(spec, cacheDir);
  const [all, heldOut, names] = await Promise.all([readPart(files.train, spec), readPart(files.test, spec), classNames(files.dir, spec)]);
  const count = (n: number) => n.toLocaleString('en-US');
  const notes = [`${files.dir}: ${count(all.count)} training and ${count(heldOut.count)} test images; the test images are the validation part.`, ...(names.note ? [names.note] : [])];
  return { title: datasetTitle(spec), shape: [...CIFAR_SHAPE], classNames: names.names, all, heldOut, notes };
}

/** Training and test records, from the files' sizes (nothing is read): `{ train: 50000, test: 10000 }`. */
export async function cifarSize(spec: CifarSpec, cacheDir?: string): Promise<{ train: number; test: number }> {
  const files = filesOf(spec, cacheDir);
  const record = CIFAR[spec.kind].labelBytes + PIXELS;
  const records = async (list: string[]) => (await Promise.all(list.map((f) => stat(f)))).reduce((n, s) => n + Math.floor(s.size / record), 0);
  return { train: await records(files.train), test: await records(files.test) };
}
