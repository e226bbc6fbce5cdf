/**
 * The Netwright document: one JSON value that the canvas shows, the file holds, the engine
 * compiles and the code generators read. Described once, here, as zod schemas.
 */
import { z } from 'zod';
import { parseDatasetSpec } from '../datasets';

export const FORMAT = 'netwright';
/** The version this build writes. Older versions are migrated on load (see migrations.ts). */
export const VERSION = 3;

const finite = z.number().finite();

export const NodeSchema = z.object({
  id: z.string().min(1).max(200),
  kind: z.string().min(1).max(200),
  params: z.record(z.string(), z.unknown()),
  position: z.object({ x: finite, y: finite }),
  label: z.string().max(200).optional(),
  /**
   * The node's weights do not change in training (transfer learning). On a block instance it
   * freezes every layer inside that instance. Absent = trainable; `false` is never written.
   * The editor and the CLI set it (and `lrFactor`) on the top-level graph's nodes only
   * (shared/document/transfer.ts); one inside a block definition would hold in every instance.
   * Frozen BatchNorm layers also keep their running statistics (they run in inference mode).
   */
  frozen: z.literal(true).optional(),
  /**
   * Multiplies the learning rate for this node's weights, as MATLAB's `WeightLearnRateFactor`;
   * absent = 1. On a block instance it applies to every layer inside it.
   */
  lrFactor: z.number().min(0).max(1000).optional(),
});

export const EdgeSchema = z.object({
  id: z.string().min(1).max(200),
  source: z.string().min(1),
  target: z.string().min(1),
  /** Which input of the target the tensor feeds; keeps the order of Concatenate inputs. */
  targetPort: z.number().int().min(0).max(1024),
});

export const GraphSchema = z.object({
  nodes: z.array(NodeSchema).max(100_000),
  edges: z.array(EdgeSchema).max(400_000),
});

/** A reusable, named subgraph; instances are nodes of kind `block:<id>`. */
export const BlockSchema = z.object({
  id: z.string().min(1).max(200),
  name: z.string().max(200),
  params: z.record(z.string(), z.unknown()),
  graph: GraphSchema,
});

export const OPTIMIZERS = ['sgd', 'adam', 'rmsprop'] as const;
export const NORMALIZATIONS = ['scale', 'standardize'] as const;

/** How the learning rate changes over the epochs. */
export const ScheduleSchema = z.discriminatedUnion('kind', [
  /** The same rate throughout. */
  z.object({ kind: z.literal('none') }),
  /** Multiplied by `gamma` every `every` epochs (PyTorch's StepLR). */
  z.object({ kind: z.literal('step'), every: z.number().int().min(1).max(1000), gamma: z.number().positive().max(1) }),
  /** Half a cosine from the full rate down to 0 over the run (CosineAnnealingLR, per batch). */
  z.object({ kind: z.literal('cosine') }),
]);

/** Random changes to each training image, drawn anew every epoch; validation images are left alone. */
export const AugmentationSchema = z.object({
  /** Mirror half the images left to right. */
  flip: z.boolean(),
  /** Shift by up to this many pixels, filling with black ("random crop with padding"); 0 = off. */
  crop: z.number().int().min(0).max(64),
});

export const TrainingSchema = z.object({
  /** `mnist`, `fashion-mnist`, `synthetic:SIZE:CLASSES`, `synthetic:HxW:CLASSES:CHANNELS` or a folder path. */
  dataset: z
    .string()
    .min(1)
    .max(1000)
    .superRefine((s, ctx) => {
      const parsed = parseDatasetSpec(s);
      if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.message });
    }),
  /** Share of the dataset held out for validation (seeded split). */
  validationSplit: z.number().min(0.01).max(0.9),
  epochs: z.number().int().min(1).max(1000),
  batchSize: z.number().int().min(1).max(4096),
  learningRate: z.number().positive().max(10),
  optimizer: z.enum(OPTIMIZERS),
  /** SGD's momentum (0 = plain SGD); Adam and RMSprop ignore it. */
  momentum: z.number().min(0).max(0.999),
  schedule: ScheduleSchema,
  /** L2 penalty on kernels (not biases or BatchNorm), as PyTorch's `weight_decay`; 0 = off. */
  weightDecay: z.number().min(0).max(1),
  /** `scale`: pixels to 0..1; `standardize`: per channel, minus the training set's mean, over its deviation. */
  normalization: z.enum(NORMALIZATIONS),
  augmentation: AugmentationSchema,
  seed: z.number().int().min(0),
});

export const DocumentSchema = z.object({
  format: z.literal(FORMAT),
  version: z.literal(VERSION),
  name: z.string().max(200),
  description: z.string().max(10_000).optional(),
  graph: GraphSchema,
  blocks: z.array(BlockSchema).max(1000),
  training: TrainingSchema,
});

export type GraphNode = z.infer<typeof NodeSchema>;
export type GraphEdge = z.infer<typeof EdgeSchema>;
export type Graph = z.infer<typeof GraphSchema>;
export type Block = z.infer<typeof BlockSchema>;
export type Training = z.infer<typeof TrainingSchema>;
export type Schedule = z.infer<typeof ScheduleSchema>;
export type Augmentation = z.infer<typeof AugmentationSchema>;
export type NetwrightDocument = z.infer<typeof DocumentSchema>;

export const DEFAULT_TRAINING: Training = {
  dataset: 'mnist',
  validationSplit: 0.2,
  epochs: 3,
  batchSize: 32,
  learningRate: 0.001,
  optimizer: 'adam',
  momentum: 0.9,
  schedule: { kind: 'none' },
  weightDecay: 0,
  normalization: 'scale',
  augmentation: { flip: false, crop: 0 },
  seed: 1,
};

/** An empty document, e.g. `emptyDocument('Untitled')`. */
export function emptyDocument(name = 'Untitled'): NetwrightDocument {
  return {
    format: FORMAT,
    version: VERSION,
    name,
    graph: { nodes: [], edges: [] },
    blocks: [],
    training: structuredClone(DEFAULT_TRAINING),
  };
}
