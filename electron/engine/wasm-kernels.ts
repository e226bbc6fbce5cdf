/**
 * Kernels the wasm backend lacks, built from the wasm backend's own kernels.
 *
 * tfjs-backend-wasm 4.22 has no `Conv2DBackpropFilter` (tensorflow/tfjs#8474), so without this
 * file no convolution can be trained on wasm; tfjs would fall back to nothing and throw.
 */
import * as tf from '@tensorflow/tfjs';
import type { Conv2DBackpropFilterAttrs, KernelBackend, KernelFunc, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs';

const BACKEND = 'wasm';

/** A wasm kernel by name; the wasm backend must be imported before this is called. */
function wasmKernel(name: string): KernelFunc {
  const kernel = tf.getKernel(name, BACKEND);
  if (!kernel) throw new Error(`The wasm backend has no ${name} kernel.`);
  return kernel.kernelFunc;
}

/**
 * The filter gradient of a 2-D convolution (NHWC), as one more convolution:
 *
 *   dW[kh, kw, ci, co] = Σ_{n,i,j} x[n, i·s + kh − top, j·s + kw − left, ci] · dy[n, i, j, co]
 *
 * which is the convolution of xᵀ ([Ci, H, W, N], channels as batch) with dyᵀ ([Ho, Wo, N, Co]
 * as the filter), stride 1, dilation = the forward stride, and the forward padding. That
 * convolution may produce a few more rows/columns than the kernel has (when the forward window
 * did not reach the last pixels), so its output is cut to [kh, kw] before the final transpose.
 */
export function conv2DBackpropFilter(args: { inputs: { x: TensorInfo; dy: TensorInfo }; backend: KernelBackend; attrs: Conv2DBackpropFilterAttrs }): TensorInfo {
  const { inputs, backend, attrs } = args;
  const { x, dy } = inputs;
  if (attrs.dataFormat === 'NCHW') throw new Error('Conv2DBackpropFilter on wasm supports only NHWC (channels last).');
  const info = tf.backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    attrs.filterShape,
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
    false,
    'channelsLast',
  );
  const { filterHeight: kh, filterWidth: kw, inChannels: ci, outChannels: co, strideHeight, strideWidth, padInfo } = info;

  const transpose = wasmKernel('Transpose');
  const conv2d = wasmKernel('Conv2D');
  const slice = wasmKernel('Slice');
  const run = (kernel: KernelFunc, kernelInputs: Record<string, TensorInfo>, kernelAttrs: NamedAttrMap) =>
    kernel({ inputs: kernelInputs, backend, attrs: kernelAttrs }) as TensorInfo;
  const temporaries: TensorInfo[] = [];
  const keep = (t: TensorInfo) => (temporaries.push(t), t);

  try {
    const xT = keep(run(transpose, { x }, { perm: [3, 1, 2, 0] }));
    const dyT = keep(run(transpose, { x: dy }, { perm: [1, 2, 0, 3] }));
    // Explicit pads (not 'same'): 'same' would be recomputed for this stride-1 convolution.
    const pad = [
      [0, 0],
      [padInfo.top, padInfo.bottom],
      [padInfo.left, padInfo.right],
      [0, 0],
    ];
    const full = keep(
      run(conv2d, { x: xT, filter: dyT }, { strides: [1, 1], dilations: [strideHeight, strideWidth], pad, dataFormat: 'NHWC', dimRoundingMode: 'floor' } as unknown as NamedAttrMap),
    );
    const [, fullH, fullW] = full.shape as [number, number, number, number];
    if (fullH < kh || fullW < kw) throw new Error(`Conv2DBackpropFilter: inner convolution gave ${fullH}×${fullW}, smaller than the ${kh}×${kw} kernel.`);
    const cut = fullH === kh && fullW === kw ? full : keep(run(slice, { x: full }, { begin: [0, 0, 0, 0], size: [ci, kh, kw, co] }));
    return run(transpose, { x: cut }, { perm: [1, 2, 0, 3] });
  } finally {
    for (const t of temporaries) backend.disposeData(t.dataId);
  }
}

/** Register the missing wasm kernels; does nothing for a kernel tfjs already has (a newer release). */
export function registerWasmKernels(): void {
  if (!tf.getKernel('Conv2DBackpropFilter', BACKEND)) {
    tf.registerKernel({ kernelName: 'Conv2DBackpropFilter', backendName: BACKEND, kernelFunc: conv2DBackpropFilter as unknown as KernelFunc });
  }
}
