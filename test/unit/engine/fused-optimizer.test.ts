/**
 * The fused optimizers take the same steps as tfjs's own: LeNet-5 trained five steps from the
 * same weights on the same batch ends with the same weights and losses, on cpu and on wasm
 * (where a weight changed in place would leave the convolutions computing with the old one, and
 * where the update is a SIMD kernel with its state in the wasm memory).
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { pickBackend } from '../../../node/engine/backend/choose';
import { compileDocument } from '../../../node/engine/model/compile';
import { FusedOptimizer } from '../../../node/engine/backend/fused-optimizer';
import { disposeOptimizer, tfjsOptimizer } from '../../../node/engine/loop/optimizer';
import { simdKernels } from '../../../node/engine/backend/simd/simd-kernels';
import { crossEntropyOnProbabilities, trainStep, trainableVariables } from '../../../node/engine/loop/step';
import { lenet5 } from '../../../shared/templates/lenet5';
import { relativeError, values } from './compare';

const BATCH = 8;
const STEPS = 5;
const settings = [
  { optimizer: 'sgd', learningRate: 0.05, momentum: 0 },
  { optimizer: 'sgd', learningRate: 0.05, momentum: 0.9 },
  { optimizer: 'adam', learningRate: 0.01, momentum: 0 },
  { optimizer: 'rmsprop', learningRate: 0.01, momentum: 0 },
] as const;

/** Five steps from fixed weights; the losses and the final weights. */
function train(make: () => tf.Optimizer, start?: tf.Tensor[]) {
  const model = compileDocument(lenet5());
  if (start) model.setWeights(start);
  const xs = tf.tensor(values(BATCH * 28 * 28, 3), [BATCH, 28, 28, 1]);
  const ys = tf.tidy(() => tf.oneHot(tf.tensor1d([0, 1, 2, 3, 4, 5, 6, 7], 'int32'), 10));
  const optimizer = make();
  const weights = trainableVariables(model);
  const losses = Array.from({ length: STEPS }, () => trainStep(model, optimizer, crossEntropyOnProbabilities, xs, ys, weights).loss);
  const final = model.getWeights().map((w) => w.dataSync().slice());
  disposeOptimizer(optimizer);
  tf.dispose([xs, ys]);
  model.dispose();
  return { losses, final };
}

describe.each(['cpu', 'wasm'])('fused optimizers on %s', (backend) => {
  it.each(settings)('$optimizer (momentum $momentum): the same losses and weights as tfjs, nothing left behind', async (s) => {
    expect(await pickBackend(backend)).toBe(backend);
    // On wasm the update is the SIMD kernel's.
    const kernelRuns = backend === 'wasm' ? vi.spyOn(simdKernels(tf.backend())!, 'run') : undefined;
    onTestFinished(() => kernelRuns?.mockRestore());
    const start = tf.tidy(() => compileDocument(lenet5()).getWeights().map((w) => tf.keep(w.clone())));
    const before = tf.memory().numTensors;
    const kind = s.optimizer === 'sgd' ? (s.momentum > 0 ? 'momentum' : 'sgd') : s.optimizer;
    const fused = train(() => new FusedOptimizer(kind, s.learningRate, s.momentum), start);
    expect(tf.memory().numTensors).toBe(before);
    if (kernelRuns) expect(kernelRuns.mock.calls.filter(([name]) => name === 'optimizer_update').length).toBe(STEPS * start.length);
    const reference = train(() => tfjsOptimizer(s), start);
    tf.dispose(start);
    for (let i = 0; i < STEPS; i++) expect(fused.losses[i]).toBeCloseTo(reference.losses[i]!, 4);
    // The weights moved, and where tfjs moved them.
    expect(fused.losses.at(-1)).toBeLessThan(fused.losses[0]!);
    for (const [i, w] of fused.final.entries()) expect(relativeError(w, reference.final[i]!), `weight ${i}`).toBeLessThanOrEqual(1e-4);
  });
});
