/**
 * What a run sets up before its first batch — the settings, the backend, the compiled model,
 * the dataset fitted to the Input and the batch recipe — done the same way for a run (`train`)
 * and for the speed probe that estimates it (`probe`), so that the probe times what a run does.
 */
import type * as tf from '@tensorflow/tfjs';
import type { TrainOptions } from '../../../shared/api';
import type { NetwrightDocument } from '../../../shared/graph/schema';
import { formatShape } from '../../../shared/layers/types';
import { backendThreads, pickBackend } from '../backend/choose';
import { threadsForRun } from '../backend/wasm-threads';
import { checkHeapFits, guardWasmHeap } from '../budget/memory';
import { loadDataset } from '../data/load';
import type { Dataset, ImageShape } from '../data/subset';
import { compileDocument } from '../model/compile';
import { channelStats, unitScale, type BatchRecipe } from './batches';
import { resolveSettings, type RunSettings } from './run-settings';

export interface PreparedRun {
  settings: RunSettings;
  backend: string;
  /** The wasm backend's threads, where it has them. */
  threads?: number;
  model: tf.LayersModel;
  data: Dataset;
  input: ImageShape;
  classes: number;
  recipe: BatchRecipe;
  batchesPerEpoch: number;
}

export interface PrepareConfig {
  /** Try this backend first (the run's `options.backend` wins). */
  backend?: string;
  /** Where decoded image folders are cached. */
  cacheDir?: string;
  /** Check the wasm heap for this batch size rather than the run's (the probe's smaller batch). */
  heapBatch?: number;
}

/**
 * `const run = await prepareRun(doc, { epochs: 1 }, { cacheDir })`; the caller disposes
 * `run.model`. Throws a readable error for a network or data that cannot train (and then
 * leaves nothing behind).
 */
export async function prepareRun(doc: NetwrightDocument, options: TrainOptions, config: PrepareConfig = {}): Promise<PreparedRun> {
  const settings = resolveSettings(doc.training, options);
  const backend = await pickBackend(settings.backend ?? config.backend, { threads: threadsForRun(doc, settings) });
  const threads = backendThreads();
  guardWasmHeap();
  checkHeapFits(doc, { ...settings, batchSize: config.heapBatch ?? settings.batchSize }, backend);
  const model = compileDocument(doc);
  try {
    const { input, classes } = modelShape(model);
    const data = await loadDataset(settings.dataset, { seed: settings.seed, validationSplit: settings.validationSplit, input, limit: settings.limit, cacheDir: config.cacheDir });
    checkClasses(data, classes);
    const recipe: BatchRecipe = { shape: input, classes, ...(settings.normalization === 'standardize' ? channelStats(data.train, input) : unitScale(input[2])) };
    const batchesPerEpoch = Math.ceil(data.train.count / settings.batchSize);
    return { settings, backend, ...(threads ? { threads } : {}), model, data, input, classes, recipe, batchesPerEpoch };
  } catch (e) {
    model.dispose();
    throw e;
  }
}

/** The Input's shape and the number of outputs; one Input and one flat output are required. */
function modelShape(model: tf.LayersModel): { input: ImageShape; classes: number } {
  if (model.inputs.length !== 1 || model.outputs.length !== 1) {
    throw new Error(`Training needs exactly one Input and one output layer; this network has ${model.inputs.length} and ${model.outputs.length}.`);
  }
  const input = model.inputs[0]!.shape.slice(1) as number[];
  const output = model.outputs[0]!.shape.slice(1) as number[];
  if (input.length !== 3) throw new Error(`Training needs an image Input (height × width × channels); this one is ${formatShape(input)}.`);
  if (output.length !== 1) throw new Error(`The network must end in one value per class (Flatten, then Dense), but its output is ${formatShape(output)}.`);
  return { input: input as ImageShape, classes: output[0]! };
}

function checkClasses(data: Dataset, units: number) {
  const n = data.classNames.length;
  if (units !== n) throw new Error(`${data.title} has ${n} classes, so the network must end in ${n} values, but its output is ${units} — end with Flatten and Dense(${n}).`);
}
