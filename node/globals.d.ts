// Node 20 runs WebAssembly, but @types/node 20 does not declare its JavaScript API (TypeScript
// has it only in the DOM and web-worker libraries, which node/ must not see). The part the SIMD
// kernels use:
declare namespace WebAssembly {
  class Memory {
    readonly buffer: ArrayBuffer | SharedArrayBuffer;
  }
  class Module {
    constructor(bytes: ArrayBufferView | ArrayBuffer);
  }
  class Instance {
    constructor(module: Module, imports?: Record<string, Record<string, unknown>>);
    readonly exports: Record<string, unknown>;
  }
}
