/**
 * Netwright's own WebAssembly SIMD kernels (the .c files here, built into binaries.ts by
 * scripts/build-simd.mjs), instantiated on the memory of tfjs's wasm backend: they read and write
 * its tensors where they lie, by byte offset, with no copies.
 */
import type { KernelBackend } from '@tensorflow/tfjs';
import type { WasmBackend } from '../wasm-run';
import { SIMD_WASM } from './binaries';

export interface SimdKernels {
  /** conv-filter-grad.c: (x, dy, dw, n0, n1, H, W, Ci, OH, OW, Co, KH, KW, sh, sw, pt, pl), offsets in bytes. */
  conv2d_filter_grad(...args: number[]): void;
}

let enabled = true;
const instances = new WeakMap<object, SimdKernels | null>();

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
  const module = new WebAssembly.Module(Buffer.from(SIMD_WASM[shared ? 'shared' : 'plain'], 'base64'));
  return new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as SimdKernels;
}
