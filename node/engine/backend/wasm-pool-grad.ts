/**
 * Fast gradients of pooling for the wasm backend. tfjs-backend-wasm 4.22's `AvgPoolGrad` and
 * `MaxPoolGrad` are plain loops, 10 to 50 times slower than the forward pass. Netwright's SIMD
 * module has both as loops of its own (simd/pool-grad.c): any max pool, and average pools whose
 * windows tile the input. Without it (kernels off), when the windows tile the input
 * (stride = window, no padding), with each window viewed as one axis of a 6-D tensor:
 *
 *   average:  dx = dy repeated fh × fw times · 1/(fh·fw)      (one broadcast multiply)
 *   maximum:  dx = one-hot(argmax of the window) · dy          (the first maximum gets it all,
 *                                                               as tfjs's own kernels do)
 *
 * then zeros for the rows and columns no window reached. Other average pools use the stock
 * kernel. Other max pools (overlapping windows like AlexNet's 3×3 stride 2, or padded ones) get
 * a plain loop here: the stock wasm `MaxPoolGrad` of tfjs 4.22 gives wrong gradients for them
 * (a pixel that is the maximum of several windows does not get their gradients right; checked
 * against the cpu backend and a float64 reference in test/unit/engine/wasm-kernels.test.ts).
 */
import * as tf from '@tensorflow/tfjs';
import type { AvgPoolGradAttrs, KernelBackend, KernelFunc, MaxPoolGradAttrs, TensorInfo } from '@tensorflow/tfjs';
import { simdKernels } from './simd/simd-kernels';
import { memoryOffset, wasmRunner } from './wasm-run';

/** The pool's geometry, when its windows tile the input (else undefined: use the stock kernel). */
function tiling(input: TensorInfo, attrs: AvgPoolGradAttrs | MaxPoolGradAttrs) {
  const info = tf.backend_util.computePool2DInfo(input.shape as [number, number, number, number], attrs.filterSize, attrs.strides, 1, attrs.pad, 'dimRoundingMode' in attrs ? attrs.dimRoundingMode : undefined);
  const { strideHeight, strideWidth, filterHeight, filterWidth, padInfo } = info;
  const tiles = strideHeight === filterHeight && strideWidth === filterWidth && padInfo.top === 0 && padInfo.left === 0 && padInfo.bottom === 0 && padInfo.right === 0;
  return tiles && input.dtype === 'float32' ? info : undefined;
}

/** The input gradient of an NHWC average pool; `stock` handles the overlapping or padded cases. */
export function avgPoolGrad(args: { inputs: { dy: TensorInfo; input: TensorInfo }; backend: KernelBackend; attrs: AvgPoolGradAttrs }, stock: KernelFunc): TensorInfo {
  const { inputs, backend, attrs } = args;
  const { dy, input } = inputs;
  const info = tiling(input, attrs);
  if (!info) return stock(args as never) as TensorInfo;
  const { batchSize: n, inHeight, inWidth, inChannels: c, outHeight, outWidth, filterHeight: fh, filterWidth: fw } = info;
  const simd = simdKernels(backend);
  const { run, keep, output, release } = wasmRunner(backend);
  if (simd) {
    const dx = output([n, inHeight, inWidth, c]);
    simd.run('avg_pool_grad_tiles', [[memoryOffset(backend, dy), memoryOffset(backend, dx), n, inHeight, inWidth, c, outHeight, outWidth, fh, fw]]);
    return dx;
  }
  try {
    const view = keep(run('Reshape', { x: dy }, { shape: [n, outHeight, 1, outWidth, 1, c] }));
    const scale = keep(run('Fill', {}, { shape: [1, 1, fh, 1, fw, 1], value: 1 / (fh * fw), dtype: 'float32' }));
    const spread = keep(run('Multiply', { a: view, b: scale }));
    const covered = run('Reshape', { x: spread }, { shape: [n, outHeight * fh, outWidth * fw, c] });
    if (outHeight * fh === inHeight && outWidth * fw === inWidth) return covered;
    keep(covered);
    return run('PadV2', { x: covered }, { paddings: [[0, 0], [0, inHeight - outHeight * fh], [0, inWidth - outWidth * fw], [0, 0]], constantValue: 0 });
  } finally {
    release();
  }
}

interface WasmHeap {
  makeOutput(shape: number[], dtype: 'float32'): TensorInfo;
  typedArrayFromHeap(t: TensorInfo): Float32Array;
}

/**
 * Any max pool's input gradient, as the cpu backend computes it: each window's gradient goes to
 * its first maximum (row by row), padding never wins, overlapping windows add up.
 */
