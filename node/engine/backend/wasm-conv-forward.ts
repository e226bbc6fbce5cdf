/**
 * Stride-1 convolutions on wasm as Netwright's SIMD kernel (simd/conv-forward.c) instead of
 * XNNPACK's; the input gradients of stride-1 convolutions are such convolutions too
 * (wasm-conv-backprop-input.ts). The input is padded first (simd/pad.c), so the kernel sees no
 * edges. Against XNNPACK, on this project's 2-core machine (bench/RESULTS.md): 1.3–2.4× on
 * LeNet-5's narrow layers (1 input channel, 6 output channels), where XNNPACK's tiles run mostly
 * empty; 1.1–1.5× on ResNet-20's on 1 thread, and on 2 threads 1.07–1.25× on a quiet machine and
 * 1.15–1.6× when a neighbour keeps a core busy, since the threads share the batch out in chunks
 * (simd-threads.ts) where XNNPACK gives each thread a fixed part. 3×3 ones with enough channels
 * go faster still by Winograd's F(4×4, 3×3) (simd/winograd.c). Strided and dilated ones stay on
 * XNNPACK (strided ones through the direct kernel made ResNet-20 slower).
 */
import * as tf from '@tensorflow/tfjs';
import type { Conv2DAttrs, KernelBackend, KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import { chunkItems, chunksFor, simdKernels, type SimdKernels } from './simd/simd-kernels';
import { memoryOffset, wasmRunner } from './wasm-run';

type Args = { inputs: { x: TensorInfo; filter: TensorInfo }; backend: KernelBackend; attrs: Conv2DAttrs };
type ConvInfo = tf.backend_util.Conv2DInfo;

/** `Conv2D` on wasm: the SIMD kernel for stride-1 undilated convolutions, else the stock kernel. */
export function conv2D(args: Args, stock: KernelFunc): TensorInfo {
  const { inputs, backend, attrs } = args;
  const simd = simdKernels(backend);
  const [sh, sw] = typeof attrs.strides === 'number' ? [attrs.strides, attrs.strides] : attrs.strides;
  const [dh, dw] = typeof attrs.dilations === 'number' ? [attrs.dilations, attrs.dilations] : attrs.dilations;
  const { x, filter } = inputs;
  if (!simd || attrs.dataFormat === 'NCHW' || sh !== 1 || sw !== 1 || dh !== 1 || dw !== 1 || x.dtype !== 'float32') return stock(args as never) as TensorInfo;
  const info = tf.backend_util.computeConv2DInfo(x.shape as [number, number, number, number], filter.shape as [number, number, number, number], 1, 1, attrs.pad, attrs.dimRoundingMode);
  return bySimd(simd, x, filter, backend, info);
}

/**
 * Whether Winograd's F(4×4, 3×3) (simd/winograd.c) computes this convolution: 3×3, at least
 * 8 input channels in whole vectors of 4, and an output of at least 4×4. It does 36
 * multiplications per 4×4 output pixels where the direct sum does 144: 1.8–2.4× the direct
 * kernel's speed on ResNet-20's layers (1 thread, bench/RESULTS.md).
 */
const winograd = ({ filterHeight, filterWidth, inChannels, outHeight, outWidth }: ConvInfo): boolean =>
  filterHeight === 3 && filterWidth === 3 && inChannels >= 8 && inChannels % 4 === 0 && outHeight >= 4 && outWidth >= 4;
/** Tiles that go through Winograd's three steps together (measured: 12–24 alike; 8 and 32 slower). */
const WINOGRAD_TILES = 16;

/** The kernel on x padded as the convolution pads it, with the filter's columns padded to a multiple of 4. */
export function bySimd(simd: SimdKernels, x: TensorInfo, filter: TensorInfo, backend: KernelBackend, info: ConvInfo): TensorInfo {
  const { batchSize: n, inChannels: ci, outChannels: co, outHeight, outWidth, filterHeight: kh, filterWidth: kw, padInfo } = info;
  const cw = Math.ceil(co / 4) * 4;
  const { run, keep, output, release } = wasmRunner(backend);
  try {
    const { top, bottom, left, right } = padInfo;
    const padded = top || bottom || left || right ? keep(run('PadV2', { x }, { paddings: [[0, 0], [top, bottom], [left, right], [0, 0]], constantValue: 0 })) : x;
    const w = cw === co ? filter : keep(run('PadV2', { x: filter }, { paddings: [[0, 0], [0, 0], [0, 0], [0, cw - co]], constantValue: 0 }));
    const [, h, wd] = padded.shape as number[];
    const y = output([n, outHeight, outWidth, co]);
    const chunks = chunksFor(simd, n * outHeight * outWidth * kh * kw * ci * cw, n);
    const at = (t: TensorInfo) => memoryOffset(backend, t);
    if (winograd(info)) {
      const u = keep(output([36, ci, cw]));
      simd.run('winograd_filter', [[at(w), at(u), ci, cw]]);
      // Each chunk transforms its tiles into scratch of its own.
      const size = 36 * (WINOGRAD_TILES * (ci + cw) + 32);
      const scratch = at(keep(output([chunks, size])));
      simd.run('winograd_conv3x3', Array.from({ length: chunks }, (_, i) => [at(padded), at(u), at(y), scratch + 4 * i * size, ...chunkItems(i, chunks, n), h!, wd!, ci, co, cw, WINOGRAD_TILES]));
      return y;
    }
    // The kernel skips the taps that would read the padding alone.
    const nonzero = [top, h! - bottom, left, wd! - right];
    simd.run('conv2d_valid', Array.from({ length: chunks }, (_, i) => [at(padded), at(w), at(y), ...chunkItems(i, chunks, n), h!, wd!, ci, co, cw, kh, kw, ...nonzero]));
    return y;
  } finally {
    release();
  }
}
