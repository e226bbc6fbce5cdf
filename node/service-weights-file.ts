/**
 * Weights named in an API request, as a path a trainer process reads: a file sent as bytes is
 * written to a private temporary folder under its own name (removed by `release`), a run's
 * saved weights are its model's folder, a template's published ImageNet weights the file
 * `weights.download` put in the data folder's cache, and an imported ONNX model's the safetensors
 * file `import.onnx` kept in the data folder. Shared by `predict` and `train.start`.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { WeightsRef } from '../shared/api';
import type { PublishedWeights } from '../shared/weights/published';
import { cachedWeights } from './published-weights';
import type { RunStore } from './runs';
import { importedWeightsPath } from './service-import';
import { publishedEntry } from './service-weights';

export interface WeightsFile {
  path: string;
  /** What messages call it: the name the file was sent under, or the published file's. */
  name?: string;
  /** Remove what was written for it (nothing for a run's or the cache's). */
  release(): Promise<void>;
}

/** A file name safe to write: the last part of `name`, without characters a file system refuses. */
const safeName = (name: string) => {
  const base = basename(name.replace(/\\/g, '/')).replace(/[^\w.\-+ ()]/g, '_');
  return /^\.*$/.test(base) ? 'weights' : base; // '', '.' and '..' name no file
};

/** `const w = await weightsFile(ref, { store, dataDir }); try { … w.path … } finally { await w.release(); }` */
export async function weightsFile(ref: WeightsRef, where: { store: RunStore; dataDir: string; publishedTable?: readonly PublishedWeights[] }): Promise<WeightsFile> {
  const nothing = async () => undefined;
  if ('run' in ref) return { path: where.store.weightsDir(ref.run, ref.which ?? 'final'), release: nothing };
  if ('published' in ref) {
    const entry = publishedEntry(ref.published, where.publishedTable);
    const path = cachedWeights(entry, join(where.dataDir, 'cache'));
    if (!path) throw new Error(`${entry.name}'s ImageNet weights are not in the cache yet: download them first (Download ImageNet weights, or netwright weights download ${entry.template}).`);
    return { path, name: entry.file, release: nothing };
  }
  if ('imported' in ref) {
    const path = importedWeightsPath(where.dataDir, ref.imported);
    return { path, name: basename(path), release: nothing };
  }
  const dir = await mkdtemp(join(tmpdir(), 'netwright-weights-'));
  const path = join(dir, safeName(ref.name));
  try {
    await writeFile(path, Buffer.from(ref.base64, 'base64'), { mode: 0o600 });
  } catch (e) {
    await rm(dir, { recursive: true, force: true });
    throw e;
  }
  return { path, name: ref.name, release: () => rm(dir, { recursive: true, force: true }) };
}
