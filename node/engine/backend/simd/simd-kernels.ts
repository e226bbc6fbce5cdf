/**
 * Netwright's own WebAssembly SIMD kernels (the .c files here, built into binaries.ts by
 * scripts/build-simd.mjs), instantiated on the memory of tfjs's wasm backend: they read and write
 * its tensors where they lie, by byte offset, with no copies.
 */
import type { KernelBackend } from '@tensorflow/tfjs';
import type { WasmBackend } from './wasm-backend';
import { SIMD_WASM } from './binaries';
import { startSimdThreads } from './simd-threads';

/** The kernels, by export name, with their arguments (tensors as byte offsets). */
interface Exports {
  /** conv-filter-grad.c: (x, dy, dw, n0, n1, H, W, Ci, OH, OW, Co, KH, KW, sh, sw, pt, pl). */
  conv2d_filter_grad(...args: number[]): void;
  /** winograd-filter-grad.c: (x padded, dy, dw, scratch of 16·(B·(Ci + Co) + 32 + Ci·Co) floats, n0, n1, H, W, Ci, Co, B tiles at a time), 3×3 stride 1, OH = H − 2 and OW = W − 2 even. */
  winograd_filter_grad(...args: number[]): void;
  /** conv-forward.c: (x padded, w with Cw columns, y, n0, n1, H, W, Ci, Co, Cw, KH, KW, r0, r1, c0, c1), stride 1; x is zero outside rows [r0, r1) and columns [c0, c1). */
  conv2d_valid(...args: number[]): void;
  /** winograd.c: winograd_filter (w HWIO 3×3 with Cw columns, u [36][Ci][Cw], Ci, Cw) and winograd_conv3x3 (x padded, u, y, scratch of 36·(B·(Ci + Cw) + 32) floats, n0, n1, H, W, Ci, Co, Cw, B tiles at a time), stride 1. */
  winograd_filter(...args: number[]): void;
  winograd_conv3x3(...args: number[]): void;
  /** conv-input-grad.c: (dy, w packed as [Ci/8][KH][KW][Co][8], dx, n0, n1, H, W, Ci, OH, OW, Co, KH, KW, sh, sw, pt, pl). */
  conv2d_input_grad(...args: number[]): void;
  /** conv-input-grad.c: (w, turned w, KH, KW, Ci, Co). */
  turn_filter(...args: number[]): void;
  /** slice.c: (x, y, d1, d2, d3, b0, b1, b2, b3, s0, s1, s2, s3), rank 4 (leading axes of 1 for less). */
  slice4d(...args: number[]): void;
  /** pad.c: (x, y, d0, d1, d2, d3, p0, p1, p2, p3, o0, o1, o2, o3, value), rank 4 (leading axes of 1 for less). */
  pad4d(...args: number[]): void;
  /** pad.c: (x, y, P, d, o): P rows of d floats zero-extended to o (a multiple of 4). */
  pad_channels(...args: number[]): void;
  /** batch-norm.c: (x, gamma, beta, y, mean, var, scratch, P, C, eps) and (dy, x, gamma, mean, var, dx, dgamma, dbeta, scratch, P, C, eps). */
  batch_norm_forward(...args: number[]): void;
  batch_norm_backward(...args: number[]): void;
  /** batch-norm.c: channel_sum (x, sum, scratch of C, P, C, k) and channel_scale_shift (x, scale, shift, y, P, C), over P pixels of C channels. */
  channel_sum(...args: number[]): void;
  channel_scale_shift(...args: number[]): void;
  /** pool-grad.c: (x, dy, dx, N, H, W, C, OH, OW, fh, fw, sh, sw, pt, pl) and (dy, dx, N, H, W, C, OH, OW, fh, fw). */
  max_pool_grad(...args: number[]): void;
  avg_pool_grad_tiles(...args: number[]): void;
  /** optimizer.c: (kind, w, g, a, b, out, n, lr, mu, rho, k1, k2, eps). */
  optimizer_update(...args: number[]): void;
  /** matmul.c: (a, b, bias, c, m0, m1, K, N, a row stride, a column stride, bias mode 0 none / 1 per column / 2 scalar / 3 c itself, activation 0 linear / 1 relu / 2 relu6). */
  matmul(...args: number[]): void;
  /** activations.c, over n floats: relu and tanh (x, y, n), and their gradients relu_grad (x, dy, dx, n) and tanh_grad (y, dy, dx, n). */
  relu(...args: number[]): void;
  relu_grad(...args: number[]): void;
  tanh(...args: number[]): void;
  tanh_grad(...args: number[]): void;
}

export interface SimdKernels {
  /** The threads that share a call: the backend's threads on the threaded build, else 1. */
  readonly parts: number;
  /** Run a kernel once per argument list; on the threaded build the threads share the lists out (integer arguments only, then). */
  run(kernel: keyof Exports, argLists: number[][]): void;
}

/** Below this many multiply-accumulates a call stays whole (waking a helper costs tens of µs). */
const SPLIT_FROM_MACS = 4e6;
/** Chunks per thread: more than one, so that a thread slowed by a busy core takes fewer. */
const CHUNKS_PER_THREAD = 2;

/** How many chunks of at least one batch item a call of `macs` multiply-accumulates over `batch` items is cut into. */
export const chunksFor = (simd: SimdKernels, macs: number, batch: number): number =>
  simd.parts > 1 && macs >= SPLIT_FROM_MACS ? Math.min(batch, simd.parts * CHUNKS_PER_THREAD) : 1;

/** The batch items [from, to) of chunk i of `chunks`. */
export const chunkItems = (i: number, chunks: number, batch: number): [number, number] => [Math.round((i * batch) / chunks), Math.round(((i + 1) * batch) / chunks)];

let enabled = true;
let threads = 1;
const instances = new WeakMap<object, SimdKernels | null>();

/** The wasm backend's thread count, which the kernels share once it is running (backend.ts sets it). */
export function setSimdThreads(count: number): void {
  threads = count;
}

/** Use the SIMD kernels (default) or not: `registerWasmKernels(false)` turns them off for benchmarks and tests. */
export function enableSimdKernels(on: boolean): void {
  enabled = on;
}

/** The kernels on `backend`'s memory, or undefined when they are off or cannot run there (no memory found). */
export function simdKernels(backend: KernelBackend): SimdKernels | undefined {
  if (!enabled) return undefined;
  if (!instances.has(backend)) instances.set(backend, instantiate(backend as unknown as WasmBackend));
  return instances.get(backend) ?? undefined;
}

function instantiate(backend: WasmBackend): SimdKernels | null {
  const memory = backend.wasm.wasmMemory ?? backend.wasm.asm?.memory;
  if (!(memory instanceof WebAssembly.Memory)) return null;
  const shared = typeof SharedArrayBuffer === 'function' && memory.buffer instanceof SharedArrayBuffer;
  const bytes = Buffer.from(SIMD_WASM[shared ? 'shared' : 'plain'], 'base64');
  const kernels = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } }).exports as unknown as Exports;
  if (shared && threads > 1) return startSimdThreads(memory, bytes, kernels as unknown as Record<string, (...args: number[]) => void>, threads);
  return { parts: 1, run: (kernel, argLists) => argLists.forEach((args) => kernels[kernel](...args)) };
}
