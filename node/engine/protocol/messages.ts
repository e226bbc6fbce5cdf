/**
 * What the parent sends a trainer process, and the trainer's reply to a probe. During a run the
 * trainer replies with `TrainEvent`s (shared/api.ts); both ends validate what they receive.
 */
import { join } from 'node:path';
import { z } from 'zod';
import { ComparisonSchema, DatasetSpecSchema, ENGINES, ExplainDrawSchema, ExplainImageSchema, ExplanationSchema, PredictionSchema, PreviewSchema, RUN_WEIGHTS, SavedEvaluationSchema, TrainOptionsSchema } from '../../../shared/api';
import { DocumentSchema } from '../../../shared/graph/schema';

/** Set by the parent (the service or the CLI), never by the renderer: where files go. */
export const TrainerConfigSchema = z.object({
  runDir: z.string().optional(),
  saveTo: z.string().optional(),
  cacheDir: z.string().optional(),
  batchEventsPerSecond: z.number().min(0).optional(),
  /** Start from these weights (fine-tuning): a .pth/.pt or safetensors file, or a saved model's folder; `name` is what messages call it. */
  weights: z.object({ path: z.string(), name: z.string().optional() }).optional(),
});

export const TrainerRequestSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('start'), doc: DocumentSchema, options: TrainOptionsSchema.default({}), config: TrainerConfigSchema.default({}) }),
  /** Time a few training steps instead of training (for `train.estimate`). */
  z.object({ type: z.literal('probe'), doc: DocumentSchema, options: TrainOptionsSchema.default({}), config: TrainerConfigSchema.default({}) }),
  /** A few labelled images of a dataset (for `dataset.preview`): reading them may take a while. */
  z.object({ type: z.literal('preview'), dataset: DatasetSpecSchema, count: z.number().int().min(1).max(64), seed: z.number().int().min(0), cacheDir: z.string().optional() }),
  /** Evaluate a saved model (for `runs.evaluate`); `dir` is set by the parent, never by the renderer. */
  z.object({
    type: z.literal('evaluate'),
    dir: z.string(),
    weights: z.enum(RUN_WEIGHTS),
    dataset: DatasetSpecSchema.optional(),
    limit: z.number().int().min(1).optional(),
    cacheDir: z.string().optional(),
    samples: z.number().int().min(0).max(64),
  }),
  /**
   * Look inside a saved model for one image (for `runs.explain`: `dir`, with `weights` final or best), or `doc` with a weights
   * file (for `explain`: `file`, with `weights` what messages call it); both paths are set by the parent, `doc` names the layers' nodes.
   */
  ExplainDrawSchema.extend({
    type: z.literal('explain'),
    dir: z.string().optional(),
    file: z.string().optional(),
    weights: z.string(),
    doc: DocumentSchema.optional(),
    image: ExplainImageSchema,
    cacheDir: z.string().optional(),
  }),
  /** The top classes for a photo (for `predict`): `weights` is a file or a saved model's folder, set by the parent; `name` is what messages call it. */
  z.object({ type: z.literal('predict'), doc: DocumentSchema, weights: z.string(), name: z.string().optional(), image: z.string(), top: z.number().int().min(1).max(1000).optional(), partial: z.boolean().optional() }),
  /** The document as an ONNX file (for `export.onnx`): fresh weights, or the saved model's in `dir`, set by the parent. */
  z.object({ type: z.literal('onnx'), doc: DocumentSchema, dir: z.string().optional() }),
  /** Time forward passes of several documents at several batch sizes (for `compare`); `memoryLimit` (bytes) replaces free memory as the limit. */
  z.object({
    type: z.literal('compare'),
    docs: z.array(z.object({ name: z.string(), template: z.string().optional(), doc: DocumentSchema })).min(1),
    batches: z.array(z.number().int().min(1)).min(1).optional(),
    repeats: z.number().int().min(1).optional(),
    memoryLimit: z.number().min(0).optional(),
  }),
  z.object({ type: z.literal('stop') }),
  z.object({ type: z.literal('pause') }),
  z.object({ type: z.literal('resume') }),
]);

/** The trainer's answer to a probe request (and the torch engine's timing, in the same shape). */
export const ProbeReplySchema = z.object({
  type: z.literal('probe'),
  /** The engine that was timed. */
  engine: z.enum(ENGINES),
  backend: z.string(),
  /** Training, as the run's loop goes: batches gathered and augmented, the step, metric streaming. */
  samplesPerSecond: z.number(),
  /** Validation's forward passes; absent where not timed (then taken as 3× the training speed). */
  valSamplesPerSecond: z.number().optional(),
  /** Each epoch's fixed cost beyond its samples: the evaluation report (confusion matrix, sample pictures). */
  epochOverheadSeconds: z.number().optional(),
  trainSamples: z.number().int(),
  valSamples: z.number().int(),
});

/** The trainer's answer to a preview request. */
export const PreviewReplySchema = z.object({ type: z.literal('preview'), preview: PreviewSchema });

/** The trainer's answer to an onnx request: the file (base64) and where its weights came from. */
export const OnnxReplySchema = z.object({ type: z.literal('onnx'), base64: z.string(), from: z.string() });

/** The trainer's answer to an evaluate request. */
export const EvaluateReplySchema = z.object({ type: z.literal('evaluate'), evaluation: SavedEvaluationSchema });

/** The trainer's answer to an explain request. */
export const ExplainReplySchema = z.object({ type: z.literal('explain'), explanation: ExplanationSchema });

/** The trainer's answer to a predict request. */
export const PredictReplySchema = z.object({ type: z.literal('predict'), prediction: PredictionSchema });

/** The trainer's answer to a compare request. */
export const CompareReplySchema = z.object({ type: z.literal('compare'), comparison: ComparisonSchema });

export type TrainerRequest = z.input<typeof TrainerRequestSchema>;
export type TrainerConfig = z.infer<typeof TrainerConfigSchema>;
type RunWeights = (typeof RUN_WEIGHTS)[number];
export type ProbeReply = z.infer<typeof ProbeReplySchema>;
export type PreviewReply = z.infer<typeof PreviewReplySchema>;
export type EvaluateReply = z.infer<typeof EvaluateReplySchema>;
export type OnnxReply = z.infer<typeof OnnxReplySchema>;
export type ExplainReply = z.infer<typeof ExplainReplySchema>;
export type PredictReply = z.infer<typeof PredictReplySchema>;
export type CompareReply = z.infer<typeof CompareReplySchema>;

/**
 * Where a run's weights go, for either engine: `final/` or `best/` (the best epoch's so far) in
 * the run history's folder, and the CLI's --save folder itself (final) or its `best/`.
 */
export const weightDirs = (config: Pick<TrainerConfig, 'runDir' | 'saveTo'>, which: RunWeights): string[] =>
  [config.runDir && join(config.runDir, which), config.saveTo && (which === 'final' ? config.saveTo : join(config.saveTo, 'best'))].filter((d): d is string => !!d);

/** The events after which a run is over. */
export const FINAL_EVENTS: ReadonlySet<string> = new Set(['done', 'stopped', 'error']);

/** What every out-of-memory error starts with, whether the trainer or the runner reports it. */
export const OUT_OF_MEMORY = 'The trainer ran out of memory';
