/** Training throughput as the engine trains: samples per second of steps on one fixed random batch. */
import * as tf from '@tensorflow/tfjs';
import { crossEntropyOnProbabilities, trainStep } from '../node/engine/loop/step';

/** One fixed random batch of `batch` images of `shape` with one-hot labels of `classes`. */
export function randomBatch(batch: number, shape: readonly number[], classes: number): { xs: tf.Tensor; ys: tf.Tensor } {
  return tf.tidy(() => ({ xs: tf.randomNormal([batch, ...shape]), ys: tf.oneHot(tf.randomUniform([batch], 0, classes, 'int32'), classes) }));
}

/** Samples per second of `steps` training steps (forward, loss, gradients, update, metrics read back). */
export function trainRate(v: { model: tf.LayersModel; optimizer: tf.Optimizer; weights: tf.Variable[] }, { xs, ys }: { xs: tf.Tensor; ys: tf.Tensor }, steps: number): number {
  const t0 = performance.now();
  for (let i = 0; i < steps; i++) trainStep(v.model, v.optimizer, crossEntropyOnProbabilities, xs, ys, v.weights);
  return (steps * xs.shape[0]!) / ((performance.now() - t0) / 1000);
}

/**
 * Train until `seconds` have passed (2 steps at least): the kernels set up, the operators cached
 * and V8's optimising compiler through tfjs's code paths. A step runs ~1.5× slower in the first
 * second of a process than a minute into a run (LeNet-5 on this VM), so rates taken straight
 * after start-up would understate what an epoch gets.
 */
export function warmUp(v: Parameters<typeof trainRate>[0], data: Parameters<typeof trainRate>[1], seconds = 1.5): void {
  const end = performance.now() + seconds * 1000;
  for (let i = 0; i < 2 || performance.now() < end; i++) trainRate(v, data, 1);
}
