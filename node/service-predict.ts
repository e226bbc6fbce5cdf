/**
 * The engine service's `predict`: pretrained weights and a photo, answered in a trainer process
 * (a ResNet's forward pass never blocks the service or the UI). Weights sent as bytes are written
 * to a private temporary folder under their own file name for the trainer to read, and removed
 * when it has answered; a run's weights are its saved model's folder, and a template's published
 * ImageNet weights the file `weights.download` put in the data folder's cache, and an imported
 * ONNX model's the safetensors file `import.onnx` kept in the data folder.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { methods, ReplyOf } from '../shared/api';
import type { NetwrightDocument } from '../shared/graph/schema';
import type { PublishedWeights } from '../shared/weights/published';
import { runPredict } from './engine/process/jobs';
import type { SpawnTrainer } from './engine/process/runner';
import { cachedWeights } from './published-weights';
import { RunStore } from './runs';
import { importedWeightsPath } from './service-import';
import { publishedEntry } from './service-weights';

type PredictRequest = ReturnType<(typeof methods)['predict']['request']['parse']>;

export interface PredictHost {
  spawnTrainer?: SpawnTrainer;
  /** The app's data folder: the run history is in `runs/`. */
  dataDir: string;
  checkDocument(raw: unknown): NetwrightDocument;
  /** The published weights' table, when not torchvision's (tests). */
  publishedTable?: readonly PublishedWeights[];
}

/** A file name safe to write: the last part of `name`, without characters a file system refuses. */
const safeName = (name: string) => {
  const base = basename(name.replace(/\\/g, '/')).replace(/[^\w.\-+ ()]/g, '_');
  return /^\.*$/.test(base) ? 'weights' : base; // '', '.' and '..' name no file
};

/** `const predict = predictHandler({ dataDir }); await predict({ doc, weights: { name: 'resnet18.pth', base64 }, image: { base64 } })`. */
export function predictHandler(host: PredictHost): (request: PredictRequest) => Promise<ReplyOf<'predict'>> {
  const store = new RunStore(join(host.dataDir, 'runs'));
  return async ({ doc, weights, image, top, partial }) => {
    const valid = host.checkDocument(doc);
    const job = { type: 'predict' as const, doc: valid, image: image.base64, top, partial };
    if ('run' in weights) return runPredict({ ...job, weights: store.weightsDir(weights.run, weights.which ?? 'final') }, host.spawnTrainer);
    if ('published' in weights) {
      const entry = publishedEntry(weights.published, host.publishedTable);
      const path = cachedWeights(entry, join(host.dataDir, 'cache'));
      if (!path) throw new Error(`${entry.name}'s ImageNet weights are not in the cache yet: download them first (Download ImageNet weights, or netwright weights download ${entry.template}).`);
      return runPredict({ ...job, weights: path, name: entry.file }, host.spawnTrainer);
    }
    if ('imported' in weights) {
      const path = importedWeightsPath(host.dataDir, weights.imported);
      return runPredict({ ...job, weights: path, name: basename(path) }, host.spawnTrainer);
    }
    const dir = await mkdtemp(join(tmpdir(), 'netwright-predict-'));
    try {
      const file = join(dir, safeName(weights.name));
      await writeFile(file, Buffer.from(weights.base64, 'base64'), { mode: 0o600 });
      return await runPredict({ ...job, weights: file, name: weights.name }, host.spawnTrainer);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  };
}
