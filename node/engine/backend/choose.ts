/**
 * Pick the fastest tfjs backend this machine can run, at run time: the native bindings when
 * their optional packages installed, else WebAssembly, else plain JavaScript.
 */
import * as tf from '@tensorflow/tfjs';
import { importNative } from './native';
import { registerWasmKernels } from './wasm-kernels';
import { prepareWasmThreads } from './wasm-threads';
import { setSimdThreads } from './simd/simd-kernels';

type WasmModule = typeof import('@tensorflow/tfjs-backend-wasm');
let wasmModule: WasmModule | undefined;

/** The backends we try, best first, with how to make each one available. */
const candidates: { name: string; load: () => Promise<unknown> }[] = [
  // Both native packages register the backend "tensorflow"; they are optional dependencies, so
  // the specifier is a variable to keep bundlers and the type checker from requiring them.
  { name: 'tensorflow', load: () => importNative('@tensorflow/tfjs-node-gpu') },
  { name: 'tensorflow', load: () => importNative('@tensorflow/tfjs-node') },
  // The Node build of the wasm backend finds its .wasm binaries next to itself (__dirname), so no
  // setWasmPaths is needed as long as the package stays in node_modules (the build keeps
  // packages external). Its threaded build is made to work under Node in wasm-threads.ts.
  { name: 'wasm', load: async () => (wasmModule = await import('@tensorflow/tfjs-backend-wasm')) },
  { name: 'cpu', load: async () => undefined },
];


/**
 * Switch tfjs to the best backend that loads and initialises, and return its name as tfjs
 * reports it: `await pickBackend()` → `'wasm'` on a machine without tfjs-node.
 * `prefer` ('tensorflow' | 'wasm' | 'cpu') is tried first, e.g. `pickBackend('cpu')` in tests.
 */
export async function pickBackend(prefer?: string, options: BackendOptions = {}): Promise<string> {
  const order = prefer ? [...candidates.filter((c) => c.name === prefer), ...candidates] : candidates;
  for (const candidate of order) {
    if (await tryBackend(candidate.name, candidate.load, options)) return tf.getBackend();
  }
  throw new Error('No tfjs backend could be initialised (not even cpu).');
}

export interface BackendOptions {
  /** Threads for the wasm backend (default 1; a run's come from `threadsForRun`); fixed once it has started. */
  threads?: number;
}

/** The wasm backend's threads when it is the current backend (native backends size their own pools). */
export function backendThreads(): number | undefined {
  return tf.getBackend() === 'wasm' && wasmModule ? wasmModule.getThreadsCount() : undefined;
}

async function tryBackend(name: string, load: () => Promise<unknown>, options: BackendOptions): Promise<boolean> {
  try {
    await load();
  } catch {
    return false; // the optional package is absent or its native binary does not load
  }
  if (!tf.findBackendFactory(name)) return false;
  if (name === 'wasm') registerWasmKernels();
  const started = name === 'wasm' && wasmModule && !tf.engine().registry.wasm ? prepareWasmThreads(options.threads ?? 1, wasmModule) : () => {};
  try {
    // setBackend resolves false (and logs) when the backend fails to initialise.
    const ok = await tf.setBackend(name);
    if (ok) await tf.ready();
    if (ok && name === 'wasm') setSimdThreads(wasmModule!.getThreadsCount());
    return ok;
  } finally {
    started();
  }
}
