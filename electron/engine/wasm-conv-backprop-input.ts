/**
 * A fast input gradient of a 2-D convolution for the wasm backend, built from its own kernels.
 *
 * tfjs-backend-wasm 4.22's `Conv2DBackpropInput` is a plain C++ loop, about 8× slower than its
 * XNNPACK `Conv2D`; it took a third to a half of a training step. The input gradient is itself a
 * convolution (a "transposed convolution"). With the forward rows y = i·s + a − top (output row
 * i, tap a, stride s):
 *
 *   dx[y] = Σ_{i,a: i·s + a = y + top} dy[i]·w[a]
 *
 * At stride 1 that is dy, padded by kh − 1 − top, correlated with the kernel turned by 180° (and
 * its in/out channels swapped). At stride s, two ways:
 * - zero insertion: s − 1 zeros between dy's rows and columns, then the stride-1 form: s² times
 *   the forward's work, in one efficient convolution;
 * - sub-pixel: the rows with y + top ≡ ρ (mod s) take only the taps a = ρ, ρ + s, …; one stride-1
 *   convolution per residue (ρh, ρw) with that sub-kernel over the rows q = (y + top − ρ)/s, then
 *   interleaved: the forward's work, in s² smaller convolutions.
 * Sub-pixel wins on large layers and loses on small ones (measured, 2 threads, batch 32: 64×64×32
 * ← 32×32×64 3×3 /2: 205 → 106 ms; 28×28×128 ← 14×14×256: 431 → 251 ms; but 34×34×16 ←
 * 16×16×32: 11.4 → 14.8 ms, 14×14×256 ← 7×7×512: 505 → 574 ms, 1×1 kernels always slower), so it
 * is used from 14×14 output gradients, kernels wider than 1 and 500 M zero-inserted
 * multiply-accumulates (`SUB_PIXEL`).
 */
import * as tf from '@tensorflow/tfjs';
import type { Conv2DBackpropInputAttrs, KernelBackend, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs';
import { wasmRunner } from './wasm-run';

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

/** The kernel (or a sub-kernel) turned by 180° with in/out channels swapped: [kh, kw, ci, co] → [kh, kw, co, ci]. */
const turned = ({ run, keep }: Runner, filter: TensorInfo) => keep(run('Transpose', { x: keep(run('Reverse', { x: filter }, { dims: [0, 1] })) }, { perm: [0, 1, 3, 2] }));

/** The input gradient of an NHWC convolution on wasm: same inputs, attributes and result as tfjs's kernel. */
export function conv2DBackpropInput(args: { inputs: { dy: TensorInfo; filter: TensorInfo }; backend: KernelBackend; attrs: Conv2DBackpropInputAttrs }, options: { forceSubPixel?: boolean } = {}): TensorInfo {
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
  const { batchSize: n, inHeight: H, inWidth: W, inChannels: ci, outHeight: Ho, outWidth: Wo, filterHeight: kh, filterWidth: kw, strideHeight: sh, strideWidth: sw, padInfo } = info;
  const runner = wasmRunner(backend);
  const { run, keep, release } = runner;
  try {
    const strided = sh > 1 || sw > 1;
    if (strided && subPixel(info, ci, filter.shape[3]!, options)) return subPixelGradient(runner, dy, filter, info);
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
    return paddedConv(runner, spread, turned(runner, filter), [top, H + kh - 1 - top - Ho * sh, left, W + kw - 1 - left - Wo * sw]);
  } finally {
    release();
  }
}

/** When to take the sub-pixel form (see above); `forceSubPixel` takes it for every strided kernel wider than 1 (tests). */
const SUB_PIXEL = { minOutputPixels: 196, fromMacs: 500e6 };

function subPixel(info: tf.backend_util.Conv2DInfo, ci: number, co: number, options: { forceSubPixel?: boolean }): boolean {
  if (info.filterHeight === 1 && info.filterWidth === 1) return false;
  if (options.forceSubPixel) return true;
  const zeroInsertedMacs = info.batchSize * info.inHeight * info.inWidth * ci * info.filterHeight * info.filterWidth * co;
  return info.outHeight * info.outWidth >= SUB_PIXEL.minOutputPixels && zeroInsertedMacs >= SUB_PIXEL.fromMacs;
}

/** The sub-pixel input gradient of a strided convolution (see the top of this file). */
function subPixelGradient(runner: Runner, dy: TensorInfo, filter: TensorInfo, info: tf.backend_util.Conv2DInfo): TensorInfo {
  const { run, keep } = runner;
  const { batchSize: n, inHeight: H, inWidth: W, inChannels: ci, outHeight: Ho, outWidth: Wo, filterHeight: kh, filterWidth: kw, strideHeight: sh, strideWidth: sw, padInfo } = info;
  // The rows q of every residue: from ⌊top/s⌋ to ⌊(top + H − 1)/s⌋ (some fall outside dx and are cut at the end).
  const [qTop, qLeft] = [Math.floor(padInfo.top / sh), Math.floor(padInfo.left / sw)];
  const rows = Math.floor((padInfo.top + H - 1) / sh) - qTop + 1;
  const cols = Math.floor((padInfo.left + W - 1) / sw) - qLeft + 1;
  const bands: TensorInfo[] = [];
  for (let rh = 0; rh < sh; rh++) {
    const cells: TensorInfo[] = [];
    for (let rw = 0; rw < sw; rw++) {
      const [th, tw] = [Math.ceil((kh - rh) / sh), Math.ceil((kw - rw) / sw)];
      let part: TensorInfo;
      if (th <= 0 || tw <= 0) {
        part = keep(run('Fill', {}, { shape: [n, rows, cols, ci], value: 0, dtype: 'float32' }));
      } else {
        // Taps rh, rh + s, … and rw, rw + s, …; dy padded so that output row 0 is q = qTop.
        const sub = keep(run('StridedSlice', { x: filter }, { begin: [rh, rw, 0, 0], end: [kh, kw, ci, filter.shape[3]], strides: [sh, sw, 1, 1], beginMask: 0, endMask: 0, ellipsisMask: 0, newAxisMask: 0, shrinkAxisMask: 0 }));
        const top = th - 1 - qTop;
        const left = tw - 1 - qLeft;
        part = keep(paddedConv(runner, dy, turned(runner, sub), [top, rows + th - 1 - Ho - top, left, cols + tw - 1 - Wo - left]));
      }
      cells.push(keep(run('Reshape', { x: part }, { shape: [n, rows, cols, 1, ci] })));
    }
    const band = cells.length === 1 ? cells[0]! : keep(run('Concat', cells as unknown as Record<string, TensorInfo>, { axis: 3 }));
    bands.push(keep(run('Reshape', { x: band }, { shape: [n, rows, 1, cols * sw, ci] })));
  }
  const woven = bands.length === 1 ? bands[0]! : keep(run('Concat', bands as unknown as Record<string, TensorInfo>, { axis: 2 }));
  const grid = keep(run('Reshape', { x: woven }, { shape: [n, rows * sh, cols * sw, ci] }));
  return run('Slice', { x: grid }, { begin: [0, padInfo.top - qTop * sh, padInfo.left - qLeft * sw, 0], size: [n, H, W, ci] });
}
