/** The learning-rate schedules, optimizers with a changing rate, and weight decay. */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { pickBackend } from '../../../node/engine/backend/choose';
import { decayedWeights, disposeOptimizer, learningRateAt, makeOptimizer, setLearningRate, weightPenalty } from '../../../node/engine/loop/optimizer';
import { compileDocument } from '../../../node/engine/model/compile';
import { lenet5 } from '../../../shared/templates/lenet5';

beforeAll(async () => {
  await pickBackend('cpu');
});

describe('learningRateAt', () => {
  it('keeps the rate without a schedule', () => {
    expect(learningRateAt({ kind: 'none' }, 0.1, 7.5, 10)).toBe(0.1);
  });

  it('multiplies by gamma every `every` epochs (StepLR)', () => {
    const s = { kind: 'step' as const, every: 2, gamma: 0.1 };
    expect([0, 1.9, 2, 3.5, 4].map((p) => learningRateAt(s, 0.1, p, 10))).toEqual([0.1, 0.1, 0.1 * 0.1, 0.1 * 0.1, 0.1 * 0.1 ** 2]);
  });

  it('anneals along half a cosine to 0 at the end', () => {
    const s = { kind: 'cosine' as const };
    expect(learningRateAt(s, 0.2, 0, 4)).toBeCloseTo(0.2, 12);
    expect(learningRateAt(s, 0.2, 2, 4)).toBeCloseTo(0.1, 12);
    expect(learningRateAt(s, 0.2, 4, 4)).toBeCloseTo(0, 12);
  });
});

describe('optimizers', () => {
  it('take a new rate between steps: SGD, SGD with momentum, Adam, RMSprop', () => {
    for (const [optimizer, momentum] of [['sgd', 0], ['sgd', 0.9], ['adam', 0.9], ['rmsprop', 0]] as const) {
      const before = tf.memory().numTensors;
      const o = makeOptimizer({ optimizer, learningRate: 0.1, momentum });
      const w = tf.tidy(() => tf.variable(tf.scalar(1)));
      o.minimize(() => tf.mul(w, w) as tf.Scalar);
      const after1 = w.dataSync()[0]!;
      setLearningRate(o, 0);
      o.minimize(() => tf.mul(w, w) as tf.Scalar);
      // With rate 0, plain SGD and Adam stand still; momentum keeps coasting.
      if (optimizer !== 'sgd' || momentum === 0) expect(w.dataSync()[0]).toBeCloseTo(after1, 6);
      expect(after1).toBeLessThan(1);
      disposeOptimizer(o);
      w.dispose();
      expect(tf.memory().numTensors, `${optimizer} ${momentum}`).toBe(before);
    }
  });

  it('decays kernels only, as λ/2 · Σ w²', () => {
    const model = compileDocument(lenet5());
    const kernels = decayedWeights(model);
    expect(kernels).toHaveLength(5); // C1, C3, C5, F6, Output
    expect(kernels.every((w) => w.name.endsWith('kernel'))).toBe(true);
    const sumSq = kernels.reduce((a, w) => a + tf.tidy(() => tf.sum(tf.square(w)).dataSync()[0]!), 0);
    const penalty = weightPenalty(kernels, 0.01);
    expect(penalty.dataSync()[0]).toBeCloseTo((0.01 / 2) * sumSq, 4);
    penalty.dispose();
    model.dispose();
  });
});
