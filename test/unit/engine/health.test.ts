/**
 * Training health on the tfjs engine: sampled batches report each node's gradient norm,
 * update-to-weight ratio and dead ReLU units. A learning rate of 10 is flagged as an exploding
 * gradient and a reasonable one is not; the figures equal a direct computation; sampling changes
 * nothing about the training itself and leaves no tensor behind.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TrainEvent, TrainOptions } from '../../../shared/api';
import type { NetwrightDocument } from '../../../shared/graph/schema';
import { healthWarnings, isHealthStep, type HealthEvent } from '../../../shared/health';
import { sequential } from '../../../shared/templates/build';
import { lenet5 } from '../../../shared/templates/lenet5';
import { pickBackend } from '../../../node/engine/backend/choose';
import { compileDocument } from '../../../node/engine/model/compile';
import { RunControl } from '../../../node/engine/loop/control';
import { HealthSampler } from '../../../node/engine/loop/health';
import { makeOptimizer } from '../../../node/engine/loop/optimizer';
import { crossEntropyOnProbabilities, trainStep, trainableVariables } from '../../../node/engine/loop/step';
import { train } from '../../../node/engine/loop/train';

beforeAll(async () => {
  expect(await pickBackend('wasm')).toBe('wasm');
});

/** LeNet-5 (SGD with momentum, its template's) for 10 batches of 32 synthetic digits. */
async function run(options: TrainOptions, healthEvery?: number, doc: NetwrightDocument = lenet5()) {
  const events: TrainEvent[] = [];
  const before = tf.memory().numTensors;
  await train(doc, { dataset: 'synthetic:28x28:10:1', epochs: 1, limit: 320, batchSize: 32, ...options }, (e) => events.push(e), new RunControl(), { backend: 'wasm', batchEventsPerSecond: Infinity, ...(healthEvery !== undefined ? { healthEvery } : {}) });
  return { events, health: events.filter((e): e is HealthEvent => e.type === 'health'), leaked: tf.memory().numTensors - before };
}

const reluMlp = () =>
  sequential('ReLU MLP', [
    { kind: 'Input', label: 'Input', params: { height: 28, width: 28, channels: 1 } },
    { kind: 'Flatten', label: 'Flatten' },
    { kind: 'Dense', label: 'Hidden', params: { units: 32, activation: 'relu' } },
    { kind: 'Dense', label: 'Output', params: { units: 10, activation: 'softmax' } },
  ]);

describe('which batches are sampled', () => {
  it('1, 2, 4, … up to every, then each multiple of it; never with 0', () => {
    const sampled = (every: number) => Array.from({ length: 200 }, (_, i) => i + 1).filter((s) => isHealthStep(s, every));
    expect(sampled(64)).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 192]);
    expect(sampled(0)).toEqual([]);
  });
});

describe('health events', () => {
  it('at lr 10, flag an exploding gradient on the first sampled batch, with the figure and the hint', async () => {
    const { health, events, leaked } = await run({ learningRate: 10 });
    expect(health.map((h) => h.step)).toEqual([1, 2, 4, 8]);
    // Each health event comes right before its batch's batch event.
    const at = events.indexOf(health[0]!);
    expect(events[at + 1]).toMatchObject({ type: 'batch', epoch: 1, batch: 1 });
    expect(health[0]!.nodes.map((n) => n.node)).toEqual(['c1', 'c3', 'c5', 'f6', 'output']);
    const first = healthWarnings(health[0]!);
    const c1 = first.find((w) => w.node === 'c1');
    expect(c1).toMatchObject({ issue: 'exploding', hint: expect.stringContaining('Lower the learning rate') });
    expect(c1!.figure).toMatch(/‖Δw‖\/‖w‖ = \d/);
    expect(leaked).toBe(0);
  });

  it('at a reasonable rate (the template\'s 0.05), flag nothing', async () => {
    const { health, leaked } = await run({});
    expect(health.length).toBe(4);
    expect(health.flatMap(healthWarnings)).toEqual([]);
    for (const h of health) for (const n of h.nodes) expect(n.updateRatio).toBeLessThan(0.1);
    expect(leaked).toBe(0);
  });

  it('sampling leaves the training as it was: the same losses with and without it', async () => {
    const losses = (events: TrainEvent[]) => events.filter((e) => e.type === 'batch').map((e) => (e as { loss: number }).loss);
    const sampled = await run({}, 1);
    const plain = await run({}, 0);
    expect(sampled.health).toHaveLength(10);
    expect(plain.health).toHaveLength(0);
    expect(losses(sampled.events)).toEqual(losses(plain.events));
  });

  it('flags dead ReLU units when a rate of 10 kills most of a layer', async () => {
    const { health } = await run({ learningRate: 10, optimizer: 'sgd' }, 1, reluMlp());
    const dead = health.flatMap(healthWarnings).filter((w) => w.issue === 'dead');
    expect(dead.length).toBeGreaterThan(0);
    expect(dead[0]).toMatchObject({ node: 'hidden', hint: expect.stringContaining('BatchNorm') });
    expect(dead[0]!.figure).toMatch(/% of 32 units were zero/);
  });
});

describe('the figures of one step', () => {
  it('equal a direct computation: ‖∇w‖ per node, ‖Δw‖/‖w‖ = lr·‖∇w‖/‖w‖ for plain SGD, dead units of the ReLU output', () => {
    const doc = reluMlp();
    const model = compileDocument(doc);
    const weights = trainableVariables(model);
    const lr = 0.5;
    const optimizer = makeOptimizer({ optimizer: 'sgd', learningRate: lr, momentum: 0 });
    const xs = tf.randomUniform([16, 28, 28, 1], -1, 1, 'float32', 3);
    const ys = tf.oneHot(tf.tensor1d([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5], 'int32'), 10);
    // Directly: gradients of the same loss, and the hidden layer's outputs.
    const { grads } = tf.variableGrads(() => crossEntropyOnProbabilities(ys, model.apply(xs) as tf.Tensor), weights);
    const norm = (names: string[]) => Math.sqrt(names.reduce((s, n) => s + tf.sum(tf.square(grads[n]!)).dataSync()[0]!, 0));
    const hiddenVars = model.getLayer('Hidden').trainableWeights.map((w) => (w.read() as tf.Variable).name);
    const wNorm = Math.sqrt(hiddenVars.reduce((s, n) => s + tf.sum(tf.square(weights.find((v) => v.name === n)!)).dataSync()[0]!, 0));
    const hiddenOut = tf.model({ inputs: model.inputs, outputs: model.getLayer('Hidden').output as tf.SymbolicTensor }).predict(xs) as tf.Tensor;
    const deadDirect = (tf.max(hiddenOut, 0).arraySync() as number[]).filter((v) => v <= 0).length / 32;

    const probe = new HealthSampler(doc, model, weights).probe();
    trainStep(model, optimizer, crossEntropyOnProbabilities, xs, ys, weights, undefined, probe);
    const figures = probe.finish();
    const hidden = figures.find((f) => f.node === 'hidden')!;
    expect(hidden.gradNorm).toBeCloseTo(norm(hiddenVars), 4);
    expect(hidden.weightNorm).toBeCloseTo(wNorm, 4);
    expect(hidden.updateRatio).toBeCloseTo((lr * norm(hiddenVars)) / wNorm, 4);
    expect(hidden.dead).toBe(deadDirect);
    expect(hidden.units).toBe(32);
    expect(figures.find((f) => f.node === 'output')!.dead).toBeUndefined();
    tf.dispose([xs, ys, hiddenOut, ...Object.values(grads)]);
    model.dispose();
  });
});
