/**
 * A fast input gradient of a 2-D convolution for the wasm backend.
 *
 * tfjs-backend-wasm 4.22's `Conv2DBackpropInput` is a plain C++ loop, about 8× slower than its
 * XNNPACK `Conv2D`; it took a third to a half of a training step. The input gradient is itself a
 * convolution (a "transposed convolution"). With the forward rows y = i·s + a − top (output row
 * i, tap a, stride s):
 *
 *   dx[y] = Σ_{i,a: i·s + a = y + top} dy[i]·w[a]
 *
 * At stride 1 that is dy, padded by kh − 1 − top, correlated with the kernel turned by 180° (and
 * its in/out channels swapped): one XNNPACK convolution. At stride s, Netwright's SIMD kernel
 * (simd/conv-input-grad.c) takes for each row y only the taps a ≡ y + top (mod s): the forward's
 * work, 2.5–4× faster than the alternative, used when the kernels are off: s − 1 zeros inserted
 * between dy's rows and columns, then the stride-1 form (s² times the forward's work).
 */
import * as tf from '@tensorflow/tfjs';
import type { Conv2DBackpropInputAttrs, KernelBackend, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs';
import { chunkItems, chunksFor, simdKernels, type SimdKernels } from './simd/simd-kernels';
import { memoryOffset, wasmRunner } from './wasm-run';

type Runner = ReturnType<typeof wasmRunner>;

/**
 * Conv2D (stride 1) of x with explicit padding [top, bottom, left, right]; a negative side
 * crops x instead. `x` [n, h, w, c], `kernel` [kh, kw, c, out].
 */
function paddedConv({ run, keep }: Runner, x: TensorInfo, kernel: TensorInfo, [top, bottom, left, right]: number[]): TensorInfo {
  const [n, h, w, c] = x.shape as [number, number, number, number];
  const cut = [Math.max(-top!, 0), Math.max(-bottom!, 0), Math.max(-left!, 0), Math.max(-right!, 0)] as const;
  const input = cut.some((v) => v > 0) ? keep(run('Slice', { x }, { begin: [0, cut[0], cut[2], 0], size: [n, h - cut[0] - cut[1], w - cut[2] - cut[3], c] })) : x;
  const pad = [[0, 0], [Math.max(top!, 0), Math.max(bottom!, 0)], [Math.max(left!, 0), Math.max(right!, 0)], [0, 0]];
  return run('Conv2D', { x: input, filter: kernel }, { strides: [1, 1], dilations: [1, 1], pad, dataFormat: 'NHWC', dimRoundingMode: 'floor' } as unknown as NamedAttrMap);
}

/** The kernel turned by 180° with in/out channels swapped: [kh, kw, ci, co] → [kh, kw, co, ci]; one SIMD-module pass when it can. */
function turned({ run, keep, output }: Runner, filter: TensorInfo, backend: KernelBackend, simd: SimdKernels | undefined): TensorInfo {
  if (!simd) return keep(run('Transpose', { x: keep(run('Reverse', { x: filter }, { dims: [0, 1] })) }, { perm: [0, 1, 3, 2] }));
  const [kh, kw, ci, co] = filter.shape as [number, number, number, number];
  const t = keep(output([kh, kw, co, ci]));
  simd.run('turn_filter', [[memoryOffset(backend, filter), memoryOffset(backend, t), kh, kw, ci, co]]);
  return t;
}

/** The input gradient of an NHWC convolution on wasm: same inputs, attributes and result as tfjs's kernel. */
export function conv2DBackpropInput(args: { inputs: { dy: TensorInfo; filter: TensorInfo }; backend: KernelBackend; attrs: Conv2DBackpropInputAttrs }): TensorInfo {
  const { inputs, backend, attrs } = args;
  const { dy, filter } = inputs;
  if (attrs.dataFormat === 'NCHW') throw new Error('Conv2DBackpropInput on wasm supports only NHWC (channels last).');
  const info = tf.backend_util.computeConv2DInfo(
    attrs.inputShape,
    filter.shape as [number, number, number, number],
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
    false,
    'channelsLast',
  );
  const { batchSize: n, inHeight: H, inWidth: W, outHeight: Ho, outWidth: Wo, filterHeight: kh, filterWidth: kw, strideHeight: sh, strideWidth: sw, padInfo } = info;
  const strided = sh > 1 || sw > 1;
  const simd = simdKernels(backend);
  if (simd && strided) return bySimd(simd, dy, filter, backend, info);
  const runner = wasmRunner(backend);
  const { run, keep, release } = runner;
  try {
    let spread = dy;
    if (strided) {
      // Zero insertion as a pad of a 6-D view: [n, Ho, 1, Wo, 1, co] → [n, Ho, sh, Wo, sw, co].
      const co = filter.shape[3]!;
      const view = keep(run('Reshape', { x: dy }, { shape: [n, Ho, 1, Wo, 1, co] }));
      const padded = keep(run('PadV2', { x: view }, { paddings: [[0, 0], [0, 0], [0, sh - 1], [0, 0], [0, sw - 1], [0, 0]], constantValue: 0 }));
      spread = keep(run('Reshape', { x: padded }, { shape: [n, Ho * sh, Wo * sw, co] }));
    }
    // Before: kh − 1 − top; after: enough for H rows of output.
    const top = kh - 1 - padInfo.top;
    const left = kw - 1 - padInfo.left;
    return paddedConv(runner, spread, turned(runner, filter, backend, simd), [top, H + kh - 1 - top - Ho * sh, left, W + kw - 1 - left - Wo * sw]);
  } finally {
    release();
  }
}

/**
 * The SIMD kernel writes 8 input channels at a time from the filter packed as
 * [ci/8, kh, kw, co, 8] (ci padded with zero filters to a multiple of 8; dx loses them again).
 * On the threaded build the threads share out chunks of the batch.
 */
function bySimd(simd: SimdKernels, dy: TensorInfo, filter: TensorInfo, backend: KernelBackend, info: tf.backend_util.Conv2DInfo): TensorInfo {
  const { batchSize: n, inHeight: H, inWidth: W, inChannels: ci, outHeight: Ho, outWidth: Wo, outChannels: co, filterHeight: kh, filterWidth: kw, strideHeight: sh, strideWidth: sw, padInfo } = info;
  const ci8 = Math.ceil(ci / 8) * 8;
  const macs = n * Ho * Wo * kh * kw * ci8 * co;
  const chunks = chunksFor(simd, macs, n);
  const { run, keep, output, release } = wasmRunner(backend);
  try {
    const padded = ci8 === ci ? filter : keep(run('PadV2', { x: filter }, { paddings: [[0, 0], [0, 0], [0, ci8 - ci], [0, 0]], constantValue: 0 }));
    const blocks = keep(run('Reshape', { x: padded }, { shape: [kh, kw, ci8 / 8, 8, co] }));
    const packed = keep(run('Transpose', { x: blocks }, { perm: [2, 0, 1, 4, 3] }));
    const dx = output([n, H, W, ci8]);
    const at = (t: TensorInfo) => memoryOffset(backend, t);
    simd.run(
      'conv2d_input_grad',
      Array.from({ length: chunks }, (_, i) => [at(dy), at(packed), at(dx), ...chunkItems(i, chunks, n), H, W, ci8, Ho, Wo, co, kh, kw, sh, sw, padInfo.top, padInfo.left]),
    );
    return ci8 === ci ? dx : run('Slice', { x: keep(dx) }, { begin: [0, 0, 0, 0], size: [n, H, W, ci] });
  } finally {
    release();
  }
}
