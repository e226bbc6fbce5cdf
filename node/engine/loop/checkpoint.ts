/**
 * Saving and loading trained models on disk in tfjs's own format — `model.json` (topology and
 * weight manifest) and `weights.bin` — written by an IOHandler in the trainer process, plus
 * `netwright.json`: what evaluating the model again needs (classes, input shape, the pixel
 * normalisation, the dataset and its split).
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { EpochMetrics } from '../../../shared/api';
import '../model/custom-layers'; // registers LRN and ChannelSlice for loading

export interface ModelMeta {
  format: 'netwright-model';
  version: 1;
  name: string;
  dataset: string;
  seed: number;
  validationSplit: number;
  inputShape: [number, number, number];
  classNames: string[];
  normalization: { mean: number[]; std: number[] };
  /** True when the output is probabilities (the network ends in a softmax). */
  probabilities: boolean;
  /** The epoch these weights are from, and its metrics. */
  epoch: number;
  metrics?: EpochMetrics;
}

async function writeAtomic(path: string, data: string | Uint8Array) {
  await writeFile(`${path}.tmp`, data);
  await rename(`${path}.tmp`, path);
}

/** An IOHandler that writes `dir/model.json` and `dir/weights.bin`. */
export function diskSaver(dir: string): tf.io.IOHandler {
  return {
    save: async (artifacts) => {
      await mkdir(dir, { recursive: true });
      const weightData = artifacts.weightData ? new Uint8Array(tf.io.CompositeArrayBuffer.join(artifacts.weightData)) : new Uint8Array();
      const modelJson = {
        modelTopology: artifacts.modelTopology,
        format: artifacts.format ?? 'layers-model',
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy ?? null,
        weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs ?? [] }],
      };
      await writeAtomic(join(dir, 'weights.bin'), weightData);
      await writeAtomic(join(dir, 'model.json'), JSON.stringify(modelJson));
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
    },
  };
}

/** An IOHandler that reads what `diskSaver` wrote. */
export function diskLoader(dir: string): tf.io.IOHandler {
  return {
    load: async () => {
      const json = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8')) as { modelTopology: object; format?: string; weightsManifest: { weights: tf.io.WeightsManifestEntry[] }[] };
      const bytes = await readFile(join(dir, 'weights.bin'));
      const weightData = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
      return { modelTopology: json.modelTopology, format: json.format, weightSpecs: json.weightsManifest.flatMap((g) => g.weights), weightData };
    },
  };
}

/** Save weights and meta: `await saveModel(model, '/tmp/lenet', meta)`. */
export async function saveModel(model: tf.LayersModel, dir: string, meta: ModelMeta): Promise<void> {
  await model.save(diskSaver(dir));
  await writeAtomic(join(dir, 'netwright.json'), JSON.stringify(meta, null, 2) + '\n');
}

/** A saved model's `netwright.json`; throws a readable error when the folder holds none. A torch run's has `engine: 'torch'`. */
export async function readMeta(dir: string): Promise<ModelMeta & { engine?: string }> {
  let meta: ModelMeta;
  try {
    meta = JSON.parse(await readFile(join(dir, 'netwright.json'), 'utf8')) as ModelMeta;
  } catch (e) {
    throw new Error(`${dir} holds no saved Netwright model (netwright.json: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}).`);
  }
  if (meta.format !== 'netwright-model') throw new Error(`${join(dir, 'netwright.json')} is not a Netwright model description.`);
  return meta;
}

/** Load a saved model and its meta; throws a readable error when the folder holds none. */
export async function loadModel(dir: string): Promise<{ model: tf.LayersModel; meta: ModelMeta }> {
  const meta = await readMeta(dir);
  if (meta.engine === 'torch') throw new Error(`${dir} holds a PyTorch model.pt from the torch engine: evaluating reads tfjs models (load it in PyTorch with load_state_dict).`);
  const model = await tf.loadLayersModel(diskLoader(dir));
  return { model, meta };
}
