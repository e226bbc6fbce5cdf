/**
 * A run's settings: the document's `training` with the run's overrides (CLI flags, the API's
 * options) applied. What the trainer uses, what the run history records.
 */
import type { TrainOptions } from '../../../shared/api';
import type { Training } from '../../../shared/graph/schema';

export interface RunSettings extends Training {
  /** Use only the first N training samples. */
  limit?: number;
  /** The tfjs backend to try first. */
  backend?: string;
  /** Threads for the wasm backend. */
  threads?: number;
}

/** `resolveSettings(doc.training, { epochs: 1 })`: options left out keep the document's values. */
export function resolveSettings(training: Training, options: TrainOptions): RunSettings {
  const out: RunSettings = structuredClone(training);
  if (options.epochs !== undefined) out.epochs = options.epochs;
  if (options.batchSize !== undefined) out.batchSize = options.batchSize;
  if (options.dataset !== undefined) out.dataset = options.dataset;
  if (options.optimizer !== undefined) out.optimizer = options.optimizer;
  if (options.learningRate !== undefined) out.learningRate = options.learningRate;
  if (options.limit !== undefined) out.limit = options.limit;
  if (options.backend !== undefined) out.backend = options.backend;
  if (options.threads !== undefined) out.threads = options.threads;
  return out;
}
