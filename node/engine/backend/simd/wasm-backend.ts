/**
 * The part of tfjs-backend-wasm's backend object that Netwright's kernels use: its memory and the
 * map from a tensor to where its data lies. Here, so that simd/ needs nothing from its parent.
 */
import type { TensorInfo } from '@tensorflow/tfjs';

/** tfjs-backend-wasm's BackendWasm, as far as it is used (the class is not exported). */
export interface WasmBackend {
  makeOutput(shape: number[], dtype: 'float32', memoryOffset?: number, values?: Float32Array): TensorInfo;
  dataIdMap: { get(dataId: object): { id: number; memoryOffset: number }; delete(dataId: object): void };
  wasm: {
    tfjs: { disposeData(id: number): void };
    /** The module's memory: set by the threaded build (shared), exported by the others. */
    wasmMemory?: WebAssembly.Memory;
    asm?: { memory?: WebAssembly.Memory };
  };
}
