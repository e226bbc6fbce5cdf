/**
 * The training loop in this process, on wasm: the order of its events, stopping and pausing
 * between batches, divergence, data that does not fit the network, the schedule, saved
 * weights, and no tensor left behind.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TrainEvent, TrainOptions } from '../../../shared/api';
import { sequential } from '../../../shared/templates/build';
import { lenet5 } from '../../../shared/templates/lenet5';
import { pickBackend } from '../../../node/engine/backend/choose';
import { RunControl } from '../../../node/engine/loop/control';
import { learningRateAt } from '../../../node/engine/loop/optimizer';
import { train, type TrainConfig } from '../../../node/engine/loop/train';

beforeAll(async () => {
  expect(await pickBackend('wasm')).toBe('wasm');
});

type Of<T extends TrainEvent['type']> = Extract<TrainEvent, { type: T }>;

async function run(doc = lenet5(), options: TrainOptions = { epochs: 2, limit: 256, batchSize: 64 }, onEvent?: (e: TrainEvent, control: RunControl, events: TrainEvent[]) => void, config: TrainConfig = {}) {
  const events: TrainEvent[] = [];
  const control = new RunControl();
  const before = tf.memory().numTensors;
  await train(doc, options, (e) => (events.push(e), onEvent?.(e, control, events)), control, { backend: 'wasm', ...config });
  return { events, types: events.map((e) => e.type), leaked: tf.memory().numTensors - before };
}

/** A small MLP for 28×28 digits: fast enough for many runs. */
const mlp = (name = 'MLP') =>
  sequential(name, [
    { kind: 'Input', params: { height: 28, width: 28, channels: 1 } },
    { kind: 'Flatten' },
    { kind: 'Dense', params: { units: 32, activation: 'relu' } },
    { kind: 'Dense', params: { units: 10, activation: 'softmax' } },
  ]);

