/**
 * ReLU and tanh on wasm as SIMD kernels (simd/activations.c), forward and backward, one pass
 * each. The forward ones replace the stock `Relu` and `Tanh` (wasm-kernels.ts); the gradients
 * are kernels of their own,
 *
 *   runKernel(RELU_GRAD, { x, dy }) → dx = x > 0 ? dy : 0
 *   runKernel(TANH_GRAD, { y, dy }) → dx = (1 − y²)·dy
 *
 * which tfjs's `Relu` and `Tanh` gradients use on wasm with the SIMD kernels on (tfjs's own are
 * dy·cast(step(x)) and (1 − square(y))·dy: two or three whole-tensor passes and temporaries).
 * Elsewhere, or with the kernels off, tfjs's gradients run unchanged.
 */
import * as tf from '@tensorflow/tfjs';
import type { GradConfig, KernelBackend, KernelFunc, NamedTensorMap, TensorInfo } from '@tensorflow/tfjs';
import { simdKernels } from './simd/simd-kernels';
import { memoryOffset, wasmRunner } from './wasm-run';

export const RELU_GRAD = 'NetwrightReluGrad';
export const TANH_GRAD = 'NetwrightTanhGrad';

type Kernel = 'relu' | 'relu_grad' | 'tanh' | 'tanh_grad';

/** A new tensor of `inputs[0]`'s shape from `kernel` over `inputs` (float32, same size), or undefined where the SIMD kernels cannot run. */
function elementwise(backend: KernelBackend, kernel: Kernel, inputs: TensorInfo[]): TensorInfo | undefined {
  const simd = simdKernels(backend);
  const shape = inputs[0]!.shape;
  const n = shape.reduce((a, b) => a * b, 1);
  if (!simd || inputs.some((t) => t.dtype !== 'float32' || t.shape.reduce((a, b) => a * b, 1) !== n)) return undefined;
  const y = wasmRunner(backend).output(shape);
  // One call on the calling thread, also on the threaded build: split in two, a ResNet-20 ReLU
  // (32×32×32×16, memory-bound) took longer, not shorter.
  if (n > 0) simd.run(kernel, [[...[...inputs, y].map((t) => memoryOffset(backend, t)), n]]);
  return y;
}

type Unary = { inputs: { x: TensorInfo }; backend: KernelBackend };

/** `Relu` (wasm-kernels.ts replaces the stock one with it): the SIMD kernel for float32, else `stock`. */
export const relu = (args: Unary, stock: KernelFunc): TensorInfo => elementwise(args.backend, 'relu', [args.inputs.x]) ?? (stock(args as never) as TensorInfo);

/** `Tanh` as the SIMD kernel (within 1e-7 of tanh), or undefined where it cannot run. */
export const simdTanh = (args: Unary): TensorInfo | undefined => elementwise(args.backend, 'tanh', [args.inputs.x]);

type Pair = { inputs: Record<string, TensorInfo>; backend: KernelBackend };

const reluGrad = ({ inputs, backend }: Pair) => elementwise(backend, 'relu_grad', [inputs.x!, inputs.dy!]);
const tanhGrad = ({ inputs, backend }: Pair) => elementwise(backend, 'tanh_grad', [inputs.y!, inputs.dy!]);

const run = (name: string, inputs: NamedTensorMap) => tf.engine().runKernel(name, inputs) as tf.Tensor;

/** Whether a gradient can run as the SIMD kernel now: wasm backend, kernels on, float32 tensors. */
const simdGradient = (...tensors: tf.Tensor[]): boolean =>
  tf.getBackend() === 'wasm' && simdKernels(tf.backend()) !== undefined && tensors.every((t) => t.dtype === 'float32' && t.size === tensors[0]!.size);

/** tfjs's own gradient configs, saved the first time they are overridden. */
const stockGradients = new Map<string, GradConfig>();

/** The new gradient of `kernelName`: `grad(dy, saved)` where the SIMD kernel can run, else tfjs's own. */
function overrideGradient(kernelName: string, grad: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.Tensor | undefined): void {
  if (!stockGradients.has(kernelName)) {
    const stock = tf.getGradient(kernelName);
    if (!stock) throw new Error(`tfjs has no ${kernelName} gradient to override.`);
    stockGradients.set(kernelName, stock);
  }
  const stock = stockGradients.get(kernelName)!;
  tf.registerGradient({
    ...stock,
    gradFunc: (dy, saved, attrs) => ({ x: () => grad(dy as tf.Tensor, saved) ?? stock.gradFunc(dy, saved, attrs).x!() }),
  });
}

/**
 * Register the two gradient kernels for the wasm backend and override tfjs's `Relu` and `Tanh`
 * gradients to use them on wasm when the SIMD kernels are on (idempotent).
 */
export function registerActivationKernels(): void {
  for (const [kernelName, kernelFunc] of [[RELU_GRAD, reluGrad], [TANH_GRAD, tanhGrad]] as const) {
    if (!tf.getKernel(kernelName, 'wasm')) tf.registerKernel({ kernelName, backendName: 'wasm', kernelFunc: kernelFunc as unknown as KernelFunc });
  }
  // Gradients of the gradients (second derivatives): ∂/∂dy of x > 0 ? dy : 0 is the same mask;
  // of (1 − y²)·dy, (1 − y²) for dy and −2y·dy for y.
  if (!tf.getGradient(RELU_GRAD)) {
    tf.registerGradient({
      kernelName: RELU_GRAD,
      inputsToSave: ['x'],
      gradFunc: (ddx, [x]) => ({ x: () => tf.zerosLike(x!), dy: () => run(RELU_GRAD, { x: x!, dy: ddx as tf.Tensor }) }),
    });
  }
  if (!tf.getGradient(TANH_GRAD)) {
    tf.registerGradient({
      kernelName: TANH_GRAD,
      inputsToSave: ['y', 'dy'],
      gradFunc: (ddx, [y, dy]) => ({
        y: () => tf.mul(tf.mul(ddx as tf.Tensor, dy!), tf.mul(y!, -2)),
        dy: () => run(TANH_GRAD, { y: y!, dy: ddx as tf.Tensor }),
      }),
    });
  }
  overrideGradient('Relu', (dy, [x]) => (simdGradient(x!, dy) ? run(RELU_GRAD, { x: x!, dy }) : undefined));
  overrideGradient('Tanh', (dy, [y]) => (simdGradient(y!, dy) ? run(TANH_GRAD, { y: y!, dy }) : undefined));
}
