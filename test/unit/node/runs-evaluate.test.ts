/**
 * A run's saved model through the service: `runs.evaluate` (in a trainer process built from the
 * current sources) gives the accuracy the run recorded for the same weights and split, on the
 * run's dataset or another; `runs.model` hands out the TensorFlow.js files.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrainApiEvent, ReplyOf } from '../../../shared/api';
import { sequential } from '../../../shared/templates/build';
import { serviceWithTrainer } from './serviceRun';

const { dataDir, events, call, train, cleanup } = serviceWithTrainer('runs-evaluate');
let runId = '';
beforeAll(async () => {
  const doc = sequential('Tiny', [
    { kind: 'Input', params: { height: 8, width: 8, channels: 1 } },
    { kind: 'Flatten' },
    { kind: 'Dense', params: { units: 3, activation: 'softmax' } },
  ]);
  doc.training = { ...doc.training, dataset: 'synthetic:8:3:1', epochs: 2, batchSize: 50 };
  runId = await train(doc);
});
afterAll(cleanup);

describe('runs.evaluate and runs.model', () => {
  it('evaluates the final weights on the run\'s validation split: the accuracy its last epoch recorded', async () => {
    const done = events.find((e) => e.runId === runId && e.event.type === 'done')!.event as Extract<TrainApiEvent['event'], { type: 'done' }>;
    const r = await call<ReplyOf<'runs.evaluate'>>('runs.evaluate', { id: runId });
    expect(r).toMatchObject({ weights: 'final', dataset: 'synthetic:8:3:1', epoch: 2, classNames: expect.any(Array) });
    expect(r.acc).toBeCloseTo(done.epochs.at(-1)!.valAcc, 6);
    expect(r.confusion.flat().reduce((a, b) => a + b, 0)).toBe(r.count);
    expect(r.samples.length).toBeGreaterThan(0);
    expect(r.samples[0]!.png).toMatch(/^data:image\/png;base64,/);
  });

  it('evaluates the best epoch\'s weights, and on the first N validation images when asked', async () => {
    const r = await call<ReplyOf<'runs.evaluate'>>('runs.evaluate', { id: runId, weights: 'best', limit: 10 });
    expect(r.weights).toBe('best');
    expect(r.count).toBe(10);
  });

  it('says why when the dataset does not fit the model', async () => {
    await expect(call('runs.evaluate', { id: runId, dataset: 'synthetic:8:5:1' })).rejects.toThrow('has 5 classes, but the model has 3 outputs');
    await expect(call('runs.evaluate', { id: 'no-such-run' })).rejects.toThrow('has no final weights');
    await expect(call('runs.evaluate', { id: '../etc' })).rejects.toThrow('is not a run id');
  });

  it('hands out the saved model files and the folder they are in', async () => {
    const r = await call<ReplyOf<'runs.model'>>('runs.model', { id: runId });
    expect(r.dir).toBe(join(dataDir, 'runs', runId, 'final'));
    expect(r.files!.map((f) => f.name)).toEqual(['model.json', 'weights.bin', 'netwright.json']);
    const weights = r.files!.find((f) => f.name === 'weights.bin')!;
    expect(Buffer.from(weights.base64, 'base64')).toEqual(readFileSync(join(r.dir, 'weights.bin')));
    // 8·8 inputs × 3 units + 3 biases, float32.
    expect(Buffer.from(weights.base64, 'base64').length).toBe((64 * 3 + 3) * 4);
  });
});
