/**
 * The one API between the UI and the engine service: every method's request and reply, and
 * every event, as zod schemas. Both transports (Electron IPC, the browser mode's WebSocket)
 * carry exactly these, and both validate every payload against them.
 */
import { z } from 'zod';
import { DocumentSchema } from './graph/schema';

const ShapeSchema = z.array(z.number().int());

const ReceptiveFieldSchema = z.object({ size: z.number(), jump: z.number() }).nullable();

export const SummaryLayerSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.string(),
  outputShape: ShapeSchema.nullable(),
  params: z.number(),
  nonTrainable: z.number(),
  macs: z.number(),
  activations: z.number(),
  /** Pixels of the input one output sees, and the step between neighbours; null after Flatten/Dense. */
  receptiveField: ReceptiveFieldSchema,
});

export const SummarySchema = z.object({
  layers: z.array(SummaryLayerSchema),
  totals: z.object({ params: z.number(), nonTrainable: z.number(), macs: z.number(), activations: z.number(), activationBytes: z.number() }),
  /** One row per block instance: what it is and what it adds up to. */
  blocks: z.array(z.object({ id: z.string(), name: z.string(), block: z.string(), outputShape: ShapeSchema.nullable(), params: z.number(), macs: z.number(), layers: z.number() })),
  errors: z.array(z.object({ node: z.string(), message: z.string() })),
});

export const EpochMetricsSchema = z.object({
  epoch: z.number().int(),
  loss: z.number(),
  acc: z.number(),
  valLoss: z.number(),
  valAcc: z.number(),
});

export const TrainOptionsSchema = z.object({
  epochs: z.number().int().min(1).max(1000).optional(),
  batchSize: z.number().int().min(1).max(4096).optional(),
  /** Use only the first N training samples. */
  limit: z.number().int().min(1).optional(),
});

/** What a trainer reports while it runs; the last event of a run is done, stopped or error. */
export const TrainEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('start'), engine: z.string(), backend: z.string(), epochs: z.number(), batchesPerEpoch: z.number(), trainSamples: z.number(), valSamples: z.number() }),
  z.object({ type: z.literal('batch'), epoch: z.number(), batch: z.number(), batches: z.number(), loss: z.number(), acc: z.number() }),
  EpochMetricsSchema.extend({ type: z.literal('epoch') }),
  z.object({ type: z.literal('done'), epochs: z.array(EpochMetricsSchema), engine: z.string(), backend: z.string(), samplesPerSecond: z.number() }),
  z.object({ type: z.literal('stopped') }),
  z.object({ type: z.literal('error'), message: z.string() }),
  z.object({ type: z.literal('log'), message: z.string() }),
]);

export const ApiEventSchema = z.object({ type: z.literal('train'), runId: z.string(), event: TrainEventSchema });

const TemplateCardSchema = z.object({ id: z.string(), name: z.string(), description: z.string(), params: z.number() });

/** Every method: its request and its reply. */
export const methods = {
  'engine.info': { request: z.object({}), reply: z.object({ engine: z.string(), version: z.string(), transport: z.enum(['electron', 'browser']) }) },
  'templates.list': { request: z.object({}), reply: z.object({ templates: z.array(TemplateCardSchema) }) },
  'templates.get': { request: z.object({ id: z.string().max(100) }), reply: z.object({ doc: DocumentSchema }) },
  summary: { request: z.object({ doc: DocumentSchema }), reply: SummarySchema },
  'train.start': { request: z.object({ doc: DocumentSchema, options: TrainOptionsSchema.optional() }), reply: z.object({ runId: z.string() }) },
  'train.stop': { request: z.object({ runId: z.string().max(100) }), reply: z.object({ stopped: z.boolean() }) },
  /** Native file dialogs (Electron only; the browser mode downloads and uploads instead). */
  'file.save': { request: z.object({ name: z.string().max(200), text: z.string().max(200_000_000) }), reply: z.object({ path: z.string().nullable() }) },
  'file.open': { request: z.object({}), reply: z.object({ name: z.string(), text: z.string() }).nullable() },
} as const;

export type Method = keyof typeof methods;
export type RequestOf<M extends Method> = z.input<(typeof methods)[M]['request']>;
export type ReplyOf<M extends Method> = z.infer<(typeof methods)[M]['reply']>;
export type Summary = z.infer<typeof SummarySchema>;
export type TrainEvent = z.infer<typeof TrainEventSchema>;
export type EpochMetrics = z.infer<typeof EpochMetricsSchema>;
export type TrainOptions = z.infer<typeof TrainOptionsSchema>;
export type ApiEvent = z.infer<typeof ApiEventSchema>;

export const isMethod = (m: unknown): m is Method => typeof m === 'string' && Object.prototype.hasOwnProperty.call(methods, m);

/** What the renderer holds: one way to call, one way to listen. */
export interface ApiClient {
  transport: 'electron' | 'browser';
  call<M extends Method>(method: M, request: RequestOf<M>): Promise<ReplyOf<M>>;
  onEvent(listener: (event: ApiEvent) => void): () => void;
}

/** An error reply crosses the transport as this; the client throws it as an Error. */
export const ErrorReplySchema = z.object({ error: z.string() });

/** The browser mode's WebSocket frames. */
export const WsRequestSchema = z.object({ id: z.number().int(), method: z.string().max(100), payload: z.unknown() });
export type WsResponse = { id: number; ok: true; reply: unknown } | { id: number; ok: false; error: string } | { event: ApiEvent };
