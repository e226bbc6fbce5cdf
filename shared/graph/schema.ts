/**
 * The Netwright document: one JSON value that the canvas shows, the file holds, the engine
 * compiles and the code generators read. Described once, here, as zod schemas.
 */
import { z } from 'zod';

export const FORMAT = 'netwright';
/** The version this build writes. Older versions are migrated on load (see migrations.ts). */
export const VERSION = 1;

const finite = z.number().finite();

export const NodeSchema = z.object({
  id: z.string().min(1).max(200),
  kind: z.string().min(1).max(200),
  params: z.record(z.string(), z.unknown()),
  position: z.object({ x: finite, y: finite }),
  label: z.string().max(200).optional(),
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

export const OPTIMIZERS = ['adam', 'sgd', 'rmsprop'] as const;
export const DATASETS = ['mnist'] as const;

export const TrainingSchema = z.object({
  dataset: z.enum(DATASETS),
  epochs: z.number().int().min(1).max(1000),
  batchSize: z.number().int().min(1).max(4096),
  learningRate: z.number().positive().max(10),
  optimizer: z.enum(OPTIMIZERS),
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
export type NetwrightDocument = z.infer<typeof DocumentSchema>;

export const DEFAULT_TRAINING: Training = {
  dataset: 'mnist',
  epochs: 3,
  batchSize: 32,
  learningRate: 0.001,
  optimizer: 'adam',
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
    training: { ...DEFAULT_TRAINING },
  };
}
