/**
 * Calling the wasm backend's own kernels from inside another kernel, with the temporaries of
 * one call freed together: `const { run, keep, release } = wasmRunner(backend)`.
 */
import * as tf from '@tensorflow/tfjs';
import type { KernelBackend, KernelFunc, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs';
import type { WasmBackend } from './simd/wasm-backend';

const BACKEND = 'wasm';

export type { WasmBackend };

/** Where a tensor's data starts in the wasm backend's memory (in bytes). */
export const memoryOffset = (backend: KernelBackend, t: TensorInfo): number => (backend as unknown as WasmBackend).dataIdMap.get(t.dataId).memoryOffset;

/** A wasm kernel by name; the wasm backend must be imported before this is called. */
export function wasmKernel(name: string): KernelFunc {
  const kernel = tf.getKernel(name, BACKEND);
  if (!kernel) throw new Error(`The wasm backend has no ${name} kernel.`);
  return kernel.kernelFunc;
}

/**
 * `run('Transpose', { x }, { perm })` runs a wasm kernel; `keep(t)` marks a result as temporary;
 * `constant(2)` is a temporary float32 scalar and `vector(values, shape)` a temporary tensor;
 * `output(shape)` is a new float32 tensor, its memory not cleared, for a kernel to write;
 * `alias(t, shape)` is a temporary view of t's memory under a new tensor id (so that what wasm
 * caches per tensor id, like XNNPACK's packed weights, is dropped with it, not kept with t);
 * `release()` frees every temporary (call it in `finally`). Results not kept belong to the caller.
 */
export function wasmRunner(backend: KernelBackend) {
  const wasm = backend as unknown as WasmBackend;
  const temporaries: TensorInfo[] = [];
  const aliases: TensorInfo[] = [];
  const vector = (values: Float32Array, shape: number[]) => {
    const t = wasm.makeOutput(shape, 'float32', undefined, values);
    temporaries.push(t);
    return t;
  };
  return {
    run: (name: string, inputs: Record<string, TensorInfo>, attrs: Record<string, unknown> = {}) =>
      wasmKernel(name)({ inputs, backend, attrs: attrs as NamedAttrMap }) as TensorInfo,
    keep: (t: TensorInfo) => (temporaries.push(t), t),
    constant: (value: number) => vector(new Float32Array([value]), []),
    vector,
    output: (shape: number[]) => wasm.makeOutput(shape, 'float32'),
    alias: (t: TensorInfo, shape: number[]) => {
      const view = wasm.makeOutput(shape, 'float32', wasm.dataIdMap.get(t.dataId).memoryOffset);
      aliases.push(view);
      return view;
    },
    release: () => {
      for (const t of temporaries.splice(0)) backend.disposeData(t.dataId);
      // Forget an alias without freeing the memory it shares.
      for (const t of aliases.splice(0)) {
        const { id } = wasm.dataIdMap.get(t.dataId);
        wasm.dataIdMap.delete(t.dataId);
        wasm.wasm.tfjs.disposeData(id);
      }
    },
  };
}
