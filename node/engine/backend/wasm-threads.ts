/**
 * Threads for tfjs's wasm backend under Node. tfjs 4.22 ships a threaded build (XNNPACK runs its
 * convolutions and matrix products on a pool of pthreads) but turns it off in Node
 * (tensorflow/tfjs#3830) for three reasons, each answered here:
 *
 * 1. Its thread-support flag answers "no" for Node → the flag is set to true.
 * 2. Emscripten starts each pthread as a Worker on a `blob:` URL of the worker script, which
 *    Node's `worker_threads` cannot load, and the worker then loads the main script from a Blob
 *    as well → a Worker class that runs the same worker script as code (`eval`), with its
 *    Blob→URL call answering the path of the threaded module's script beside it.
 * 3. The backend sizes its pool as half the logical cores (a 2-core machine gets 1 thread) and
 *    caps any requested count to that → while it starts, `os.cpus()` reports twice the cores,
 *    so the count asked for is the count used.
 *
 * Pool threads never keep the process alive: the main thread decides when it is done.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { Worker as NodeWorker, type WorkerOptions } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs';
import type { NetwrightDocument } from '../../../shared/graph/schema';
import { inferGraph } from '../../../shared/infer';

const require = createRequire(import.meta.url);
const WASM_OUT = 'wasm-out/tfjs-backend-wasm-threaded-simd';

/**
 * Below this many multiply-accumulates per batch (forward), a second thread costs more than it
 * gives: waking it for each of a step's ~300 small ops. `npm run bench threads` on the 2-core VM,
 * 1 → 2 threads: LeNet-5 (13 M per batch of 32) 0.79×, Mini-VGG (600 M) 1.38×, ResNet-20 (1.3 G)
 * 1.44× (session 13, bench/RESULTS.md).
 */
export const THREADS_FROM_MACS = 100e6;

/** The threads a run uses: every core this process may use (at most 8, the pool Emscripten preallocates) for big enough networks, else 1. */
export const wasmThreadsFor = (macsPerBatch: number): number => (macsPerBatch >= THREADS_FROM_MACS ? Math.min(8, os.availableParallelism()) : 1);

/** The threads a run of `doc` uses: its settings' `threads`, else by its size at its batch size. */
export const threadsForRun = (doc: NetwrightDocument, settings: { threads?: number; batchSize: number }): number =>
  settings.threads ?? wasmThreadsFor(inferGraph(doc.graph, doc.blocks).totals.macs * settings.batchSize);

/**
 * The worker script for a pthread, run as code, loading the threaded module from its file; or
 * undefined where threads cannot work (no SharedArrayBuffer, or the threaded build's files are
 * not on disk, as in a package that left them out): the run then takes one thread.
 */
export function pthreadScript(resolve: (id: string) => string = require.resolve): string | undefined {
  try {
    if (typeof SharedArrayBuffer !== 'function') return undefined;
    const module = resolve(`@tensorflow/tfjs-backend-wasm/${WASM_OUT}.js`);
    // The main thread compiles the binary from dist/; each pthread evaluates the module script.
    if (![module, resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm')].every(existsSync)) return undefined;
    const { wasmWorkerContents } = require(`@tensorflow/tfjs-backend-wasm/${WASM_OUT}.worker.js`) as { wasmWorkerContents: string };
    // The script holds "\n" escapes that its template literal turned into line breaks inside strings.
    return `URL.createObjectURL = () => ${JSON.stringify(module)}; URL.revokeObjectURL = () => {};\n${wasmWorkerContents.replace(/\n/g, '\\n')}`;
  } catch {
    return undefined;
  }
}

/** Emscripten assigns `globalThis.Worker = worker_threads.Worker` in Node; it gets this class instead. */
function installPthreadWorker(script: string): void {
  class PthreadWorker extends NodeWorker {
    constructor(file: string | URL, options?: WorkerOptions) {
      if (String(file).startsWith('blob:')) super(script, { eval: true });
      else super(file, options);
    }
    override ref(): void {}
  }
  Object.defineProperty(globalThis, 'Worker', { configurable: true, get: () => PthreadWorker, set: () => {} });
}

/**
 * Make the next `tf.setBackend('wasm')` start the threaded build with `threads` threads, and
 * return a function to call once it has started. `threads` 1 leaves the backend as tfjs sets it up.
 */
export function prepareWasmThreads(threads: number, wasm: { setThreadsCount(n: number): void }): () => void {
  const script = threads > 1 ? pthreadScript() : undefined;
  if (!script) return () => {};
  installPthreadWorker(script);
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', true);
  wasm.setThreadsCount(threads);
  const cpus = os.cpus;
  os.cpus = () => Array.from({ length: 2 * threads }, (_, i) => cpus()[i % cpus().length]!);
  return () => {
    os.cpus = cpus;
  };
}