function maxPoolGradLoop(dy: TensorInfo, input: TensorInfo, attrs: MaxPoolGradAttrs, backend: KernelBackend): TensorInfo {
  const info = tf.backend_util.computePool2DInfo(input.shape as [number, number, number, number], attrs.filterSize, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode);
  const { batchSize: n, inHeight: H, inWidth: W, inChannels: C, outHeight: Ho, outWidth: Wo, filterHeight: fh, filterWidth: fw, strideHeight: sh, strideWidth: sw, padInfo } = info;
  const heap = backend as unknown as WasmHeap;
  const out = heap.makeOutput([...input.shape], 'float32');
  const x = heap.typedArrayFromHeap(input);
  const g = heap.typedArrayFromHeap(dy);
  const dx = heap.typedArrayFromHeap(out);
  dx.fill(0);
  for (let b = 0; b < n; b++)
    for (let i = 0; i < Ho; i++)
      for (let j = 0; j < Wo; j++)
        for (let c = 0; c < C; c++) {
          let best = -Infinity;
          let at = -1;
          for (let a = 0; a < fh; a++) {
            const r = i * sh - padInfo.top + a;
            if (r < 0 || r >= H) continue;
            for (let e = 0; e < fw; e++) {
              const q = j * sw - padInfo.left + e;
              if (q < 0 || q >= W) continue;
              const idx = ((b * H + r) * W + q) * C + c;
              if (x[idx]! > best || at < 0) {
                best = x[idx]!;
                at = idx;
              }
            }
          }
          if (at >= 0) dx[at]! += g[((b * Ho + i) * Wo + j) * C + c]!;
        }
  return out;
}

/** The input gradient of an NHWC max pool: the one-hot form for tiling windows, else the loop above. */
export function maxPoolGrad(args: { inputs: { dy: TensorInfo; input: TensorInfo; output: TensorInfo }; backend: KernelBackend; attrs: MaxPoolGradAttrs }, stock: KernelFunc): TensorInfo {
  const { inputs, backend, attrs } = args;
  const { dy, input } = inputs;
  if (input.dtype !== 'float32') return stock(args as never) as TensorInfo;
  const simd = simdKernels(backend);
  if (simd) {
    const info = tf.backend_util.computePool2DInfo(input.shape as [number, number, number, number], attrs.filterSize, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode);
    const { batchSize: n, inHeight: H, inWidth: W, inChannels: C, outHeight, outWidth, filterHeight, filterWidth, strideHeight, strideWidth, padInfo } = info;
    const dx = wasmRunner(backend).output([n, H, W, C]);
    const at = (t: TensorInfo) => memoryOffset(backend, t);
    simd.run('max_pool_grad', [[at(input), at(dy), at(dx), n, H, W, C, outHeight, outWidth, filterHeight, filterWidth, strideHeight, strideWidth, padInfo.top, padInfo.left]]);
    return dx;
  }
  const info = tiling(input, attrs);
  if (!info) return maxPoolGradLoop(dy, input, attrs, backend);
  const { batchSize: n, inHeight, inWidth, inChannels: c, outHeight, outWidth, filterHeight: fh, filterWidth: fw } = info;
  const { run, keep, release } = wasmRunner(backend);
  try {
    const h = outHeight * fh;
    const w = outWidth * fw;
    const covered = h === inHeight && w === inWidth ? input : keep(run('Slice', { x: input }, { begin: [0, 0, 0, 0], size: [n, h, w, c] }));
    // Each window as the last axis: [n, Ho, Wo, c, fh·fw].
    const view = keep(run('Reshape', { x: covered }, { shape: [n, outHeight, fh, outWidth, fw, c] }));
    const windows = keep(run('Transpose', { x: view }, { perm: [0, 1, 3, 5, 2, 4] }));
    const flat = keep(run('Reshape', { x: windows }, { shape: [n, outHeight, outWidth, c, fh * fw] }));
    const winner = keep(run('ArgMax', { x: flat }, { axis: 4 }));
    const hot = keep(run('OneHot', { indices: winner }, { depth: fh * fw, onValue: 1, offValue: 0, dtype: 'int32' }));
    const mask = keep(run('Cast', { x: hot }, { dtype: 'float32' }));
    const grad = keep(run('Reshape', { x: dy }, { shape: [n, outHeight, outWidth, c, 1] }));
    const spread = keep(run('Multiply', { a: mask, b: grad }));
    const back = keep(run('Reshape', { x: spread }, { shape: [n, outHeight, outWidth, c, fh, fw] }));
    const placed = keep(run('Transpose', { x: back }, { perm: [0, 1, 4, 2, 5, 3] }));
    const dx = run('Reshape', { x: placed }, { shape: [n, h, w, c] });
    if (h === inHeight && w === inWidth) return dx;
    keep(dx);
    return run('PadV2', { x: dx }, { paddings: [[0, 0], [0, inHeight - h], [0, inWidth - w], [0, 0]], constantValue: 0 });
  } finally {
    release();
  }
}
