/**
 * Dataset spec strings, engine-neutral: what a document's `training.dataset` and the CLI's
 * `--dataset` hold. `mnist`, `fashion-mnist`, `cifar10[:DIR]`, `cifar100[:coarse][:DIR]`,
 * `synthetic:SIZE:CLASSES` (or `synthetic:HxW:CLASSES:CHANNELS`), or the path of a folder with
 * one sub-folder per class.
 */

export type DatasetSpec =
  | { kind: 'mnist' }
  | { kind: 'fashion-mnist' }
  /** CIFAR-10's binary files, from `dir` or, without one, from the data folder's cache. */
  | { kind: 'cifar10'; dir?: string }
  /** CIFAR-100's binary files: its 100 fine labels, or its 20 coarse superclasses. */
  | { kind: 'cifar100'; labels: 'fine' | 'coarse'; dir?: string }
  | { kind: 'synthetic'; height: number; width: number; classes: number; channels: number }
  | { kind: 'folder'; path: string };

/** The built-in datasets, by spec string. */
export const BUILTIN_DATASETS = ['mnist', 'fashion-mnist'] as const;

/** The datasets Netwright can download into the data folder's cache (`netwright datasets download NAME`). */
export const DOWNLOADABLE_DATASETS = ['cifar10', 'cifar100'] as const;
export type DownloadableDataset = (typeof DOWNLOADABLE_DATASETS)[number];

/** Synthetic images: sizes, classes and channels accepted. */
export const SYNTHETIC_LIMITS = { size: [4, 1024], classes: [2, 100], channels: [1, 4] } as const;

export const DATASET_HELP = 'mnist, fashion-mnist, cifar10[:DIR], cifar100[:coarse][:DIR], synthetic:SIZE:CLASSES (e.g. synthetic:32:10), synthetic:HxW:CLASSES:CHANNELS, or a folder path (one sub-folder per class)';

export type ParsedSpec = { ok: true; spec: DatasetSpec } | { ok: false; message: string };

/**
 * `cifar10`, `cifar10:DIR`, `cifar100`, `cifar100:coarse`, `cifar100:coarse:DIR` (or `fine`).
 * The folder is everything after the prefix, so it may hold colons (`C:\data`).
 */
function parseCifar(s: string): ParsedSpec | undefined {
  const match = /^(cifar100|cifar10)(?::(.*))?$/s.exec(s);
  if (!match) return undefined;
  const name = match[1] as 'cifar10' | 'cifar100';
  let tail = match[2];
  let labels: 'fine' | 'coarse' = 'fine';
  const word = name === 'cifar100' && tail !== undefined ? /^(fine|coarse)(?::|$)/.exec(tail) : null;
  if (word) {
    labels = word[1] as 'fine' | 'coarse';
    tail = tail === word[1] ? undefined : tail!.slice(word[0].length);
  }
  if (tail === '') return { ok: false, message: `"${s}" names no folder after the colon: write ${name} (the data folder's cache) or ${name}:DIR.` };
  const dir = tail === undefined ? {} : { dir: tail };
  return { ok: true, spec: name === 'cifar10' ? { kind: name, ...dir } : { kind: name, labels, ...dir } };
}

const inRange = (n: number, [lo, hi]: readonly [number, number]) => Number.isInteger(n) && n >= lo && n <= hi;

/**
 * `parseDatasetSpec('synthetic:32:10')` → `{ ok: true, spec: { kind: 'synthetic', height: 32, width: 32, classes: 10, channels: 3 } }`.
 * A folder must look like a path (contain a slash, or start with `.` or `~`), so that a typo
 * such as `mnsit` is an error rather than a missing folder.
 */
