/**
 * The training loop in this process, on wasm: the order of its events, stopping between
 * batches, divergence, refusing networks MNIST cannot feed, and no tensor left behind.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TrainEvent } from '../../../shared/api';
import { sequential } from '../../../shared/templates/build';
import { lenet5 } from '../../../shared/templates/lenet5';
import { pickBackend } from '../../../electron/engine/backend';
import { train } from '../../../electron/engine/train';

beforeAll(async () => {
  expect(await pickBackend('wasm')).toBe('wasm');
});

async function run(doc = lenet5(), options = { epochs: 2, limit: 256, batchSize: 64 }, stopAfterBatches = Infinity) {
  const events: TrainEvent[] = [];
  const signal = { stopped: false };
  const before = tf.memory().numTensors;
  await train(
    doc,
    options,
    (e) => {
      events.push(e);
      if (e.type === 'batch' && events.filter((x) => x.type === 'batch').length >= stopAfterBatches) signal.stopped = true;
    },
    signal,
    'wasm',
  );
  return { events, types: events.map((e) => e.type), leaked: tf.memory().numTensors - before };
}

describe('train', () => {
  it('reports start, batches, one epoch event per epoch, then done — and frees every tensor', async () => {
    const { events, types, leaked } = await run();
    expect(types[0]).toBe('start');
    expect(types.at(-1)).toBe('done');
    expect(types.filter((t) => t === 'epoch')).toHaveLength(2);
    expect(events[0]).toEqual({ type: 'start', engine: 'tfjs', backend: 'wasm', epochs: 2, batchesPerEpoch: 4, trainSamples: 256, valSamples: 2000 });
    // Each epoch's last batch is always reported, right before its epoch event.
    const epochAt = types.indexOf('epoch');
    expect(events[epochAt - 1]).toMatchObject({ type: 'batch', epoch: 1, batch: 4, batches: 4 });
    const done = events.at(-1) as Extract<TrainEvent, { type: 'done' }>;
    expect(done.epochs.map((e) => e.epoch)).toEqual([1, 2]);
    expect(done.epochs).toEqual(events.filter((e) => e.type === 'epoch').map(({ type: _, ...m }) => m));
    for (const m of done.epochs) {
      expect(m.acc).toBeGreaterThanOrEqual(0);
      expect(m.valAcc).toBeLessThanOrEqual(1);
      expect(Number.isFinite(m.valLoss)).toBe(true);
    }
    expect(leaked).toBe(0);
  });

  it('stops between batches with a stopped event and no leak', async () => {
    const { types, leaked } = await run(lenet5(), { epochs: 3, limit: 512, batchSize: 32 }, 1);
    expect(types[0]).toBe('start');
    expect(types.at(-1)).toBe('stopped');
    expect(types).not.toContain('epoch');
    expect(leaked).toBe(0);
  });

  it('ends a diverging run with an error that suggests a lower learning rate', async () => {
    // Three linear layers and SGD at 10: the weights grow geometrically until the loss is NaN.
    const doc = sequential('Diverges', [
      { kind: 'Input', params: { height: 28, width: 28, channels: 1 } },
      { kind: 'Flatten' },
      { kind: 'Dense', params: { units: 64 } },
      { kind: 'Dense', params: { units: 64 } },
      { kind: 'Dense', params: { units: 10 } },
    ]);
    doc.training = { ...doc.training, optimizer: 'sgd', learningRate: 10 };
    const { events, leaked } = await run(doc, { epochs: 1, limit: 2000, batchSize: 32 });
    expect(events.at(-1)).toMatchObject({ type: 'error', message: expect.stringMatching(/^The loss became (NaN|infinite) at epoch 1, batch \d+: training diverged\. Lower the learning rate \(now 10\), e\.g\. to 1\.$/) });
    expect(leaked).toBe(0);
  });

  it('refuses a network whose output is not 10 classes', async () => {
    const doc = sequential('Nine', [
      { kind: 'Input', params: { height: 28, width: 28, channels: 1 } },
      { kind: 'Flatten' },
      { kind: 'Dense', params: { units: 9, activation: 'softmax' } },
    ]);
    const { events, leaked } = await run(doc);
    expect(events).toEqual([{ type: 'error', message: 'MNIST has 10 classes, so the network must end in 10 values, but its output is 9 — end with Flatten and Dense(10).' }]);
    expect(leaked).toBe(0);
  });

  it('refuses a graph with errors, naming the layer', async () => {
    const doc = lenet5();
    doc.graph.nodes[1]!.params = { ...doc.graph.nodes[1]!.params, kernel: 40, padding: 'valid' };
    const { events } = await run(doc);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'error', message: expect.stringMatching(/^The network has \d errors?; fix (it|them) before training:\n- C1: output = \(28 \+ 2·0 − 40\)/) });
  });
});
