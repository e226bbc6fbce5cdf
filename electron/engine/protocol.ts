/**
 * What the parent sends a trainer process. The trainer replies with `TrainEvent`s (shared/api.ts);
 * both ends validate what they receive.
 */
import { z } from 'zod';
import { TrainOptionsSchema } from '../../shared/api';
import { DocumentSchema } from '../../shared/graph/schema';

export const TrainerRequestSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('start'), doc: DocumentSchema, options: TrainOptionsSchema.default({}) }),
  z.object({ type: z.literal('stop') }),
]);

export type TrainerRequest = z.input<typeof TrainerRequestSchema>;

/** The events after which a run is over. */
export const FINAL_EVENTS: ReadonlySet<string> = new Set(['done', 'stopped', 'error']);
