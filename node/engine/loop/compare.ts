/**
 * The closing charts of the lecture, measured on this machine: for each network its totals from
 * shape inference and, per batch size, the forward pass's time per image — compiled once, one
 * warm-up pass per batch size (kernels, the wasm heap's growth), then the median of `repeats`
 * timed passes in inference mode. A batch size whose forward pass would not fit memory is
 * skipped with the reason before anything is allocated, and one that runs out anyway is skipped
 * too: a large template never ends the trainer.
 */
import { freemem } from 'node:os';
import * as tf from '@tensorflow/tfjs';
import { publishedAccuracy } from '../../../shared/accuracy';
import { COMPARE_BATCHES, type Comparison } from '../../../shared/api';
import type { NetwrightDocument } from '../../../shared/graph/schema';
import { checkedInference } from '../../../shared/infer';
import { pickBackend } from '../backend/choose';
import { forwardLimit, forwardMemoryAt } from '../budget/estimate';
import { guardWasmHeap, trainingErrorMessage } from '../budget/memory';
import { compileDocument } from '../model/compile';
import type { CompareReply, TrainerRequest } from '../protocol/messages';

export const DEFAULT_REPEATS = 5;

export interface CompareEntry {
  name: string;
  template?: string;
  doc: NetwrightDocument;
}

export interface CompareOptions {
  batches?: readonly number[];
  repeats?: number;
  /** Bytes a forward pass may use; default free memory (at most the 4 GiB heap on wasm). */
  memoryLimit?: number;
}

type Row = Comparison['rows'][number];

/** The middle of the timed passes: `median([3, 1, 2])` → 2. */
export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

const gib = (bytes: number) => `${(bytes / 2 ** 30).toFixed(2)} GiB`;

/** Seconds of one forward pass of `model` on a batch `x`, waiting for its result. */
async function timedPass(model: tf.LayersModel, x: tf.Tensor[]): Promise<number> {
  const start = performance.now();
  const y = model.predict(x.length === 1 ? x[0]! : x) as tf.Tensor | tf.Tensor[];
  const ys = Array.isArray(y) ? y : [y];
  await Promise.all(ys.map((t) => t.data()));
  tf.dispose(ys);
  return (performance.now() - start) / 1000;
}

/** What a forward pass may use, and what sets that (free memory, the wasm heap, a GPU's memory). */
export interface ForwardLimit {
  limit: number;
  reason: string;
}

/**
 * A batch size's estimated memory, and why it is skipped when that is over the limit:
 * `memoryCheck(vgg16(), 1024, { limit: 2 ** 32, reason: 'free memory' }).skipped` → "a forward pass at batch 1024 needs about …".
 */
export function memoryCheck(doc: NetwrightDocument, batch: number, limit: ForwardLimit): { batch: number; memory: number; skipped?: string } {
  const memory = forwardMemoryAt(doc, batch);
  return memory > limit.limit ? { batch, memory, skipped: `a forward pass at batch ${batch} needs about ${gib(memory)}, and ${limit.reason} allows ${gib(limit.limit)}` } : { batch, memory };
}

/** The batch sizes to measure, each once, smallest first (the default 1, 2, 4, 8, 16). */
export const batchesOf = (options: CompareOptions) => [...new Set(options.batches ?? COMPARE_BATCHES)].sort((a, b) => a - b);

/**
 * One network's row with the times its engine measured: its totals from shape inference (it
 * throws, naming the errors, for a graph that has any) and its published accuracy where a template has one.
 */
export async function rowOf({ name, template, doc }: CompareEntry, times: (doc: NetwrightDocument) => Promise<Row['times']>): Promise<Row> {
  const { totals } = checkedInference(doc, `comparing "${name}"`);
  const accuracy = template ? publishedAccuracy(template) : undefined;
  return {
    name,
    ...(template ? { template } : {}),
    // Trainable parameters, as torchvision and the papers count them (batch norm's running statistics are buffers).
    params: totals.params,
    macs: totals.macs,
    activationBytes: totals.activationBytes,
    ...(accuracy ? { accuracy: { ...(accuracy.top1 !== undefined ? { top1: accuracy.top1 } : {}), top5: accuracy.top5, source: accuracy.source } } : {}),
    times: await times(doc),
  };
}

/** One network's times: `await timeForward(resnet18(), [1, 8], 5, limit)`. */
async function timeForward(doc: NetwrightDocument, batches: readonly number[], repeats: number, limit: ForwardLimit): Promise<Row['times']> {
  const times: Row['times'] = [];
  let model: tf.LayersModel | undefined;
  try {
    for (const batch of batches) {
      const check = memoryCheck(doc, batch, limit);
      const { memory } = check;
      if (check.skipped) {
        times.push(check);
        continue;
      }
      model ??= compileDocument(doc);
      const x = model.inputs.map((input) => tf.randomUniform([batch, ...input.shape.slice(1).map((d) => d ?? 1)]));
      try {
        await timedPass(model, x); // warm-up
        const seconds: number[] = [];
        for (let r = 0; r < repeats; r++) seconds.push(await timedPass(model, x));
        times.push({ batch, memory, secondsPerImage: median(seconds) / batch });
      } catch (e) {
        times.push({ batch, memory, skipped: trainingErrorMessage(e) });
      } finally {
        tf.dispose(x);
      }
    }
  } finally {
    model?.dispose();
  }
  return times;
}

/**
 * Each network's row: `await compareDocuments([{ name: 'lenet5', template: 'lenet5', doc }], { batches: [1, 8] })`
 * on the backend already chosen (`pickBackend`).
 */
export async function compareDocuments(entries: readonly CompareEntry[], options: CompareOptions = {}): Promise<Comparison> {
  const backend = tf.getBackend();
  guardWasmHeap();
  const batches = batchesOf(options);
  const repeats = options.repeats ?? DEFAULT_REPEATS;
  const rows: Comparison['rows'] = [];
  for (const entry of entries) {
    const limit = options.memoryLimit !== undefined ? { limit: options.memoryLimit, reason: 'the memory limit' } : forwardLimit(backend, freemem());
    rows.push(await rowOf(entry, (doc) => timeForward(doc, batches, repeats, limit)));
  }
  return { engine: 'tfjs', backend, repeats, rows };
}

/** The trainer's `compare` job: on the fastest backend, away from the service and the UI. */
export async function compareJob(request: Extract<TrainerRequest, { type: 'compare' }>): Promise<CompareReply> {
  await pickBackend();
  const comparison = await compareDocuments(request.docs, { batches: request.batches, repeats: request.repeats, memoryLimit: request.memoryLimit });
  return { type: 'compare', comparison };
}
