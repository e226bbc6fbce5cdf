/**
 * Kernels the wasm backend lacks or runs slowly, built from the wasm backend's own kernels or
 * from Netwright's SIMD kernels (simd/).
 *
 * tfjs-backend-wasm 4.22 has no `Conv2DBackpropFilter` (tensorflow/tfjs#8474), so without this
 * file no convolution can be trained on wasm; tfjs would fall back to nothing and throw (ours is
 * in wasm-conv-backprop-filter.ts). Other stock kernels are replaced by faster ones: stride-1
 * `Conv2D`s (wasm-conv-forward.ts), `Conv2DBackpropInput` (a naive loop;
 * wasm-conv-backprop-input.ts), `AvgPoolGrad` and `MaxPoolGrad` (wasm-pool-grad.ts), per-channel
 * `Sum`, `Mean`, `Add`, `Sub`, `Multiply` and `FusedBatchNorm` (wasm-channel-ops.ts), unbatched
 * `BatchMatMul` and `_FusedMatMul` (wasm-matmul.ts), `Relu` and `Tanh` (wasm-activations.ts,
 * which also gives their gradients one kernel each), `Slice`, `PadV2`, `Identity` and `Cast` to
 * the same dtype. Training-mode batch normalisation has kernels of its own (wasm-batch-norm.ts).
 */
import * as tf from '@tensorflow/tfjs';
import type { CastAttrs, KernelBackend, KernelConfig, KernelFunc, NamedAttrMap, PadV2Attrs, SliceAttrs, TensorInfo } from '@tensorflow/tfjs';
import { registerActivationKernels, relu, simdTanh } from './wasm-activations';
import { registerBatchNormKernels } from './wasm-batch-norm';
import { conv2DBackpropFilter } from './wasm-conv-backprop-filter';
import { conv2DBackpropInput } from './wasm-conv-backprop-input';
import { conv2D } from './wasm-conv-forward';
import { batchNorm, channelBinary, reduceLeading } from './wasm-channel-ops';
import { avgPoolGrad, maxPoolGrad } from './wasm-pool-grad';
import { batchMatMul, fusedMatMul } from './wasm-matmul';
import { memoryOffset, wasmRunner } from './wasm-run';
import { enableSimdKernels, simdKernels } from './simd/simd-kernels';

const BACKEND = 'wasm';

/**
 * `Identity` (tfjs clones every tensor it saves for a gradient with it) without copying: the
 * result shares the input's memory, counted by reference, as the cpu backend does. Safe because
 * no wasm kernel writes into an existing tensor.
 */
function identity(args: { inputs: { x: TensorInfo }; backend: KernelBackend }, stock: KernelFunc): TensorInfo {
  const { inputs, backend } = args;
  if (inputs.x.dtype === 'string') return stock(args as never) as TensorInfo;
  backend.incRef(inputs.x.dataId);
  return { dataId: inputs.x.dataId, shape: inputs.x.shape, dtype: inputs.x.dtype };
}

/**
 * `Cast` to the dtype a tensor already has shares its memory too: the stock kernel copies, and
 * tfjs's ReLU gradient casts its float mask to float (54 copies of a whole activation in a
 * ResNet-20 step).
 */
function cast(args: { inputs: { x: TensorInfo }; backend: KernelBackend; attrs: CastAttrs }, stock: KernelFunc): TensorInfo {
  return args.attrs.dtype === args.inputs.x.dtype ? identity(args, stock) : (stock(args as never) as TensorInfo);
}

/**
 * `Tanh` as one SIMD kernel (wasm-activations.ts), or without the SIMD kernels as 2·σ(2x) − 1:
 * the stock kernel calls the C library's tanh per element (3.4 ms for a LeNet C1 batch,
 * 32×28×28×6); XNNPACK's vectorised sigmoid and three elementwise ops take 0.4 ms. Either is
 * within 2e-7 of tanh.
 */
function tanh(args: { inputs: { x: TensorInfo }; backend: KernelBackend }, stock: KernelFunc): TensorInfo {
  const { inputs, backend } = args;
  if (inputs.x.dtype !== 'float32') return stock(args as never) as TensorInfo;
  const fast = simdTanh(args);
  if (fast) return fast;
  const { run, keep, constant, release } = wasmRunner(backend);
  try {
    const two = constant(2);
    const s = keep(run('Sigmoid', { x: keep(run('Multiply', { a: inputs.x, b: two })) }));
    return run('Sub', { a: keep(run('Multiply', { a: s, b: two })), b: constant(1) });
  } finally {
    release();
  }
}

/** Per-axis values of a tensor of rank ≤ 4 as rank 4, with `fill` for the leading axes added. */
const lead = (values: number[], fill: number) => [...Array<number>(4 - values.length).fill(fill), ...values];

/**
 * `Slice` of a float32 tensor of rank 1–4 as one copy per contiguous run (simd/slice.c); tfjs's
 * own copies each innermost row through a new subarray (5.5 ms for a ResNet-20 crop, against 0.3).
 */
