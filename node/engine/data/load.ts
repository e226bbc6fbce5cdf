/**
 * From a spec string to a dataset ready to train on: parse, read (or generate, or decode), split
 * with the seed, fit to the Input's shape. Engine-neutral: pixels and labels, no tensors.
 */
import { datasetTitle, parseDatasetSpec, type DatasetSpec } from '../../../shared/datasets';
import { cifarSize, loadCifarPool } from './cifar';
import { fitSubset } from './fit';
import { listFolder, loadFolderPool } from './folder';
import { loadFashionMnistPool, loadMnistPool } from './mnist';
import { heldOutSize, limitSubset, splitHeldOut, splitPool, validationCount, type Dataset, type ImageShape, type Pool } from './subset';
import { SYNTHETIC_PER_CLASS, syntheticPool } from './synthetic';

/** Parse a spec string or throw its message: `specOf('synthetic:32:10')`. */
export function specOf(text: string): DatasetSpec {
  const parsed = parseDatasetSpec(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.spec;
}

/**
 * Every sample of a dataset. `input` is the shape a folder's images are decoded to (other
 * sources have their own size; `fitSubset` adapts them); without it, folders decode at 64×64×3.
 * `cacheDir` holds decoded folders and downloaded datasets (default: the data folder's cache).
 */
export async function loadPool(spec: DatasetSpec, input?: ImageShape, cacheDir?: string): Promise<Pool> {
  switch (spec.kind) {
    case 'mnist':
      return loadMnistPool();
    case 'fashion-mnist':
      return loadFashionMnistPool();
    case 'cifar10':
    case 'cifar100':
      return loadCifarPool(spec, cacheDir);
    case 'synthetic':
      return syntheticPool(spec.height, spec.width, spec.classes, spec.channels);
    case 'folder':
      return loadFolderPool(spec.path, input ?? [64, 64, 3], cacheDir);
  }
}

export interface DatasetOptions {
  /** Seeds the split: the same seed gives the same split. */
  seed: number;
  /** Share of the samples held out for validation, e.g. 0.2. */
  validationSplit: number;
  /** The network's Input shape; images are padded or resized and channels converted to it. */
  input: ImageShape;
  /** Use only the first N training samples. */
  limit?: number;
  /** Use only the first N validation samples (the torch engine's speed probe, which does not time validation). */
  valLimit?: number;
  /** Where decoded image folders are cached and downloaded datasets kept. */
  cacheDir?: string;
}

/**
 * `await loadDataset('mnist', { seed: 1, validationSplit: 0.2, input: [28, 28, 1] })` →
 * 8,000 training and 2,000 validation digits. `notes` says what was done to fit the Input.
 */
export async function loadDataset(text: string, options: DatasetOptions): Promise<Dataset> {
  const spec = specOf(text);
  const pool = await loadPool(spec, options.input, options.cacheDir);
  // A source with its own test part (CIFAR) validates on that; others split a share off.
  const split = pool.heldOut ? splitHeldOut(pool.all, pool.heldOut, options.seed, options.validationSplit) : splitPool(pool.all, options.seed, options.validationSplit);
  const train = options.limit ? limitSubset(split.train, options.limit) : split.train;
  const val = options.valLimit ? limitSubset(split.val, options.valLimit) : split.val;
  const title = pool.title || datasetTitle(spec);
  const fittedTrain = fitSubset(train, pool.shape, options.input, title);
  const fittedVal = fitSubset(val, pool.shape, options.input, title);
  const notes = [...pool.notes, ...(fittedTrain.note ? [fittedTrain.note] : [])];
  return { title, shape: options.input, classNames: pool.classNames, train: fittedTrain.subset, val: fittedVal.subset, notes };
}

/**
 * How many samples a run would train and validate on, without reading the images:
 * `await datasetSize('mnist', 0.2)` → `{ train: 8000, val: 2000 }`. For a folder, the image files
 * listed (some may turn out undecodable); for CIFAR, the records its files hold.
 */
export async function datasetSize(text: string, validationSplit: number, limit?: number, cacheDir?: string): Promise<{ train: number; val: number }> {
  const spec = specOf(text);
  if (spec.kind === 'cifar10' || spec.kind === 'cifar100') {
    const { train, test } = await cifarSize(spec, cacheDir);
    const sizes = heldOutSize(train, test, validationSplit);
    return { train: Math.min(sizes.train, limit ?? Infinity), val: sizes.val };
  }
  const total =
    spec.kind === 'mnist' ? 10_000 : spec.kind === 'fashion-mnist' ? 70_000 : spec.kind === 'synthetic' ? spec.classes * SYNTHETIC_PER_CLASS : (await listFolder(spec.path)).files.length;
  const val = validationCount(total, validationSplit);
  return { train: Math.min(total - val, limit ?? Infinity), val };
}
