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

function forward({ inputs: { x, gamma, beta }, backend, attrs }: Args): TensorInfo[] {
  const c = x!.shape.at(-1)!;
  const { output, keep, release } = wasmRunner(backend);
  try {
    const [y, mean, variance] = [output(x!.shape), output([c]), output([c])];
    const at = (t: TensorInfo) => memoryOffset(backend, t);
    simdKernels(backend)!.run('batch_norm_forward', [[at(x!), at(gamma!), at(beta!), at(y), at(mean), at(variance), at(keep(output([3 * c]))), x!.shape.reduce((a, b) => a * b, 1) / c, c, attrs.epsilon]]);
    return [y, mean, variance];
  } finally {
    release();
  }
}

function backward({ inputs: { dy, x, gamma, mean, variance }, backend, attrs }: Args): TensorInfo[] {
  const c = x!.shape.at(-1)!;
  const { output, keep, release } = wasmRunner(backend);
  try {
    const [dx, dGamma, dBeta] = [output(x!.shape), output([c]), output([c])];
    const at = (t: TensorInfo) => memoryOffset(backend, t);
    simdKernels(backend)!.run('batch_norm_backward', [[at(dy!), at(x!), at(gamma!), at(mean!), at(variance!), at(dx), at(dGamma), at(dBeta), at(keep(output([3 * c]))), x!.shape.reduce((a, b) => a * b, 1) / c, c, attrs.epsilon]]);
    return [dx, dGamma, dBeta];
  } finally {
    release();
  }
}

/** Register both kernels for the wasm backend (once). */
export function registerBatchNormKernels(): void {
  for (const [kernelName, kernelFunc] of [[BATCH_NORM_FORWARD, forward], [BATCH_NORM_BACKWARD, backward]] as const) {
    if (!tf.getKernel(kernelName, 'wasm')) tf.registerKernel({ kernelName, backendName: 'wasm', kernelFunc: kernelFunc as unknown as KernelFunc });
  }
}
