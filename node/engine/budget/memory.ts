/**
 * Running out of memory, made explicit. tfjs's wasm backend asks its heap for every tensor with
 * `_malloc`, which returns 0 when the 4 GiB heap cannot grow; tfjs would then write the tensor
 * at address 0 and train on garbage. The guard turns that into an error. A run whose estimate
 * is beyond the heap is refused before it allocates anything, with the batch size that fits.
 */
import { freemem, totalmem } from 'node:os';
import * as tf from '@tensorflow/tfjs';
import type { NetwrightDocument, Training } from '../../../shared/graph/schema';
import { estimateRun, WASM_HEAP_LIMIT } from './estimate';
import { OUT_OF_MEMORY } from '../protocol/messages';


export class OutOfMemoryError extends Error {
  constructor(detail: string) {
    super(`${OUT_OF_MEMORY}: ${detail}`);
    this.name = 'OutOfMemoryError';
  }
}

interface WasmModule {
  _malloc(bytes: number): number;
  [guarded]?: true;
}
const guarded = Symbol('netwright.guarded');

const mib = (bytes: number) => `${Math.round(bytes / 2 ** 20).toLocaleString('en-US')} MiB`;

/** Make the wasm backend's allocations fail loudly (idempotent); no-op on other backends. */
export function guardWasmHeap(): void {
  if (tf.getBackend() !== 'wasm') return;
  const wasm = (tf.backend() as unknown as { wasm: WasmModule }).wasm;
  if (wasm[guarded]) return;
  let malloc = wasm._malloc.bind(wasm);
  const guard = (bytes: number) => {
    // Beyond the 32-bit heap the size would wrap around (and allocate the wrong amount).
    if (bytes > WASM_HEAP_LIMIT) throw new OutOfMemoryError(`a tensor of ${mib(bytes)} is larger than the wasm backend's whole heap (4 GiB). Use a smaller batch size or input.`);
    const address = malloc(bytes);
    if (address === 0 && bytes > 0) {
      throw new OutOfMemoryError(`a tensor of ${mib(bytes)} did not fit in the wasm backend's heap (at most 4 GiB). Use a smaller batch size or input.`);
    }
    return address;
  };
  // Emscripten's `_malloc` replaces itself with the raw export on its first call; the setter
  // takes that replacement as the function to guard instead of letting it remove the guard.
  Object.defineProperty(wasm, '_malloc', {
    configurable: true,
    get: () => guard,
    set: (raw: (bytes: number) => number) => {
      malloc = raw;
    },
  });
  wasm[guarded] = true;
}

/** Why a run cannot fit the wasm heap (naming the batch size that would), or undefined when it can. */
function beyondHeap(doc: NetwrightDocument, settings: Pick<Training, 'optimizer' | 'momentum' | 'batchSize'>, backend: string): string | undefined {
  if (backend !== 'wasm') return undefined;
  const estimate = estimateRun(doc, settings, { totalMemory: totalmem(), freeMemory: freemem(), backend });
  // Only the heap's hard limit refuses a run: free memory changes while it runs, and the
  // estimate's warning before the start is the place to be cautious about it.
  return estimate.memory.total > WASM_HEAP_LIMIT ? (estimate.warning ?? `the run needs ${mib(estimate.memory.total)}.`) : undefined;
}

/** Throw before training when the run cannot fit the wasm heap, naming the batch size that would. */
export function checkHeapFits(doc: NetwrightDocument, settings: Pick<Training, 'optimizer' | 'momentum' | 'batchSize'>, backend: string): void {
  const why = beyondHeap(doc, settings, backend);
  if (why) throw new OutOfMemoryError(why);
}

/** Whether a run fits the wasm heap (always, on other backends). */
export const fitsHeap = (doc: NetwrightDocument, settings: Pick<Training, 'optimizer' | 'momentum' | 'batchSize'>, backend: string): boolean => beyondHeap(doc, settings, backend) === undefined;

/**
 * A readable message for an error thrown while training: out-of-memory ones say so and what to
 * do. That includes the wasm module's own `Aborted()`, which is what a full 4 GiB heap gives when
 * XNNPACK's allocation inside a kernel fails (VGG-16 at batch 8, estimated at 3.4 GiB, ends so).
 */
export function trainingErrorMessage(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  if (message.startsWith(OUT_OF_MEMORY)) return message;
  if (/^Aborted\(/.test(message)) {
    return `${OUT_OF_MEMORY}: the wasm backend aborted, most likely because its 4 GiB heap was full. Use a smaller batch size or input; the estimate before training warns when a run comes near the limit.`;
  }
  if (/out of memory|Array buffer allocation failed|Cannot allocate memory|memory access out of bounds/i.test(message)) {
    return `${OUT_OF_MEMORY} (${message}). Use a smaller batch size or input; the estimate before training shows what fits.`;
  }
  return message;
}