export function parseDatasetSpec(text: string): ParsedSpec {
  const s = text.trim();
  if (s === 'mnist' || s === 'fashion-mnist') return { ok: true, spec: { kind: s } };
  const cifar = parseCifar(s);
  if (cifar) return cifar;
  if (s.startsWith('synthetic:')) {
    const parts = s.split(':').slice(1);
    const bad = { ok: false as const, message: `"${s}" is not a synthetic dataset: write synthetic:SIZE:CLASSES (e.g. synthetic:32:10) or synthetic:HxW:CLASSES:CHANNELS (e.g. synthetic:64x48:5:1).` };
    if (parts.length < 2 || parts.length > 3) return bad;
    const size = parts[0]!.split('x');
    if (size.length > 2 || ![...size, ...parts.slice(1)].every((p) => /^\d+$/.test(p))) return bad;
    const height = Number(size[0]);
    const width = Number(size[1] ?? size[0]);
    const classes = Number(parts[1]);
    const channels = parts[2] === undefined ? 3 : Number(parts[2]);
    const L = SYNTHETIC_LIMITS;
    if (!inRange(height, L.size) || !inRange(width, L.size)) return { ok: false, message: `Synthetic images must be ${L.size[0]} to ${L.size[1]} pixels high and wide (got ${height}×${width}).` };
    if (!inRange(classes, L.classes)) return { ok: false, message: `A synthetic dataset has ${L.classes[0]} to ${L.classes[1]} classes (got ${classes}).` };
    if (!inRange(channels, L.channels)) return { ok: false, message: `Synthetic images have ${L.channels[0]} to ${L.channels[1]} channels (got ${channels}).` };
    return { ok: true, spec: { kind: 'synthetic', height, width, classes, channels } };
  }
  if (s.length > 0 && (s.includes('/') || s.includes('\\') || s.startsWith('.') || s.startsWith('~'))) return { ok: true, spec: { kind: 'folder', path: s } };
  return { ok: false, message: `Unknown dataset "${s}": use ${DATASET_HELP}.` };
}

/** The spec string for a spec: `formatDatasetSpec({ kind: 'synthetic', height: 32, width: 32, classes: 10, channels: 3 })` → `synthetic:32x32:10:3`. */
export function formatDatasetSpec(spec: DatasetSpec): string {
  switch (spec.kind) {
    case 'mnist':
    case 'fashion-mnist':
      return spec.kind;
    case 'cifar10':
    case 'cifar100': {
      const parts = [spec.kind, ...(spec.kind === 'cifar100' && spec.labels === 'coarse' ? ['coarse'] : []), ...(spec.dir ? [spec.dir] : [])];
      return parts.join(':');
    }
    case 'synthetic':
      return `synthetic:${spec.height}x${spec.width}:${spec.classes}:${spec.channels}`;
    case 'folder':
      return spec.path;
  }
}

/** A short human name: "MNIST", "Fashion-MNIST", "CIFAR-100 (20 superclasses)", "synthetic 32×32×3, 10 classes", "folder photos/". */
export function datasetTitle(spec: DatasetSpec): string {
  switch (spec.kind) {
    case 'mnist':
      return 'MNIST';
    case 'fashion-mnist':
      return 'Fashion-MNIST';
    case 'cifar10':
      return 'CIFAR-10';
    case 'cifar100':
      return spec.labels === 'coarse' ? 'CIFAR-100 (20 superclasses)' : 'CIFAR-100';
    case 'synthetic':
      return `synthetic ${spec.height}×${spec.width}×${spec.channels}, ${spec.classes} classes`;
    case 'folder':
      return `folder ${spec.path}`;
  }
}

/**
 * How many classes a dataset has, where the spec tells: `classCount(parseDatasetSpec('cifar100:coarse').spec)` → 20.
 * A folder's is how many class sub-folders it has, which only the files tell: undefined here
 * (the service's `dataset.preview` lists its class names; the CLI counts them with `listFolder`).
 */
export function classCount(spec: DatasetSpec): number | undefined {
  switch (spec.kind) {
    case 'mnist':
    case 'fashion-mnist':
    case 'cifar10':
      return 10;
    case 'cifar100':
      return spec.labels === 'coarse' ? 20 : 100;
    case 'synthetic':
      return spec.classes;
    case 'folder':
      return undefined;
  }
}
