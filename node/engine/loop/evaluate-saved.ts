/**
 * Evaluating a saved model (`train --save DIR`, or a run's `final/` or `best/` folder) on the
 * validation part of a dataset — by default the one it was trained on, split with the same
 * seed, so these are images it did not train on. Pixels are normalised as in training. Used by
 * `netwright evaluate` and by the trainer process's `evaluate` job (`runs.evaluate`).
 */
import { pickBackend } from '../backend/choose';
import { loadModel, type ModelMeta } from './checkpoint';
import { loadDataset } from '../data/load';
import { imageSize, limitSubset } from '../data/subset';
import { evalBatchSize, evaluateSubset, evaluationOf, type EvalResult } from './evaluate';
import { crossEntropyOnLogits, crossEntropyOnProbabilities } from './step';
import type { Dataset } from '../data/subset';
import type { EvaluateReply, TrainerRequest } from '../protocol/messages';

export interface SavedEvalOptions {
  /** A dataset spec; default the one the model was trained on. */
  dataset?: string;
  /** Evaluate on the first N validation samples only. */
  limit?: number;
  cacheDir?: string;
  /** How many samples to pick for showing (mistakes first); default 0. */
  samples?: number;
}

export interface SavedEval {
  meta: ModelMeta;
  /** The spec evaluated on, and its title ("MNIST"). */
  dataset: string;
  data: Dataset;
  /** Validation samples evaluated. */
  count: number;
  result: EvalResult;
}

/** `await evaluateSaved('/runs/abc/final', { limit: 500 })` → loss, accuracy, confusion matrix… */
export async function evaluateSaved(dir: string, options: SavedEvalOptions = {}): Promise<SavedEval> {
  const { model, meta } = await loadModel(dir);
  try {
    const dataset = options.dataset ?? meta.dataset;
    const data = await loadDataset(dataset, { seed: meta.seed, validationSplit: meta.validationSplit, input: meta.inputShape, cacheDir: options.cacheDir });
    const classes = model.outputs[0]!.shape.at(-1) as number;
    if (data.classNames.length !== classes) throw new Error(`${data.title} has ${data.classNames.length} classes, but the model has ${classes} outputs.`);
    const val = options.limit ? limitSubset(data.val, options.limit) : data.val;
    const recipe = { shape: meta.inputShape, classes, mean: meta.normalization.mean, std: meta.normalization.std };
    const loss = meta.probabilities ? crossEntropyOnProbabilities : crossEntropyOnLogits;
    const result = evaluateSubset(model, val, recipe, loss, { batch: evalBatchSize(32, imageSize(meta.inputShape)), probabilities: meta.probabilities, samples: options.samples ?? 0 });
    return { meta, dataset, data: { ...data, val }, count: val.count, result };
  } finally {
    model.dispose();
  }
}

/** The trainer's `evaluate` job: the backend picked, the model evaluated, a few samples drawn as PNGs. */
export async function evaluateJob(request: Extract<TrainerRequest, { type: 'evaluate' }>): Promise<EvaluateReply> {
  const backend = await pickBackend();
  const { meta, dataset, data, count, result } = await evaluateSaved(request.dir, { dataset: request.dataset, limit: request.limit, cacheDir: request.cacheDir, samples: request.samples });
  const evaluation = await evaluationOf(meta.epoch, result, data, meta.inputShape);
  return { type: 'evaluate', evaluation: { ...evaluation, weights: request.weights, dataset, title: data.title, backend, count, loss: result.loss, acc: result.acc } };
}
