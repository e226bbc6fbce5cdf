/**
 * Threads for the SIMD kernels, on tfjs's threaded wasm build (whose memory is shared): each
 * helper thread instantiates the same kernels on the same memory and runs one part of a call
 * while the calling thread runs another. Each part must write memory no other part touches.
 *
 * A helper sleeps in `Atomics.wait` between calls; a call costs a wake-up (tens of µs), so only
 * kernels of a few milliseconds are split. Helpers never keep the process alive.
 */
import { Worker } from 'node:worker_threads';

/** Int32 slots of a helper's control block: the call's sequence number, the last one done, its outcome, the kernel's index, its arguments. */
const POSTED = 0;
const DONE = 1;
const FAILED = 2;
const KERNEL = 3;
const ARGS = 4;
const MAX_ARGS = 28;

// Runs in the helper: wait for a call, run it, say it is done (and whether it failed: then the
// calling thread runs that part itself, and throws if it fails there too).
const helperScript = `
const { workerData } = require('node:worker_threads');
const { memory, bytes, names, control } = workerData;
let kernels;
try {
  kernels = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } }).exports;
} catch {}
const c = new Int32Array(control);
for (let seen = 0; ; ) {
  Atomics.wait(c, ${POSTED}, seen);
  seen = Atomics.load(c, ${POSTED});
  let failed = 0;
  try {
    kernels[names[c[${KERNEL}]]](...c.subarray(${ARGS}, ${ARGS} + ${MAX_ARGS}));
  } catch {
    failed = 1;
  }
  Atomics.store(c, ${FAILED}, failed);
  Atomics.store(c, ${DONE}, seen);
  Atomics.notify(c, ${DONE});
}`;

interface Helper {
  control: Int32Array;
  calls: number;
}

export interface SimdThreads {
  /** How many parts a call can run at once: the helpers and the calling thread. */
  readonly parts: number;
  /** Run `kernel` once per argument list, at the same time; the first runs on the calling thread. */
  run(kernel: string, argLists: number[][]): void;
}

/** `threads − 1` helpers running `bytes` (the shared-memory build of the kernels) on `memory`. */
export function startSimdThreads(memory: WebAssembly.Memory, bytes: Uint8Array, kernels: Record<string, (...args: number[]) => void>, threads: number): SimdThreads {
  const names = Object.keys(kernels);
  const helpers: Helper[] = Array.from({ length: threads - 1 }, () => {
    const control = new Int32Array(new SharedArrayBuffer((ARGS + MAX_ARGS) * 4));
    new Worker(helperScript, { eval: true, workerData: { memory, bytes, names, control: control.buffer } }).unref();
    return { control, calls: 0 };
  });
  return {
    parts: threads,
    run(kernel, argLists) {
      const index = names.indexOf(kernel);
      if (index < 0) throw new Error(`No SIMD kernel ${kernel}.`);
      if (argLists.length > threads) throw new Error(`${argLists.length} parts for ${threads} threads.`);
      const posted = argLists.slice(1).map((args, i) => {
        const helper = helpers[i]!;
        const c = helper.control;
        c[KERNEL] = index;
        c.set(args, ARGS);
        Atomics.store(c, POSTED, ++helper.calls);
        Atomics.notify(c, POSTED);
        return helper;
      });
      kernels[kernel]!(...argLists[0]!);
      posted.forEach(({ control: c, calls }, i) => {
        // Wait on the value just compared: loading it again could see `calls` arrive in between and sleep for good.
        for (let done; (done = Atomics.load(c, DONE)) !== calls; ) Atomics.wait(c, DONE, done);
        if (c[FAILED]) kernels[kernel]!(...argLists[i + 1]!);
      });
    },
  };
}
