/**
 * Train a document with tfjs, reporting progress as `TrainEvent`s. A custom loop
 * (optimizer.minimize per batch) rather than `model.fit`: it stops or pauses between any two
 * batches, reads exactly the numbers we report, and owns every tensor it makes.
 */
import type * as tf from '@tensorflow/tfjs';
import type { EpochMetrics, TrainEvent, TrainOptions } from '../../../shared/api';
import type { NetwrightDocument } from '../../../shared/graph/schema';
import { endsInSoftmax } from '../../../shared/graph/softmax-output';
import { trainingErrorMessage } from '../budget/memory';
import { imageSize } from '../data/subset';
import { applyTrainingFlags } from '../model/trainable';
import { weightDirs } from '../protocol/messages';
import { saveModel, type ModelMeta } from './checkpoint';
import type { RunControl } from './control';
import { epochLoop } from './epoch';
import { evalBatchSize, evaluateSubset, evaluationOf } from './evaluate';
import { decayedWeights, disposeOptimizer, makeOptimizer, weightPenalty } from './optimizer';
import { cacheFor } from './feature-cache';
import { initialWeightsText, loadInitialWeights, type WeightsSource } from './initial-weights';
import { prepareRun } from './prepare';
import { optimizerWithFactors } from './rate-factors';
import { EtaClock } from './progress';
import type { RunSettings } from './run-settings';
import { divergedMessage, lossFor } from './step';

export const ENGINE = 'tfjs';

/** Where a run keeps what it makes, and how chatty it is; all optional. */
export interface TrainConfig {
  /** Try this backend first (the run's `options.backend` wins). */
  backend?: string;
  /** The run history's folder for this run: weights go to `final/` and `best/` in it. */
  runDir?: string;
  /** Also save the final model here, and the best epoch's in `best/` under it (the CLI's --save). */
  saveTo?: string;
  /** Where decoded image folders are cached. */
  cacheDir?: string;
  /** At most this many batch events per second (default 20; 0: none; Infinity: every batch, as tests want). */
  batchEventsPerSecond?: number;
  /** Sample the nodes' health every this many batches (default HEALTH_EVERY, shared/health.ts; 0: never). */
  healthEvery?: number;
  /** Start from these weights rather than at random (fine-tuning): initial-weights.ts. */
  weights?: WeightsSource;
  /** Run a frozen first part once per image and train the rest on its cached output (feature-cache.ts); default true. */
  featureCache?: boolean;
}

/**
 * Run one training: `start`, logs, `batch`…, `epoch` and `evaluation` per epoch, then `done`;
 * `paused`/`resumed` around a pause; `stopped` soon after `control.stop()`; or `error` (bad
 * network, data that does not fit it, NaN loss, any exception). Never throws.
 * `await train(lenet5(), { epochs: 1 }, console.log, new RunControl())`.
 */
