/**
 * The loop over epochs and batches: a seeded shuffle per epoch, augmentation, the learning-rate
 * schedule, one optimisation step per batch, throttled `batch` events with an ETA, and pause,
 * resume and stop between batches.
 */
import type * as tf from '@tensorflow/tfjs';
import type { TrainEvent } from '../../../shared/api';
import { makeBatch, type BatchRecipe } from './batches';
import type { RunControl } from './control';
import type { Dataset } from '../data/subset';
import { learningRateAt, setLearningRate } from './optimizer';
import type { EtaClock } from './progress';
import { permutation, seededRandom } from '../data/random';
import type { RunSettings } from './run-settings';
import { divergedMessage, trainStep, type Loss } from './step';
import { HealthSampler } from './health';
import { HEALTH_EVERY, isHealthStep } from '../../../shared/health';
import type { NetwrightDocument } from '../../../shared/graph/schema';

export interface LoopContext {
  model: tf.LayersModel;
  optimizer: tf.Optimizer;
  loss: Loss;
  weights: tf.Variable[];
  penalty?: () => tf.Scalar;
  data: Dataset;
  recipe: BatchRecipe;
  settings: RunSettings;
  batchesPerEpoch: number;
  clock: EtaClock;
  control: RunControl;
  emit: (e: TrainEvent) => void;
  /** At most this many batch events per second; 0: none; Infinity: one for every batch. */
  eventsPerSecond: number;
  /** Where a batch comes from instead of the images: the feature cache's features (feature-cache.ts), for `model` being the head. */
  batches?: (indices: ArrayLike<number>) => { xs: tf.Tensor; ys: tf.Tensor };
}

export type Outcome = { kind: 'done' } | { kind: 'stopped' } | { kind: 'diverged'; message: string };

/** Which document the model was compiled from (to name nodes), and how often to sample its health (0: never). */
export interface HealthOptions {
  doc: NetwrightDocument;
  every?: number;
}

/**
 * Train every epoch; after each, `afterEpoch(epoch, { loss, acc }, seconds)` validates and
 * reports, and may end the run as diverged by returning a message. `seconds` is the wall-clock
 * time the epoch's batches took, pauses left out. With `health`, sampled batches (shared/health.ts)
 * also report a `health` event, before their `batch` event.
 */
export async function epochLoop(ctx: LoopContext, afterEpoch: (epoch: number, train: { loss: number; acc: number }, seconds: number) => Promise<string | undefined>, health?: HealthOptions): Promise<Outcome> {
  const { settings, data, control, emit, clock } = ctx;
  const every = health?.every ?? HEALTH_EVERY;
  const sampler = health && every > 0 ? new HealthSampler(health.doc, ctx.model, ctx.weights) : undefined;
  const order = seededRandom(settings.seed + 1);
  const augmentRandom = seededRandom(settings.seed + 2);
  const augment = settings.augmentation.flip || settings.augmentation.crop > 0 ? settings.augmentation : undefined;
  let lastEvent = -Infinity;
  for (let epoch = 1; epoch <= settings.epochs; epoch++) {
    const shuffled = permutation(data.train.count, order);
    let lossSum = 0;
    let correct = 0;
    let epochBegan = performance.now();
    for (let b = 0; b < ctx.batchesPerEpoch; b++) {
      // Let stop, pause and resume messages (event-loop events) arrive between batches.
      await new Promise((resolve) => setImmediate(resolve));
      if (control.paused && !control.stopped) {
        const pausedAt = performance.now();
        emit({ type: 'paused' });
        await control.untilResumed();
        epochBegan += performance.now() - pausedAt;
        if (!control.stopped) emit({ type: 'resumed' });
      }
      if (control.stopped) return { kind: 'stopped' };
      const rate = learningRateAt(settings.schedule, settings.learningRate, epoch - 1 + b / ctx.batchesPerEpoch, settings.epochs);
      setLearningRate(ctx.optimizer, rate);
      const start = b * settings.batchSize;
      const end = Math.min(start + settings.batchSize, data.train.count);
      const began = performance.now();
      const { xs, ys } = ctx.batches ? ctx.batches(shuffled.subarray(start, end)) : makeBatch(data.train, shuffled.subarray(start, end), ctx.recipe, augment, augmentRandom);
      const stepNumber = (epoch - 1) * ctx.batchesPerEpoch + b + 1;
      const probe = sampler && isHealthStep(stepNumber, every) ? sampler.probe() : undefined;
      let step;
      try {
        step = trainStep(ctx.model, ctx.optimizer, ctx.loss, xs, ys, ctx.weights, ctx.penalty, probe);
      } finally {
        xs.dispose();
        ys.dispose();
        const nodes = probe?.finish();
        if (nodes && step) emit({ type: 'health', epoch, batch: b + 1, step: stepNumber, nodes });
      }
      clock.trained(end - start, (performance.now() - began) / 1000);
      if (!Number.isFinite(step.loss)) return { kind: 'diverged', message: divergedMessage(step.loss, epoch, b + 1, settings.learningRate) };
      lossSum += step.loss * (end - start);
      correct += step.hits;
      const now = performance.now();
      const last = b === ctx.batchesPerEpoch - 1;
      if (ctx.eventsPerSecond === Infinity || (ctx.eventsPerSecond > 0 && (last || now - lastEvent >= 1000 / ctx.eventsPerSecond))) {
        lastEvent = now;
        const eta = clock.remaining(epoch - 1);
        emit({ type: 'batch', epoch, batch: b + 1, batches: ctx.batchesPerEpoch, loss: step.loss, acc: step.hits / (end - start), ...(Number.isFinite(eta) ? { eta } : {}), learningRate: rate });
      }
    }
    if (control.stopped) return { kind: 'stopped' };
    const problem = await afterEpoch(epoch, { loss: lossSum / data.train.count, acc: correct / data.train.count }, (performance.now() - epochBegan) / 1000);
    if (problem) return { kind: 'diverged', message: problem };
  }
  return { kind: 'done' };
}