function slice(args: { inputs: { x: TensorInfo }; backend: KernelBackend; attrs: SliceAttrs }, stock: KernelFunc): TensorInfo {
  const { inputs, backend, attrs } = args;
  const { x } = inputs;
  const simd = simdKernels(backend);
  const [begin, size] = tf.slice_util.parseSliceParams(x as tf.Tensor, attrs.begin, attrs.size) as [number[], number[]];
  if (!simd || x.dtype !== 'float32' || x.shape.length < 1 || x.shape.length > 4 || size.includes(0)) return stock(args as never) as TensorInfo;
  const y = wasmRunner(backend).output(size);
  const [, d1, d2, d3] = lead(x.shape, 1);
  simd.run('slice4d', [[memoryOffset(backend, x), memoryOffset(backend, y), d1!, d2!, d3!, ...lead(begin, 0), ...lead(size, 1)]]);
  return y;
}

/**
 * A constant `PadV2` of a float32 tensor as a run of the value, a copy and a run per row
 * (simd/pad.c), for rank ≤ 4 once each unpadded last axis is merged into the one before it (which
 * also makes the rows longer: padding a 1-channel image copies whole image rows).
 */
function pad(args: { inputs: { x: TensorInfo }; backend: KernelBackend; attrs: PadV2Attrs }, stock: KernelFunc): TensorInfo {
  const { inputs, backend, attrs } = args;
  const { x } = inputs;
  const simd = simdKernels(backend);
  const shape = [...x.shape];
  const paddings = attrs.paddings.map(([before, after]) => [before, after] as [number, number]);
  while (shape.length > 1 && paddings.at(-1)![0] === 0 && paddings.at(-1)![1] === 0) {
    const inner = shape.pop()!;
    paddings.pop();
    shape[shape.length - 1]! *= inner;
    paddings[paddings.length - 1] = [paddings.at(-1)![0] * inner, paddings.at(-1)![1] * inner];
  }
  if (!simd || x.dtype !== 'float32' || shape.length > 4 || shape.includes(0)) return stock(args as never) as TensorInfo;
  const padded = shape.map((d, i) => paddings[i]![0] + d + paddings[i]![1]);
  const y = wasmRunner(backend).output(x.shape.map((d, i) => attrs.paddings[i]![0] + d + attrs.paddings[i]![1]));
  const [at, to] = [memoryOffset(backend, x), memoryOffset(backend, y)];
  // Zero channels added after the last ones (6 → 8), as whole vectors.
  const channelsOnly = attrs.constantValue === 0 && paddings.every(([before, after], i) => before === 0 && (after === 0 || i === shape.length - 1)) && padded.at(-1)! % 4 === 0;
  if (channelsOnly) simd.run('pad_channels', [[at, to, shape.reduce((a, b) => a * b, 1) / shape.at(-1)!, shape.at(-1)!, padded.at(-1)!]]);
  else simd.run('pad4d', [[at, to, ...lead(shape, 1), ...lead(paddings.map((p) => p[0]), 0), ...lead(padded, 1), attrs.constantValue]]);
  return y;
}

type Replacement = (args: never, stock: KernelFunc) => TensorInfo;

/** The kernels replaced on wasm: name → the faster version (given the stock kernel to fall back on). */
const replacements: Record<string, Replacement> = {
  Conv2D: conv2D as Replacement,
  Conv2DBackpropInput: (args) => conv2DBackpropInput(args),
  BatchMatMul: batchMatMul as Replacement,
  _FusedMatMul: fusedMatMul as Replacement,
  AvgPoolGrad: avgPoolGrad as Replacement,
  MaxPoolGrad: maxPoolGrad as Replacement,
  Identity: identity as Replacement,
  Cast: cast as Replacement,
  Tanh: tanh as Replacement,
  Relu: relu as Replacement,
  Slice: slice as Replacement,
  PadV2: pad as Replacement,
  Sum: reduceLeading(false) as Replacement,
  Mean: reduceLeading(true) as Replacement,
  Add: channelBinary('Add') as Replacement,
  Sub: channelBinary('Sub') as Replacement,
  Multiply: channelBinary('Multiply') as Replacement,
  FusedBatchNorm: batchNorm as Replacement,
};

/** The stock wasm kernels, saved the first time they are replaced. */
const stockKernels = new Map<string, KernelConfig>();

/**
 * Register the wasm kernels: the missing filter gradient (unless a newer tfjs has one) and the
 * faster versions above in place of tfjs's own — or, with `fast = false`, tfjs's own again and
 * the filter gradient without SIMD kernels (for benchmarks and tests). Call it before or after
 * the backend starts; only the wasm backend is touched.
 */
export function registerWasmKernels(fast = true): void {
  enableSimdKernels(fast);
  registerBatchNormKernels();
  registerActivationKernels();
  if (!tf.getKernel('Conv2DBackpropFilter', BACKEND)) {
    tf.registerKernel({ kernelName: 'Conv2DBackpropFilter', backendName: BACKEND, kernelFunc: conv2DBackpropFilter as unknown as KernelFunc });
  }
  for (const [name, replacement] of Object.entries(replacements)) {
    const current = tf.getKernel(name, BACKEND);
    if (!current) throw new Error(`The wasm backend has no ${name} kernel to replace.`);
    if (!stockKernels.has(name)) stockKernels.set(name, current);
    const stock = stockKernels.get(name)!;
    const kernelFunc: KernelFunc = fast ? (args) => replacement(args as never, stock.kernelFunc) : stock.kernelFunc;
    tf.unregisterKernel(name, BACKEND);
    // The stock setup (it binds the C++ function) still runs when the backend starts.
    tf.registerKernel({ kernelName: name, backendName: BACKEND, kernelFunc, setupFunc: stock.setupFunc });
  }
}
