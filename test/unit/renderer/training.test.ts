/** The training run's state, event by event. */
import { describe, expect, it } from 'vitest';
import type { TrainEvent } from '../../../shared/api';
import { applyTrainEvent, idleTraining, isActive, startingTraining } from '../../../renderer/src/store/training';
import { progressText } from '../../../renderer/src/training/progress';

const run = (events: TrainEvent[]) => events.reduce(applyTrainEvent, startingTraining(2));

describe('training state', () => {
  it('counts batches across epochs and reports progress as the user counts', () => {
    const s = run([
      { type: 'start', engine: 'tfjs', backend: 'wasm', epochs: 2, batchesPerEpoch: 10, trainSamples: 320, valSamples: 100 },
      { type: 'batch', epoch: 1, batch: 3, batches: 10, loss: 2, acc: 0.1 },
      { type: 'batch', epoch: 1, batch: 10, batches: 10, loss: 1, acc: 0.5 },
      { type: 'epoch', epoch: 1, loss: 1.5, acc: 0.3, valLoss: 1.2, valAcc: 0.6 },
      { type: 'batch', epoch: 2, batch: 4, batches: 10, loss: 0.8, acc: 0.7 },
    ]);
    expect(s.status).toBe('running');
    expect(s.backend).toBe('wasm');
    expect(s.points.map((p) => p.step)).toEqual([3, 10, 14]);
    expect(s.epochMetrics).toHaveLength(1);
    expect(progressText(s)).toBe('Epoch 2/2 · batch 4/10');
  });

  it('ends as done, stopped or failed', () => {
    expect(run([{ type: 'stopped' }]).status).toBe('stopped');
    expect(run([{ type: 'error', message: 'out of memory' }])).toMatchObject({ status: 'error', message: 'out of memory' });
    const done = run([{ type: 'done', epochs: [], engine: 'tfjs', backend: 'cpu', samplesPerSecond: 1000 }]);
    expect(done).toMatchObject({ status: 'done', backend: 'cpu', samplesPerSecond: 1000 });
    expect(isActive(done)).toBe(false);
    expect(isActive(idleTraining)).toBe(false);
  });

  it('is paused between the trainer’s paused and resumed events, and never after it ends', () => {
    const paused = run([{ type: 'batch', epoch: 1, batch: 1, batches: 10, loss: 2, acc: 0.1, eta: 130 }, { type: 'paused' }]);
    expect(paused).toMatchObject({ status: 'running', paused: true, eta: 130 });
    expect(applyTrainEvent(paused, { type: 'resumed' }).paused).toBe(false);
    expect(applyTrainEvent(paused, { type: 'stopped' })).toMatchObject({ status: 'stopped', paused: false });
  });

  it('keeps the latest health after the run ends (for the canvas badges), and forgets it when the next run starts', () => {
    const health = (step: number) => ({ type: 'health' as const, epoch: 1, batch: step, step, nodes: [{ node: 'c1', layer: 'C1', gradNorm: step, updateRatio: 0.001, weightNorm: 1 }] });
    const s = run([health(1), health(2), { type: 'done', epochs: [], engine: 'tfjs', backend: 'wasm', samplesPerSecond: 1 }]);
    expect(s.health).toEqual(health(2));
    expect(startingTraining(1).health).toBeUndefined();
  });
});
