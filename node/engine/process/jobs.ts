/**
 * One-shot jobs in a trainer process, for API calls that need tfjs or heavy reading but no
 * run: the timing probe of `train.estimate`, the images of `dataset.preview`, the saved-model
 * evaluation of `runs.evaluate`, the look inside one of `runs.explain`, the photo of `predict` and the timings of `compare`. None runs in the app's main process, and at most
 * `JOB_POOL_SIZE` run at once: the others wait their turn (twenty quick previews are never
 * twenty processes).
 */
import type { z } from 'zod';
import { TrainEventSchema, type Comparison, type Explanation, type Prediction, type Preview, type SavedEvaluation, type TrainOptions } from '../../../shared/api';
import type { NetwrightDocument } from '../../../shared/graph/schema';
import { CompareReplySchema, EvaluateReplySchema, ExplainReplySchema, PredictReplySchema, PreviewReplySchema, ProbeReplySchema, type ProbeReply, type TrainerRequest } from '../protocol/messages';
import { OnnxReplySchema, type OnnxReply } from '../protocol/messages';
import { forkTrainer, type SpawnTrainer } from './runner';

/** How long a job may take, once its trainer has started, before the trainer is killed. */
export const JOB_TIMEOUT_MS = 120_000;

/** How many one-shot jobs may have a trainer process at once. */
export const JOB_POOL_SIZE = 2;

/** At most `size` tasks at once, the others in the order they came: `await pool.run(() => work())`. */
export function taskPool(size: number) {
  let running = 0;
  const waiting: (() => void)[] = [];
  return {
    async run<T>(task: () => Promise<T>): Promise<T> {
      if (running < size) running++;
      else await new Promise<void>((resolve) => waiting.push(resolve)); // a finished task hands its place over
      try {
        return await task();
      } finally {
        const next = waiting.shift();
        if (next) next();
        else running--;
      }
    },
    /** Tasks running and waiting now. */
    get load() {
      return { running, waiting: waiting.length };
    },
  };
}

/** The one pool every job of this process shares. */
const jobs = taskPool(JOB_POOL_SIZE);

/** Run a one-shot job that starts its own process (the torch engine's probe) in the same pool. */
export const inJobPool = <T>(task: () => Promise<T>): Promise<T> => jobs.run(task);

/**
 * Send one request to a fresh trainer, when the pool has room, and resolve with its reply
 * (checked with `reply`). Rejects with the trainer's error message, or when it crashes or takes
 * longer than `timeoutMs` once started.
 */
export function runTrainerJob<T>(request: TrainerRequest, reply: z.ZodType<T>, spawn: SpawnTrainer = forkTrainer, timeoutMs = JOB_TIMEOUT_MS): Promise<T> {
  return jobs.run(() => trainerJob(request, reply, spawn, timeoutMs));
}

function trainerJob<T>(request: TrainerRequest, reply: z.ZodType<T>, spawn: SpawnTrainer, timeoutMs: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn();
    let settled = false;
    const settle = (f: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      f();
    };
    const timer = setTimeout(() => settle(() => (child.kill(), reject(new Error(`The trainer took over ${timeoutMs / 1000} s to answer.`)))), timeoutMs);
    child.onMessage((raw) => {
      const ok = reply.safeParse(raw);
      if (ok.success) return settle(() => resolve(ok.data));
      const event = TrainEventSchema.safeParse(raw);
      if (event.success && event.data.type === 'error') {
        const message = event.data.message;
        settle(() => reject(new Error(message)));
      }
    });
    child.onExit((code, signal) => settle(() => reject(new Error(`The trainer process ended unexpectedly (${signal ? `signal ${signal}` : `exit code ${code}`}).`))));
    child.send(request);
  });
}

/** Time a second of the run: `await runProbe(doc, {})` → `{ backend: 'wasm', samplesPerSecond: 1900, valSamplesPerSecond: 9000, … }`. */
export const runProbe = (doc: NetwrightDocument, options: TrainOptions = {}, spawn?: SpawnTrainer, cacheDir?: string): Promise<ProbeReply> =>
  runTrainerJob({ type: 'probe', doc, options, config: cacheDir ? { cacheDir } : {} }, ProbeReplySchema, spawn);

/** A few labelled images: `await runPreview('fashion-mnist', 12)`; `cacheDir` is where downloaded datasets are. */
export const runPreview = async (dataset: string, count: number, seed = 1, spawn?: SpawnTrainer, cacheDir?: string): Promise<Preview> =>
  (await runTrainerJob({ type: 'preview', dataset, count, seed, ...(cacheDir ? { cacheDir } : {}) }, PreviewReplySchema, spawn)).preview;

/** A forward pass over a whole validation set of a large net (Fashion-MNIST's 14,000 through a VGG) takes minutes, not seconds. */
export const EVALUATE_TIMEOUT_MS = 15 * 60_000;

/** A document's ONNX file, with fresh weights or those of the saved model in `dir`: VGG-19's 143M weights take a while. */
export const runOnnx = (doc: NetwrightDocument, dir?: string, spawn?: SpawnTrainer): Promise<OnnxReply> =>
  runTrainerJob({ type: 'onnx', doc, ...(dir ? { dir } : {}) }, OnnxReplySchema, spawn, EVALUATE_TIMEOUT_MS);

/** A saved model on a dataset's validation part: `await runEvaluate({ type: 'evaluate', dir, weights: 'final', samples: 16 })`. */
export const runEvaluate = async (request: Extract<TrainerRequest, { type: 'evaluate' }>, spawn?: SpawnTrainer): Promise<SavedEvaluation> =>
  (await runTrainerJob(request, EvaluateReplySchema, spawn, EVALUATE_TIMEOUT_MS)).evaluation;

/** A saved model's layers for one image: `await runExplain({ type: 'explain', dir, weights: 'final', image: { sample: 0 }, gradcam: {} })`. */
export const runExplain = async (request: Extract<TrainerRequest, { type: 'explain' }>, spawn?: SpawnTrainer): Promise<Explanation> =>
  (await runTrainerJob(request, ExplainReplySchema, spawn)).explanation;

/** The top classes for a photo: `await runPredict({ type: 'predict', doc, weights: '/tmp/…/resnet18.pth', name: 'resnet18.pth', image: base64 })`; a large net's forward pass takes a while. */
export const runPredict = async (request: Extract<TrainerRequest, { type: 'predict' }>, spawn?: SpawnTrainer): Promise<Prediction> =>
  (await runTrainerJob(request, PredictReplySchema, spawn, EVALUATE_TIMEOUT_MS)).prediction;

/** Forward times of several networks: `await runCompare({ type: 'compare', docs: [{ name: 'vgg16', doc }], batches: [1, 8] })`; VGG-16 at batch 16 takes a while. */
export const runCompare = async (request: Extract<TrainerRequest, { type: 'compare' }>, spawn?: SpawnTrainer): Promise<Comparison> =>
  (await runTrainerJob(request, CompareReplySchema, spawn, EVALUATE_TIMEOUT_MS)).comparison;
