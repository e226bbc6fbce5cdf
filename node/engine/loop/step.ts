/**
 * One optimisation step and the losses it minimises: what the training loop and the benchmarks
 * both run, so that the figures measure the loop users get.
 */
import * as tf from '@tensorflow/tfjs';
import type { NetwrightDocument } from '../../../shared/graph/schema';
import { endsInSoftmax } from '../../../shared/graph/softmax-output';

export type Loss = (ys: tf.Tensor, out: tf.Tensor) => tf.Scalar;

/** Mean categorical cross-entropy of probabilities, clipped so a confident mistake stays finite. */
export const crossEntropyOnProbabilities: Loss = (ys, probs) => tf.tidy(() => tf.mean(tf.neg(tf.sum(tf.mul(ys, tf.log(tf.clipByValue(probs, 1e-7, 1))), -1))) as tf.Scalar);

/** Mean softmax cross-entropy of logits. */
export const crossEntropyOnLogits: Loss = (ys, logits) => tf.losses.softmaxCrossEntropy(ys, logits) as tf.Scalar;

/** The loss for a document: on probabilities when the network ends in a softmax, else on logits. */
export const lossFor = (doc: NetwrightDocument): Loss => (endsInSoftmax(doc) ? crossEntropyOnProbabilities : crossEntropyOnLogits);

/** How many rows of `out` pick the class that `ys` (one-hot) marks. */
export const countCorrect = (ys: tf.Tensor, out: tf.Tensor): tf.Scalar => tf.tidy(() => tf.sum(tf.cast(tf.equal(tf.argMax(ys, -1), tf.argMax(out, -1)), 'float32')) as tf.Scalar);

export interface StepResult {
  /** The batch's mean loss before the update. */
  loss: number;
  /** Correctly classified samples of the batch. */
  hits: number;
}

/** What a sampled step lets see (loop/health.ts): its forward pass, and its gradients before the update. */
export interface StepObserver {
  forward(xs: tf.Tensor): tf.Tensor | tf.Tensor[];
  gradients(grads: tf.NamedTensorMap): void;
}

/**
 * Forward, loss, gradients and one update of `weights`; reads back the loss and the hit count.
 * `trainStep(model, optimizer, lossFor(doc), xs, ys, weights)` → `{ loss: 2.28, hits: 5 }`.
 * `penalty` (weight decay) is added to what is minimised, not to the loss reported; `observer`
 * runs the forward pass and sees the gradients (what `optimizer.minimize` does, in two halves).
 * Leaves no tensor behind (the caller owns xs and ys).
 */
export function trainStep(model: tf.LayersModel, optimizer: tf.Optimizer, loss: Loss, xs: tf.Tensor, ys: tf.Tensor, weights: tf.Variable[], penalty?: () => tf.Scalar, observer?: StepObserver): StepResult {
  let hits: tf.Scalar | undefined;
  let dataLoss: tf.Scalar | undefined;
  const f = () => {
    const out = (observer ? observer.forward(xs) : model.apply(xs, { training: true })) as tf.Tensor;
    hits = tf.keep(countCorrect(ys, out));
    const l = loss(ys, out);
    if (!penalty) return l;
    dataLoss = tf.keep(l.clone());
    return tf.add(l, penalty()) as tf.Scalar;
  };
  const cost = observer ? observedStep(optimizer, f, weights, observer) : optimizer.minimize(f, true, weights)!;
  const result = { loss: (dataLoss ?? cost).dataSync()[0]!, hits: hits!.dataSync()[0]! };
  tf.dispose([cost, hits!, ...(dataLoss ? [dataLoss] : [])]);
  return result;
}

/** `optimizer.minimize(f, true, weights)`, with the gradients shown to `observer` before they are applied. */
function observedStep(optimizer: tf.Optimizer, f: () => tf.Scalar, weights: tf.Variable[], observer: StepObserver): tf.Scalar {
  const { value, grads } = optimizer.computeGradients(f, weights);
  try {
    observer.gradients(grads);
    optimizer.applyGradients(weights.map((v) => ({ name: v.name, tensor: grads[v.name]! })));
  } finally {
    tf.dispose(grads);
  }
  return value;
}

/** The variables an optimizer updates: every trainable weight of the model. */
export const trainableVariables = (model: tf.LayersModel): tf.Variable[] => model.trainableWeights.map((w) => w.read() as tf.Variable);

/** The message of a run that diverged, with a learning rate to try. */
export function divergedMessage(loss: number, epoch: number, batch: number, lr: number): string {
  return `The loss became ${Number.isNaN(loss) ? 'NaN' : 'infinite'} at epoch ${epoch}, batch ${batch}: training diverged. Lower the learning rate (now ${lr}), e.g. to ${lr / 10}.`;
}
