/**
 * Per-channel work on the wasm backend, the kind batch normalisation and biases are made of.
 *
 * tfjs-backend-wasm 4.22 reduces over leading axes by transposing the whole tensor first, and
 * broadcasts a [C] vector over [..., C] with a scalar index loop; its `FusedBatchNorm` is such a
 * loop too. Measured on this project's 2-core VM (1 thread, medians): a Sum over N, H, W of
 * 32×32×32×16 took 1.45 ms, adding a bias to it 0.86 ms, batch-normalising it 3.6 ms, against
 * 0.15 ms for adding two tensors of that shape. XNNPACK does the same work fast when asked as:
 *
 *   Sum / Mean over the leading axes:   an average pool with one M-high window (× M for a sum)
 *   x + b, x − b, x · w (w, b of [C]):  1×1 depthwise convolution, bias b, filter 1 or w
 *   batch normalisation:                the same, filter γ/σ and bias β − μ·γ/σ
 *
 * (about 0.1, 0.2 and 0.2 ms for the example above). With Netwright's SIMD kernels on, the sum
 * and the affine map are one pass each of simd/batch-norm.c instead: XNNPACK's depthwise
 * convolution is slow for few channels (LeNet-5's C1 bias, 6 channels: 0.30 ms to add, 0.19 to
 * sum). Other shapes and dtypes keep the stock kernel.
 */
import type { FusedBatchNormAttrs, KernelBackend, KernelFunc, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs';
import { simdKernels } from './simd/simd-kernels';
import { memoryOffset, wasmRunner } from './wasm-run';

/** Below this many elements the stock kernels are as fast (their fixed costs dominate). */
const MIN_SIZE = 4096;

const sizeOf = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);
const isFloat = (...ts: TensorInfo[]) => ts.every((t) => t.dtype === 'float32');

/** The number of leading axes `axis` names, when it names exactly 0..k−1 (else undefined). */
function leadingAxes(axis: number | number[], rank: number): number | undefined {
  const axes = [...new Set((Array.isArray(axis) ? axis : [axis]).map((a) => (a < 0 ? a + rank : a)))].sort((a, b) => a - b);
  return axes.length > 0 && axes.every((a, i) => a === i) ? axes.length : undefined;
}

/** `Sum` or `Mean` over the leading axes as one SIMD pass, or one average pool over them (times M for a sum). */
export function reduceLeading(mean: boolean) {
  return (args: { inputs: { x: TensorInfo }; backend: KernelBackend; attrs: { axis: number | number[]; keepDims: boolean } }, stock: KernelFunc): TensorInfo => {
    const { inputs, backend, attrs } = args;
    const { x } = inputs;
    const k = leadingAxes(attrs.axis, x.shape.length);
    if (k === undefined || !isFloat(x) || sizeOf(x.shape) < MIN_SIZE) return stock(args as never) as TensorInfo;
    const m = sizeOf(x.shape.slice(0, k));
    const kept = x.shape.slice(k);
    const shape = attrs.keepDims ? [...x.shape.slice(0, k).map(() => 1), ...kept] : kept;
    const { run, keep, constant, output, release } = wasmRunner(backend);
    const simd = simdKernels(backend);
    try {
      if (simd) {
        const sum = output(shape);
        const at = (t: TensorInfo) => memoryOffset(backend, t);
        simd.run('channel_sum', [[at(x), at(sum), at(keep(output([sizeOf(kept)]))), m, sizeOf(kept), mean ? 1 / m : 1]]);
        return sum;
      }
      const column = keep(run('Reshape', { x }, { shape: [1, m, 1, sizeOf(kept)] }));
      let out = run('AvgPool', { x: column }, { filterSize: [m, 1], strides: [m, 1], pad: 'valid' });
      if (!mean) out = run('Multiply', { a: keep(out), b: constant(m) });
      return { ...out, shape };
    } finally {
      release();
    }
  };
}

