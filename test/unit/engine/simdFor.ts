/** Netwright's SIMD kernels switched for one test: `const runs = simdFor(on)`. */
import * as tf from '@tensorflow/tfjs';
import { onTestFinished, vi } from 'vitest';
import { enableSimdKernels, simdKernels } from '../../../node/engine/backend/simd/simd-kernels';

/** The SIMD kernels on or off for one test (on again after it), and a spy on their runs when on. */
export function simdFor(on: boolean) {
  enableSimdKernels(on);
  const kernelRuns = on ? vi.spyOn(simdKernels(tf.backend())!, 'run') : undefined;
  onTestFinished(() => {
    enableSimdKernels(true);
    kernelRuns?.mockRestore();
  });
  return kernelRuns;
}
