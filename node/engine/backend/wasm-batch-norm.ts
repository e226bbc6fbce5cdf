/**
 * Training-mode batch normalisation on wasm as two SIMD kernels (simd/batch-norm.c), forward and
 * backward, registered as kernels of their own so that tfjs tracks their tensors:
 *
 *   runKernel(BATCH_NORM_FORWARD, { x, gamma, beta }, { epsilon }) → [y, mean, variance]
 *   runKernel(BATCH_NORM_BACKWARD, { dy, x, gamma, mean, variance }, { epsilon }) → [dx, dGamma, dBeta]
 *
 * over every axis of x but the last (float32). fast-layers.ts uses them when `simdBatchNorm()`.
 */
import * as tf from '@tensorflow/tfjs';
import type { KernelBackend, KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import { simdKernels } from './simd/simd-kernels';
import { memoryOffset, wasmRunner } from './wasm-run';

export const BATCH_NORM_FORWARD = 'NetwrightBatchNormForward';
export const BATCH_NORM_BACKWARD = 'NetwrightBatchNormBackward';

/** Whether training-mode batch normalisation can run as the SIMD kernels now (wasm backend, kernels on). */
export const simdBatchNorm = (): boolean => tf.getBackend() === 'wasm' && simdKernels(tf.backend()) !== undefined;

type Args = { inputs: Record<string, TensorInfo>; backend: KernelBackend; attrs: { epsilon: number } };

/**
 * Both directions take tensors of x's shape and [C] vectors, and give one of x's shape and two
 * [C] vectors (plus a scratch of 3·C floats): `kernel` with `names`, the inputs in its order.
 */
const batchNormKernel =
  (kernel: 'batch_norm_forward' | 'batch_norm_backward', names: string[]) =>
  ({ inputs, backend, attrs }: Args): TensorInfo[] => {
    const x = inputs.x!;
    const c = x.shape.at(-1)!;
    const { output, keep, release } = wasmRunner(backend);
    try {
      const outputs = [output(x.shape), output([c]), output([c])];
      const at = (t: TensorInfo) => memoryOffset(backend, t);
      const tensors = [...names.map((name) => inputs[name]!), ...outputs, keep(output([3 * c]))];
      simdKernels(backend)!.run(kernel, [[...tensors.map(at), x.shape.reduce((a, b) => a * b, 1) / c, c, attrs.epsilon]]);
      return outputs;
    } finally {
      release();
    }
  };

const forward = batchNormKernel('batch_norm_forward', ['x', 'gamma', 'beta']);
const backward = batchNormKernel('batch_norm_backward', ['dy', 'x', 'gamma', 'mean', 'variance']);

/** Register both kernels for the wasm backend (once). */
export function registerBatchNormKernels(): void {
  for (const [kernelName, kernelFunc] of [[BATCH_NORM_FORWARD, forward], [BATCH_NORM_BACKWARD, backward]] as const) {
    if (!tf.getKernel(kernelName, 'wasm')) tf.registerKernel({ kernelName, backendName: 'wasm', kernelFunc: kernelFunc as unknown as KernelFunc });
  }
}
