/**
 * Optimizers (SGD with momentum, Adam, RMSprop), the learning-rate schedule and weight decay,
 * with PyTorch's meanings: StepLR multiplies by gamma every `every` epochs; cosine annealing
 * goes from the full rate to 0 over the run (here per batch); weight decay adds
 * λ/2 · Σ w² over kernels to the loss, as `weight_decay` does for SGD and Adam.
 */
import * as tf from '@tensorflow/tfjs';
import type { Schedule, Training } from '../../../shared/graph/schema';
import { FusedOptimizer } from '../backend/fused-optimizer';

/**
 * The optimizer for the settings: `makeOptimizer({ optimizer: 'sgd', learningRate: 0.1, momentum: 0.9 })`.
 * On wasm and cpu, the same update as one loop per weight (fused-optimizer.ts); on native
 * backends, tfjs's own.
 */
export function makeOptimizer(t: Pick<Training, 'optimizer' | 'learningRate' | 'momentum'>, backend = tf.getBackend()): tf.Optimizer {
  if (backend === 'wasm' || backend === 'cpu') {
    const kind = t.optimizer === 'sgd' ? (t.momentum > 0 ? 'momentum' : 'sgd') : t.optimizer;
    return new FusedOptimizer(kind, t.learningRate, t.momentum);
  }
  return tfjsOptimizer(t);
}

/** tfjs's own optimizer for the settings. */
export function tfjsOptimizer(t: Pick<Training, 'optimizer' | 'learningRate' | 'momentum'>): tf.Optimizer {
  switch (t.optimizer) {
    case 'adam':
      return tf.train.adam(t.learningRate);
    case 'sgd':
      return t.momentum > 0 ? tf.train.momentum(t.learningRate, t.momentum) : tf.train.sgd(t.learningRate);
    case 'rmsprop':
      return tf.train.rmsprop(t.learningRate);
  }
}

/**
 * The learning rate at a point of the run: `progress` counts epochs from 0, with fractions
 * within an epoch (epoch 3, half done → 2.5). `learningRateAt({ kind: 'step', every: 2, gamma: 0.1 }, 0.1, 2.5, 10)` → 0.01.
 */
export function learningRateAt(schedule: Schedule, base: number, progress: number, epochs: number): number {
  switch (schedule.kind) {
    case 'none':
      return base;
    case 'step':
      return base * schedule.gamma ** Math.floor(progress / schedule.every);
    case 'cosine':
      return (base * (1 + Math.cos((Math.PI * Math.min(progress, epochs)) / epochs))) / 2;
  }
}

/** Change a tfjs optimizer's learning rate between steps (SGD and momentum keep it as a scalar tensor). */
export function setLearningRate(optimizer: tf.Optimizer, rate: number): void {
  const o = optimizer as unknown as { setLearningRate?: (r: number) => void; learningRate: number };
  if (o.learningRate === rate) return;
  if (typeof o.setLearningRate === 'function') o.setLearningRate(rate);
  else o.learningRate = rate;
}

/** The weights weight decay applies to: kernels (Conv2D, Dense), not biases or BatchNorm's γ and β. */
export function decayedWeights(model: tf.LayersModel): tf.Variable[] {
  return model.trainableWeights.filter((w) => /kernel$/.test(w.originalName ?? w.name)).map((w) => w.read() as tf.Variable);
}

/** λ/2 · Σ w² over `weights` (inside the loss function, so that it is differentiated). */
export function weightPenalty(weights: tf.Variable[], decay: number): tf.Scalar {
  return tf.tidy(() => tf.mul(decay / 2, tf.addN(weights.map((w) => tf.sum(tf.square(w))))) as tf.Scalar);
}

/**
 * Dispose an optimizer completely: tfjs 4.22's momentum optimizer forgets the learning-rate
 * scalar it inherits from SGD, one tensor per run otherwise.
 */
export function disposeOptimizer(optimizer: tf.Optimizer): void {
  optimizer.dispose();
  const c = (optimizer as unknown as { c?: tf.Tensor }).c;
  if (c && !c.isDisposed) c.dispose();
}
