/**
 * Threads for the SIMD kernels, on tfjs's threaded wasm build (whose memory is shared): each
 * helper thread instantiates the same kernels on the same memory. A call is a list of chunks
 * (argument lists); the calling thread and the helpers take the next chunk from a shared counter
 * until none is left, so a thread slowed by a busy core simply takes fewer. Each chunk must write
 * memory no other chunk touches; arguments of a split call are integers (they pass as Int32).
 *
 * A helper sleeps in `Atomics.wait` between calls; a call costs a wake-up (tens of µs), so only
 * kernels of a few milliseconds are split. Helpers never keep the process alive.
 */
import { Worker } from 'node:worker_threads';

/** Int32 slots of the shared queue: the next chunk to take, the chunk count, the kernel's index, then each chunk's arguments. */
const NEXT = 0;
const COUNT = 1;
const KERNEL = 2;
const CHUNKS = 3;
const MAX_ARGS = 24;
const MAX_CHUNKS = 32;
/** Int32 slots of a helper's own block: the call's sequence number, the last one done, 1 + the chunk that failed (0: none). */
const POSTED = 0;
const DONE = 1;
const FAILED = 2;

// Runs in the helper: wait for a call, take chunks until none is left, say it is done.
const helperScript = `
const { workerData } = require('node:worker_threads');
const { memory, bytes, names, queue, control } = workerData;
let kernels;
try {
  kernels = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } }).exports;
} catch {}
const q = new Int32Array(queue);
const c = new Int32Array(control);
for (let seen = 0; ; ) {
  Atomics.wait(c, ${POSTED}, seen);
  seen = Atomics.load(c, ${POSTED});
  let failed = 0;
  // A helper whose kernels did not load takes no chunk: the others do them all.
  for (let i; kernels && !failed && (i = Atomics.add(q, ${NEXT}, 1)) < q[${COUNT}]; ) {
    const at = ${CHUNKS} + i * ${MAX_ARGS};
    try {
      kernels[names[q[${KERNEL}]]](...q.subarray(at, at + ${MAX_ARGS}));
    } catch {
      failed = i + 1;
    }
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
  /** The threads that share a call: the helpers and the calling thread. */
  readonly parts: number;
  /** Run `kernel` once per argument list; the threads share the lists out as they go. */
  run(kernel: string, argLists: number[][]): void;
}

/** `threads − 1` helpers running `bytes` (the shared-memory build of the kernels) on `memory`. */
export function startSimdThreads(memory: WebAssembly.Memory, bytes: Uint8Array, kernels: Record<string, (...args: number[]) => void>, threads: number): SimdThreads {
  const names = Object.keys(kernels);
  const q = new Int32Array(new SharedArrayBuffer((CHUNKS + MAX_CHUNKS * MAX_ARGS) * 4));
  const helpers: Helper[] = Array.from({ length: threads - 1 }, () => {
    const control = new Int32Array(new SharedArrayBuffer(3 * 4));
    new Worker(helperScript, { eval: true, workerData: { memory, bytes, names, queue: q.buffer, control: control.buffer } }).unref();
    return { control, calls: 0 };
  });
  return {
    parts: threads,
    run(kernel, argLists) {
      const index = names.indexOf(kernel);
      if (index < 0) throw new Error(`No SIMD kernel ${kernel}.`);
      if (argLists.length === 1) return kernels[kernel]!(...argLists[0]!);
      if (argLists.length > MAX_CHUNKS) throw new Error(`${argLists.length} chunks; at most ${MAX_CHUNKS}.`);
      argLists.forEach((args, i) => q.set(args, CHUNKS + i * MAX_ARGS));
      q[KERNEL] = index;
      q[COUNT] = argLists.length;
      Atomics.store(q, NEXT, 0);
      for (const helper of helpers) {
        Atomics.store(helper.control, POSTED, ++helper.calls);
        Atomics.notify(helper.control, POSTED);
      }
      for (let i; (i = Atomics.add(q, NEXT, 1)) < argLists.length; ) kernels[kernel]!(...argLists[i]!);
      for (const { control: c, calls } of helpers) {
        // Wait on the value just compared: loading it again could see `calls` arrive in between and sleep for good.
        for (let done; (done = Atomics.load(c, DONE)) !== calls; ) Atomics.wait(c, DONE, done);
        // A chunk that failed on a helper runs here, and throws here if it fails again.
        if (c[FAILED]) kernels[kernel]!(...argLists[c[FAILED] - 1]!);
      }
    },
  };
}