/** A per-channel affine map y = x·scale + shift of x ([..., C]): one SIMD pass, or a 1×1 depthwise convolution. */
function affine(backend: KernelBackend, x: TensorInfo, scale: TensorInfo, shift: TensorInfo | undefined): TensorInfo {
  const c = x.shape[x.shape.length - 1]!;
  const { run, alias, output, vector, release } = wasmRunner(backend);
  const simd = simdKernels(backend);
  try {
    if (simd) {
      const y = output([...x.shape]);
      const at = (t: TensorInfo) => memoryOffset(backend, t);
      simd.run('channel_scale_shift', [[at(x), at(scale), at(shift ?? vector(new Float32Array(c), [c])), at(y), sizeOf(x.shape) / c, c]]);
      return y;
    }
    const inputs: Record<string, TensorInfo> = { x: alias(x, [1, 1, sizeOf(x.shape) / c, c]), filter: alias(scale, [1, 1, c, 1]) };
    if (shift) inputs.bias = alias(shift, [c]);
    const out = run('FusedDepthwiseConv2D', inputs, { strides: [1, 1], pad: 'valid', dilations: [1, 1], dataFormat: 'NHWC', activation: 'linear' } as unknown as NamedAttrMap);
    return { ...out, shape: [...x.shape] };
  } finally {
    release();
  }
}

/** Whether `v` is one value per channel of `x`: shape [C] or [1, …, 1, C], rank at most x's. */
function perChannel(x: TensorInfo, v: TensorInfo): boolean {
  const c = x.shape[x.shape.length - 1];
  return x.shape.length >= 2 && v.shape.length <= x.shape.length && v.shape[v.shape.length - 1] === c && sizeOf(v.shape) === c;
}

/**
 * `Add`, `Sub` or `Multiply` of a tensor and a per-channel vector (either side) as a depthwise
 * convolution: x + b → filter 1, bias b; x − b → bias −b; b − x → filter −1, bias b; x · w → filter w.
 */
export function channelBinary(op: 'Add' | 'Sub' | 'Multiply') {
  return (args: { inputs: { a: TensorInfo; b: TensorInfo }; backend: KernelBackend }, stock: KernelFunc): TensorInfo => {
    const { inputs, backend } = args;
    const { a, b } = inputs;
    const vectorFirst = perChannel(b, a) && !perChannel(a, b);
    const [x, v] = vectorFirst ? [b, a] : [a, b];
    if (!isFloat(a, b) || !perChannel(x, v) || sizeOf(x.shape) < MIN_SIZE) return stock(args as never) as TensorInfo;
    const c = x.shape[x.shape.length - 1]!;
    const { run, keep, vector, release } = wasmRunner(backend);
    try {
      if (op === 'Multiply') return affine(backend, x, v, undefined);
      const sign = op === 'Sub' && vectorFirst ? -1 : 1;
      const filter = vector(new Float32Array(c).fill(sign), [c]);
      const bias = op === 'Sub' && !vectorFirst ? keep(run('Neg', { x: v })) : v;
      return affine(backend, x, filter, bias);
    } finally {
      release();
    }
  };
}

/** Heap access of the wasm backend (its class is not exported). */
interface WasmHeap {
  readSync(dataId: object): Float32Array;
}

/**
 * `FusedBatchNorm` with per-channel statistics as y = x·f + g, f = γ/√(σ² + ε), g = β − μ·f,
 * the two C-vectors computed here. Agrees with the stock kernel to float rounding, except that
 * when |μ| ≫ σ the folded form loses digits the stock (x − μ)·f keeps (as any folded batch norm).
 */
export function batchNorm(args: { inputs: { x: TensorInfo; mean: TensorInfo; variance: TensorInfo; offset?: TensorInfo; scale?: TensorInfo }; backend: KernelBackend; attrs: FusedBatchNormAttrs }, stock: KernelFunc): TensorInfo {
  const { inputs, backend, attrs } = args;
  const { x, mean, variance, offset, scale } = inputs;
  const params = [mean, variance, offset, scale].filter((t): t is TensorInfo => t != null);
  if (!isFloat(x, ...params) || !params.every((p) => perChannel(x, p)) || sizeOf(x.shape) < MIN_SIZE) return stock(args as never) as TensorInfo;
  const heap = backend as unknown as WasmHeap;
  const [mu, v] = [heap.readSync(mean.dataId), heap.readSync(variance.dataId)];
  const gamma = scale ? heap.readSync(scale.dataId) : undefined;
  const beta = offset ? heap.readSync(offset.dataId) : undefined;
  const f = new Float32Array(mu.length);
  const g = new Float32Array(mu.length);
  for (let c = 0; c < f.length; c++) {
    f[c] = (gamma ? gamma[c]! : 1) / Math.sqrt(v[c]! + attrs.varianceEpsilon);
    g[c] = (beta ? beta[c]! : 0) - mu[c]! * f[c]!;
  }
  const { vector, release } = wasmRunner(backend);
  try {
    return affine(backend, x, vector(f, [f.length]), vector(g, [g.length]));
  } finally {
    release();
  }
}