describe('train', () => {
  it('reports start, batches, epoch and evaluation per epoch, then done — and frees every tensor', async () => {
    const { events, types, leaked } = await run();
    expect(types[0]).toBe('start');
    expect(types.at(-1)).toBe('done');
    expect(types.filter((t) => t === 'epoch')).toHaveLength(2);
    expect(events[0]).toEqual({ type: 'start', engine: 'tfjs', backend: 'wasm', threads: 1, epochs: 2, batchesPerEpoch: 4, trainSamples: 256, valSamples: 2000, dataset: 'MNIST', classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'], inputShape: [28, 28, 1], trainableParams: 61706, frozenParams: 0 });
    // Each epoch's last batch is always reported, right before its epoch event, then the evaluation.
    const epochAt = types.indexOf('epoch');
    expect(events[epochAt - 1]).toMatchObject({ type: 'batch', epoch: 1, batch: 4, batches: 4 });
    // LeNet-5's template anneals its rate of 0.05 along a cosine: at batch 4 of 4 of epoch 1 of 2, 0.75 of an epoch has passed.
    expect((events[epochAt - 1] as Of<'batch'>).learningRate).toBeCloseTo(learningRateAt({ kind: 'cosine' }, 0.05, 0.75, 2), 12);
    expect(types[epochAt + 1]).toBe('evaluation');
    const done = events.at(-1) as Of<'done'>;
    expect(done.epochs.map((e) => e.epoch)).toEqual([1, 2]);
    expect(done.epochs).toEqual(events.filter((e) => e.type === 'epoch').map(({ type: _, ...m }) => m));
    expect(done.bestEpoch).toBe(done.epochs.reduce((a, b) => (b.valAcc > a.valAcc ? b : a)).epoch);
    for (const m of done.epochs) {
      expect(m.acc).toBeGreaterThanOrEqual(0);
      expect(m.valAcc).toBeLessThanOrEqual(1);
      expect(Number.isFinite(m.valLoss)).toBe(true);
    }
    expect(leaked).toBe(0);
  });

  it('gives an ETA that shrinks as the run goes on', async () => {
    const { events } = await run(mlp(), { epochs: 2, limit: 512, batchSize: 16 });
    const etas = events.filter((e): e is Of<'batch'> => e.type === 'batch').map((e) => e.eta);
    expect(etas.length).toBeGreaterThan(2);
    expect(etas.every((t) => t !== undefined && t >= 0)).toBe(true);
    expect(etas.at(-1)!).toBeLessThan(etas[0]!);
  });

  it('evaluates after each epoch: a confusion matrix that adds up, per-class accuracy, labelled samples', async () => {
    const { events } = await run(mlp(), { epochs: 1, limit: 256, batchSize: 64 });
    const evaluation = events.find((e): e is Of<'evaluation'> => e.type === 'evaluation')!;
    const epoch = events.find((e): e is Of<'epoch'> => e.type === 'epoch')!;
    expect(evaluation.epoch).toBe(1);
    expect(evaluation.confusion).toHaveLength(10);
    const total = evaluation.confusion.flat().reduce((a, b) => a + b, 0);
    const diagonal = evaluation.confusion.reduce((a, row, k) => a + row[k]!, 0);
    expect(total).toBe(2000);
    expect(diagonal / total).toBeCloseTo(epoch.valAcc, 10);
    evaluation.perClassAccuracy.forEach((a, k) => expect(a).toBeCloseTo(evaluation.confusion[k]![k]! / evaluation.confusion[k]!.reduce((x, y) => x + y, 0), 10));
    expect(evaluation.samples).toHaveLength(8);
    for (const s of evaluation.samples) {
      expect(s.png).toMatch(/^data:image\/png;base64,/);
      expect(s.confidence).toBeGreaterThan(0);
      expect(s.confidence).toBeLessThanOrEqual(1);
    }
    // Mistakes come first (there are some after one short epoch).
    expect(evaluation.samples[0]!.predicted).not.toBe(evaluation.samples[0]!.label);
  });

  it('stops between batches with a stopped event and no leak', async () => {
    const { types, leaked } = await run(lenet5(), { epochs: 3, limit: 512, batchSize: 32 }, (e, control) => e.type === 'batch' && control.stop());
    expect(types[0]).toBe('start');
    expect(types.at(-1)).toBe('stopped');
    expect(types).not.toContain('epoch');
    expect(leaked).toBe(0);
  });

  it('pauses between batches and resumes where it left off; the epoch\'s time leaves the pause out', async () => {
    let resumedAt = 0;
    const began = performance.now();
    let wall = 0;
    const { types, events } = await run(mlp(), { epochs: 1, limit: 256, batchSize: 16 }, (e, control, events) => {
      if (e.type === 'batch' && e.batch === 1 && !control.paused && !events.some((x) => x.type === 'paused')) control.pause();
      if (e.type === 'paused') {
        resumedAt = events.length;
        setTimeout(() => control.resume(), 300);
      }
      if (e.type === 'epoch') wall = (performance.now() - began) / 1000;
    }, { batchEventsPerSecond: Infinity });
    // The epoch took what the test saw go by, less the pause of at least 300 ms however slow the machine (less a margin for a timer's rounding).
    const seconds = (events.find((e) => e.type === 'epoch') as Of<'epoch'>).seconds!;
    expect(seconds).toBeGreaterThan(0);
    expect(seconds).toBeLessThanOrEqual(wall - 0.25);
    expect(types.filter((t) => t === 'paused')).toHaveLength(1);
    expect(types.filter((t) => t === 'resumed')).toHaveLength(1);
    expect(types[resumedAt]).toBe('resumed');
    expect(types.at(-1)).toBe('done');
    // No batch was lost or repeated: 16 batches reported, in order.
    expect(types.filter((t) => t === 'batch')).toHaveLength(16);
  });

  it('stops a paused run', async () => {
    const { types } = await run(mlp(), { epochs: 1, limit: 256, batchSize: 16 }, (e, control) => {
      if (e.type === 'batch' && e.batch === 1) control.pause();
      if (e.type === 'paused') setTimeout(() => control.stop(), 20);
    }, { batchEventsPerSecond: Infinity });
    expect(types.slice(-2)).toEqual(['paused', 'stopped']);
  });

  it('refuses a network whose output is not one value per class', async () => {
    const doc = sequential('Nine', [
      { kind: 'Input', params: { height: 28, width: 28, channels: 1 } },
      { kind: 'Flatten' },
      { kind: 'Dense', params: { units: 9, activation: 'softmax' } },
    ]);
    const { events, leaked } = await run(doc);
    expect(events).toEqual([{ type: 'error', message: 'MNIST has 10 classes, so the network must end in 10 values, but its output is 9 — end with Flatten and Dense(10).' }]);
    expect(leaked).toBe(0);
  });

  it('refuses a graph with errors before compiling, naming the layer', async () => {
    const doc = lenet5();
    doc.graph.nodes[1]!.params = { ...doc.graph.nodes[1]!.params, kernel: 40, padding: 'valid' };
    const { events } = await run(doc);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'error', message: expect.stringMatching(/^The network has \d errors?; fix (it|them) before training:\n- C1: output = \(28 \+ 2·0 − 40\)/) });
  });

  it('pads 28×28 digits for a 32×32 Input and says so in a log event', async () => {
    const doc = mlp();
    doc.graph.nodes[0]!.params = { height: 32, width: 32, channels: 3 };
    const { events, types } = await run(doc, { epochs: 1, limit: 64, batchSize: 64 });
    expect(events).toContainEqual({ type: 'log', message: 'MNIST images are 28×28×1 and the Input is 32×32×3: padded with 2 black pixels on each side, grey copied to 3 channels.' });
    expect(types.at(-1)).toBe('done');
  });

  it('trains on synthetic data with SGD, momentum, a step schedule, weight decay and augmentation', async () => {
    const doc = sequential('Tiny CNN', [
      { kind: 'Input', params: { height: 16, width: 16, channels: 3 } },
      { kind: 'Conv2D', params: { filters: 8, kernel: 3, padding: 1, activation: 'relu' } },
      { kind: 'BatchNorm' },
      { kind: 'GlobalAvgPool2D' },
      { kind: 'Dense', params: { units: 4, activation: 'softmax' } },
    ]);
    doc.training = { ...doc.training, dataset: 'synthetic:16:4', optimizer: 'sgd', momentum: 0.9, learningRate: 0.1, schedule: { kind: 'step', every: 1, gamma: 0.5 }, weightDecay: 1e-4, augmentation: { flip: true, crop: 2 }, normalization: 'standardize' };
    const { events, leaked } = await run(doc, { epochs: 2, limit: 128, batchSize: 32 });
    expect(events[0]).toMatchObject({ type: 'start', trainSamples: 128, valSamples: 400, dataset: 'synthetic 16×16×3, 4 classes', classNames: ['disc, solid', 'square, solid', 'triangle, solid', 'ring, solid'] });
    const rates = events.filter((e): e is Of<'batch'> => e.type === 'batch').map((e) => [e.epoch, e.learningRate]);
    expect(rates).toContainEqual([1, 0.1]);
    expect(rates).toContainEqual([2, 0.05]);
    expect(events.at(-1)!.type).toBe('done');
    expect(leaked).toBe(0);
  });

  it('saves the final and the best epoch\'s weights, with what evaluating them needs', async () => {
    const runDir = mkdtempSync(join(tmpdir(), 'netwright-run-'));
    const saveTo = mkdtempSync(join(tmpdir(), 'netwright-save-'));
    const { events } = await run(mlp('Saved MLP'), { epochs: 2, limit: 128, batchSize: 64 }, undefined, { runDir, saveTo });
    const done = events.at(-1) as Of<'done'>;
    for (const dir of [join(runDir, 'final'), join(runDir, 'best'), saveTo, join(saveTo, 'best')]) {
      for (const f of ['model.json', 'weights.bin', 'netwright.json']) expect(existsSync(join(dir, f)), join(dir, f)).toBe(true);
    }
    const best = JSON.parse(readFileSync(join(runDir, 'best', 'netwright.json'), 'utf8'));
    expect(best).toMatchObject({ format: 'netwright-model', name: 'Saved MLP', dataset: 'mnist', inputShape: [28, 28, 1], epoch: done.bestEpoch, probabilities: true, normalization: { mean: [0], std: [1] } });
    expect(JSON.parse(readFileSync(join(saveTo, 'netwright.json'), 'utf8')).epoch).toBe(2);
  });
});

describe('faults: a loss that diverges', () => {
  it('ends a diverging run with an error that suggests a lower learning rate', async () => {
    // Three linear layers and SGD at 10: the weights grow geometrically until the loss is NaN.
    const doc = sequential('Diverges', [
      { kind: 'Input', params: { height: 28, width: 28, channels: 1 } },
      { kind: 'Flatten' },
      { kind: 'Dense', params: { units: 64 } },
      { kind: 'Dense', params: { units: 64 } },
      { kind: 'Dense', params: { units: 10 } },
    ]);
    doc.training = { ...doc.training, optimizer: 'sgd', momentum: 0, learningRate: 10 };
    const { events, leaked } = await run(doc, { epochs: 1, limit: 2000, batchSize: 32 });
    expect(events.at(-1)).toMatchObject({ type: 'error', message: expect.stringMatching(/^The loss became (NaN|infinite) at epoch 1, batch \d+: training diverged\. Lower the learning rate \(now 10\), e\.g\. to 1\.$/) });
    expect(leaked).toBe(0);
  });
});