export async function train(doc: NetwrightDocument, options: TrainOptions, emit: (e: TrainEvent) => void, control: RunControl, config: TrainConfig = {}): Promise<void> {
  let model: tf.LayersModel | undefined;
  let optimizer: tf.Optimizer | undefined;
  /** The feature cache's head: the model's own layers applied again, which holds them once more (disposed after the model). */
  let head: tf.LayersModel | undefined;
  try {
    const run = await prepareRun(doc, options, config);
    model = run.model;
    const { settings, backend, threads, data, input, recipe, batchesPerEpoch } = run;
    for (const note of data.notes) emit({ type: 'log', message: note });
    if (config.weights) emit({ type: 'log', message: initialWeightsText(config.weights.name ?? config.weights.path, await loadInitialWeights(doc, model, config.weights)) });
    const plan = applyTrainingFlags(doc, model);
    emit({
      type: 'start',
      engine: ENGINE,
      backend,
      ...(threads ? { threads } : {}),
      epochs: settings.epochs,
      batchesPerEpoch,
      trainSamples: data.train.count,
      valSamples: data.val.count,
      dataset: data.title,
      classNames: data.classNames,
      inputShape: input,
      trainableParams: plan.trainableParams,
      frozenParams: plan.frozenParams,
      ...(config.runDir ? { runDir: config.runDir } : {}),
    });

    optimizer = optimizerWithFactors(() => makeOptimizer(settings), plan.factors, settings.learningRate);
    const loss = lossFor(doc);
    const probabilities = endsInSoftmax(doc);
    const trained = new Set(plan.variables);
    const decayed = settings.weightDecay > 0 ? decayedWeights(model).filter((w) => trained.has(w)) : [];
    const penalty = decayed.length > 0 ? () => weightPenalty(decayed, settings.weightDecay) : undefined;
    const augmenting = settings.augmentation.flip || settings.augmentation.crop > 0;
    const features = config.featureCache === false ? {} : cacheFor(model, data.train, data.val, recipe, augmenting);
    head = features.head;
    if (features.note) emit({ type: 'log', message: features.note });
    const clock = new EtaClock(data.train.count * settings.epochs, data.val.count, settings.epochs);
    const meta = (epoch: number, metrics?: EpochMetrics): ModelMeta => ({
      format: 'netwright-model',
      version: 1,
      name: doc.name,
      dataset: settings.dataset,
      seed: settings.seed,
      validationSplit: settings.validationSplit,
      inputShape: input,
      classNames: data.classNames,
      normalization: { mean: recipe.mean, std: recipe.std },
      probabilities,
      epoch,
      ...(metrics ? { metrics } : {}),
    });
    const saveTo = async (which: 'final' | 'best', epoch: number, metrics?: EpochMetrics) => {
      for (const dir of weightDirs(config, which)) {
        try {
          await saveModel(model!, dir, meta(epoch, metrics));
        } catch (e) {
          emit({ type: 'log', message: `Could not save the ${which === 'final' ? 'final' : 'best epoch\'s'} weights to ${dir}: ${(e as Error).message}` });
        }
      }
    };

    const epochs: EpochMetrics[] = [];
    let best: EpochMetrics | undefined;
    const evalBatch = evalBatchSize(settings.batchSize, imageSize(input));
    const outcome = await epochLoop(
      {
        model: features.head ?? model,
        ...(features.cache ? { batches: features.cache.batch.bind(features.cache) } : {}),
        optimizer,
        loss,
        weights: plan.variables,
        penalty,
        data,
        recipe,
        settings: settings as RunSettings,
        batchesPerEpoch,
        clock,
        control,
        emit,
        eventsPerSecond: config.batchEventsPerSecond ?? 20,
      },
      async (epoch, train, trainSeconds) => {
        const began = performance.now();
        const cached = features.validation ? { batches: features.validation.batch.bind(features.validation) } : {};
        const val = evaluateSubset(features.head ?? model!, data.val, recipe, loss, { batch: evalBatch, probabilities, ...cached });
        clock.validated(data.val.count, (performance.now() - began) / 1000);
        if (!Number.isFinite(val.loss)) return divergedMessage(val.loss, epoch, batchesPerEpoch, settings.learningRate);
        const evaluation = await evaluationOf(epoch, val, data, input);
        const seconds = trainSeconds + (performance.now() - began) / 1000;
        const metrics: EpochMetrics = { epoch, loss: train.loss, acc: train.acc, valLoss: val.loss, valAcc: val.acc, seconds };
        epochs.push(metrics);
        emit({ type: 'epoch', ...metrics });
        emit({ type: 'evaluation', ...evaluation });
        if (!best || metrics.valAcc > best.valAcc) {
          best = metrics;
          await saveTo('best', epoch, metrics);
        }
        return undefined;
      },
      { doc, every: config.healthEvery },
    );
    if (outcome.kind === 'stopped') return emit({ type: 'stopped' });
    if (outcome.kind === 'diverged') return emit({ type: 'error', message: outcome.message });
    await saveTo('final', settings.epochs, epochs.at(-1));
    emit({ type: 'done', epochs, engine: ENGINE, backend, samplesPerSecond: clock.speed, ...(best ? { bestEpoch: best.epoch } : {}) });
  } catch (err) {
    emit({ type: 'error', message: trainingErrorMessage(err) });
  } finally {
    model?.dispose();
    head?.dispose();
    if (optimizer) disposeOptimizer(optimizer);
  }
}
