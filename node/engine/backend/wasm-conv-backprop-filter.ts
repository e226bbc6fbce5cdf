/**
 * The filter gradient of a 2-D convolution on wasm (NHWC), which tfjs-backend-wasm 4.22 lacks
 * (tensorflow/tfjs#8474): without it no convolution could be trained on wasm.
 *
 *   dW[kh, kw, ci, co] = Σ_{n,i,j} x[n, i·s + kh − top, j·s + kw − left, ci] · dy[n, i, j, co]
 *
 * It runs as Netwright's SIMD kernels on tfjs's memory (simd/conv-filter-grad.c, or for 3×3
 * stride-1 convolutions simd/winograd-filter-grad.c), and otherwise (kernels turned off, or no
 * memory to run on) as one more XNNPACK convolution: 2.5–3× slower than the direct kernel on
 * ResNet-20's layers, since XNNPACK packs dy as that convolution's filter on every call.
 */
import * as tf from '@tensorflow/tfjs';
import type { Conv2DBackpropFilterAttrs, KernelBackend, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs';
import { chunkItems, chunksFor, simdKernels, type SimdKernels } from './simd/simd-kernels';
import { memoryOffset, wasmRunner } from './wasm-run';

type ConvInfo = ReturnType<typeof tf.backend_util.computeConv2DInfo>;

export function conv2DBackpropFilter(args: { inputs: { x: TensorInfo; dy: TensorInfo }; backend: KernelBackend; attrs: Conv2DBackpropFilterAttrs }): TensorInfo {
  const { inputs, backend, attrs } = args;
  if (attrs.dataFormat === 'NCHW') throw new Error('Conv2DBackpropFilter on wasm supports only NHWC (channels last).');
  const info = tf.backend_util.computeConv2DInfo(
    inputs.x.shape as [number, number, number, number],
    attrs.filterShape,
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
    false,
    'channelsLast',
  );
  const simd = simdKernels(backend);
  return simd ? bySimd(simd, inputs, backend, info) : byConvolution(inputs, backend, info);
}

/**
 * Whether Winograd's F(2×2, 3×3) (simd/winograd-filter-grad.c) computes this filter gradient:
 * 3×3 at stride 1, at least 8 input channels, input and output channels in whole vectors of 4.
 * It takes 4 multiplications per output pixel, input and output channel where the direct sum
 * takes 9: 1.2–1.8× the direct kernel's speed on ResNet-20's layers (1 thread, bench/RESULTS.md).
 */
const winograd = ({ filterHeight, filterWidth, strideHeight, strideWidth, inChannels, outChannels }: ConvInfo): boolean =>
  filterHeight === 3 && filterWidth === 3 && strideHeight === 1 && strideWidth === 1 && inChannels >= 8 && inChannels % 4 === 0 && outChannels % 4 === 0;
/** Tiles per block of the kernel's matrix products (measured: 64 a little ahead of 32 and 128). */
const WINOGRAD_TILES = 64;

/**
 * The SIMD kernel takes whole vectors of 4 output channels, so dy gets zero channels up to a
 * multiple of 4 and dW loses them again (LeNet-5's C1 has 6). On the threaded build the batch is
 * cut into chunks that the threads share out, each summed into a dW of its own; they are added.
 */
function bySimd(simd: SimdKernels, { x, dy }: { x: TensorInfo; dy: TensorInfo }, backend: KernelBackend, info: ConvInfo): TensorInfo {
  const { batchSize, inHeight, inWidth, inChannels: ci, outHeight, outWidth, outChannels: co, filterHeight: kh, filterWidth: kw, strideHeight, strideWidth, padInfo } = info;
  const co4 = Math.ceil(co / 4) * 4;
  const macs = batchSize * outHeight * outWidth * kh * kw * ci * co4;
  const chunks = chunksFor(simd, macs, batchSize);
  const { run, keep, output, release } = wasmRunner(backend);
  try {
    const at = (t: TensorInfo) => memoryOffset(backend, t);
    // One chunk writes dW itself; several write sums of their own (temporaries), added after.
    const sums = Array.from({ length: chunks }, () => (chunks === 1 ? output([kh, kw, ci, co4]) : keep(output([kh, kw, ci, co4]))));
    if (winograd(info)) {
      // x padded as the convolution pads it, and x and dy by one more zero row (column) where the
      // output has an odd number: the kernel's 2×2 tiles must cover it without overlapping.
      const [oddH, oddW] = [outHeight % 2, outWidth % 2];
      const { top, bottom, left, right } = padInfo;
      const xp = keep(run('PadV2', { x }, { paddings: [[0, 0], [top, bottom + oddH], [left, right + oddW], [0, 0]], constantValue: 0 }));
      const dyp = oddH || oddW ? keep(run('PadV2', { x: dy }, { paddings: [[0, 0], [0, oddH], [0, oddW], [0, 0]], constantValue: 0 })) : dy;
      const size = 16 * (WINOGRAD_TILES * (ci + co) + 32 + ci * co);
      const scratch = at(keep(output([chunks, size])));
      const [h, w] = xp.shape.slice(1, 3) as [number, number];
      simd.run('winograd_filter_grad', sums.map((dw, i) => [at(xp), at(dyp), at(dw), scratch + 4 * i * size, ...chunkItems(i, chunks, batchSize), h, w, ci, co, WINOGRAD_TILES]));
    } else {
      const dy4 = co4 === co ? dy : keep(run('PadV2', { x: dy }, { paddings: [[0, 0], [0, 0], [0, 0], [0, co4 - co]], constantValue: 0 }));
      simd.run(
        'conv2d_filter_grad',
        sums.map((dw, i) => [at(x), at(dy4), at(dw), ...chunkItems(i, chunks, batchSize), inHeight, inWidth, ci, outHeight, outWidth, co4, kh, kw, strideHeight, strideWidth, padInfo.top, padInfo.left]),
      );
    }
    const dw = chunks === 1 ? sums[0]! : run('AddN', sums as unknown as Record<string, TensorInfo>);
    return co4 === co ? dw : run('Slice', { x: keep(dw) }, { begin: [0, 0, 0, 0], size: [kh, kw, ci, co] });
  } finally {
    release();
  }
}

/**
 * As one XNNPACK convolution: xᵀ ([Ci, H, W, N], channels as batch) convolved with dyᵀ
 * ([Ho, Wo, N, Co] as the filter), stride 1, dilation = the forward stride, and the forward
 * padding. That convolution may produce a few more rows/columns than the kernel has (when the
 * forward window did not reach the last pixels), so its output is cut to [kh, kw] before the
 * final transpose.
 */
function byConvolution({ x, dy }: { x: TensorInfo; dy: TensorInfo }, backend: KernelBackend, info: ConvInfo): TensorInfo {
  const { filterHeight: kh, filterWidth: kw, inChannels: ci, outChannels: co, strideHeight, strideWidth, padInfo } = info;
  const { run, keep, release } = wasmRunner(backend);
  try {
    const xT = keep(run('Transpose', { x }, { perm: [3, 1, 2, 0] }));
    const dyT = keep(run('Transpose', { x: dy }, { perm: [1, 2, 0, 3] }));
    // Explicit pads (not 'same'): 'same' would be recomputed for this stride-1 convolution.
    const pad = [
      [0, 0],
      [padInfo.top, padInfo.bottom],
      [padInfo.left, padInfo.right],
      [0, 0],
    ];
    const full = keep(run('Conv2D', { x: xT, filter: dyT }, { strides: [1, 1], dilations: [strideHeight, strideWidth], pad, dataFormat: 'NHWC', dimRoundingMode: 'floor' } as unknown as NamedAttrMap));
    const [, fullH, fullW] = full.shape as [number, number, number, number];
    if (fullH < kh || fullW < kw) throw new Error(`Conv2DBackpropFilter: inner convolution gave ${fullH}×${fullW}, smaller than the ${kh}×${kw} kernel.`);
    const cut = fullH === kh && fullW === kw ? full : keep(run('Slice', { x: full }, { begin: [0, 0, 0, 0], size: [ci, kh, kw, co] }));
    return run('Transpose', { x: cut }, { perm: [1, 2, 0, 3] });
  } finally {
    release();
  }
}
