/**
 * Calling the wasm backend's own kernels from inside another kernel, with the temporaries of
 * one call freed together: `const { run, keep, release } = wasmRunner(backend)`.
 */
import * as tf from '@tensorflow/tfjs';
import type { KernelBackend, KernelFunc, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs';

const BACKEND = 'wasm';

/** The part of tfjs-backend-wasm's BackendWasm used here (the class is not exported). */
interface WasmBackend {
  makeOutput(shape: number[], dtype: 'float32', memoryOffset?: number, values?: Float32Array): TensorInfo;
}

/** A wasm kernel by name; the wasm backend must be imported before this is called. */
export function wasmKernel(name: string): KernelFunc {
  const kernel = tf.getKernel(name, BACKEND);
  if (!kernel) throw new Error(`The wasm backend has no ${name} kernel.`);
  return kernel.kernelFunc;
}

/**
 * `run('Transpose', { x }, { perm })` runs a wasm kernel; `keep(t)` marks a result as temporary;
 * `constant(2)` is a temporary float32 scalar; `release()` frees every temporary (call it in
 * `finally`). Results not kept belong to the caller.
 */
export function wasmRunner(backend: KernelBackend) {
  const temporaries: TensorInfo[] = [];
  return {
    run: (name: string, inputs: Record<string, TensorInfo>, attrs: Record<string, unknown> = {}) =>
      wasmKernel(name)({ inputs, backend, attrs: attrs as NamedAttrMap }) as TensorInfo,
    keep: (t: TensorInfo) => (temporaries.push(t), t),
    constant: (value: number) => {
      const t = (backend as unknown as WasmBackend).makeOutput([], 'float32', undefined, new Float32Array([value]));
      temporaries.push(t);
      return t;
    },
    release: () => {
      for (const t of temporaries.splice(0)) backend.disposeData(t.dataId);
    },
  };
}
