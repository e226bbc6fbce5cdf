/**
 * Running out of memory ends a run with an error that says so, and what to do; the next run
 * trains. Three ways it happens: a run that cannot fit the wasm heap (refused before it
 * allocates), an allocation the heap refuses (which tfjs alone would turn into silent garbage),
 * and a trainer process whose JavaScript heap is full (the process dies; the runner explains).
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import type { TrainEvent } from '../../../shared/api';
import { sequential } from '../../../shared/templates/build';
import { lenet5 } from '../../../shared/templates/lenet5';
import { pickBackend } from '../../../node/engine/backend/choose';
import { guardWasmHeap, trainingErrorMessage } from '../../../node/engine/budget/memory';
import { crashMessage, forkTrainerAt, startRun } from '../../../node/engine/process/runner';
import { useTestTrainer } from './testTrainer';

const trainer = useTestTrainer('oom');

const run = async (doc: Parameters<typeof startRun>[0]['doc'], options = {}, execArgv: string[] = []) => {
  const events: TrainEvent[] = [];
  await startRun({ doc, options }, (e) => events.push(e), () => forkTrainerAt(trainer.path, execArgv)).done;
  return events;
};
const final = (events: TrainEvent[]) => events.at(-1)!;

/** 224×224 images through 512 filters: about 100 MB of activations per image. */
const huge = () =>
  sequential('Huge', [
    { kind: 'Input', params: { height: 224, width: 224, channels: 3 } },
    { kind: 'Conv2D', params: { filters: 512, kernel: 3, padding: 'same' } },
    { kind: 'GlobalAvgPool2D' },
    { kind: 'Dense', params: { units: 10, activation: 'softmax' } },
  ], undefined, { dataset: 'synthetic:224:10', batchSize: 256 });

describe('faults: out of memory', () => {
  it('refuses a run beyond the wasm heap before allocating, with the batch size that fits; the next run trains', async () => {
    const refused = await run(huge(), { backend: 'wasm' });
    expect(refused.map((e) => e.type)).toEqual(['error']);
    expect(final(refused)).toMatchObject({ type: 'error', message: expect.stringMatching(/^The trainer ran out of memory: This run needs about \d+(\.\d+)? GiB .*, and (the wasm backend's 4 GiB heap|free memory) allows .*try a batch size of \d+\.$/) });

    const next = await run(lenet5(), { epochs: 1, limit: 256, batchSize: 64, backend: 'wasm' });
    expect(final(next).type).toBe('done');
  });

  it('turns an allocation the wasm heap refuses into an error instead of garbage, leaking nothing', async () => {
    await pickBackend('wasm');
    guardWasmHeap();
    const before = tf.memory().numTensors;
    // 4.4 GB of float32: without the guard the size wraps around 2^32 and tfjs fails later, obscurely.
    expect(() => tf.fill([1100, 1000, 1000], 1)).toThrow(/^The trainer ran out of memory: a tensor of 4,196 MiB is larger than the wasm backend's whole heap/);
    // 3 GiB reserved (not written), then 1.5 GiB more: the heap cannot grow that far and malloc gives 0.
    const backend = tf.backend() as unknown as { makeOutput(shape: number[], dtype: 'float32'): { dataId: object }; disposeData(id: object): void };
    const big = backend.makeOutput([3 * 2 ** 28], 'float32');
    try {
      expect(() => tf.fill([3 * 2 ** 27], 1)).toThrow(/^The trainer ran out of memory: a tensor of 1,536 MiB did not fit in the wasm backend's heap/);
    } finally {
      backend.disposeData(big.dataId);
    }
    expect(tf.memory().numTensors).toBe(before);
    expect(Array.from(tf.tidy(() => tf.add(tf.ones([3]), 1)).dataSync())).toEqual([2, 2, 2]);
  });

  it('explains a trainer process whose JavaScript heap filled up, and the next run trains', async () => {
    // 16 MB of V8 heap is not enough to load tfjs and MNIST: the process aborts, as on any full heap.
    const crashed = await run(lenet5(), { epochs: 1, limit: 256 }, ['--max-old-space-size=16']);
    expect(final(crashed)).toMatchObject({ type: 'error', message: expect.stringMatching(/^The trainer ran out of memory: its process was ended \((signal SIGABRT|exit code \d+)\)/) });

    const next = await run(lenet5(), { epochs: 1, limit: 256, batchSize: 64 });
    expect(final(next).type).toBe('done');
  });

  it('says that a wasm abort (a full heap inside a kernel) is most likely out of memory', () => {
    expect(trainingErrorMessage(new Error('Aborted(). Build with -sASSERTIONS for more info.'))).toBe(
      'The trainer ran out of memory: the wasm backend aborted, most likely because its 4 GiB heap was full. Use a smaller batch size or input; the estimate before training warns when a run comes near the limit.',
    );
    expect(trainingErrorMessage(new Error('Something else'))).toBe('Something else');
  });

  it('names other crashes plainly', () => {
    expect(crashMessage(7, null, 'Error: something else')).toBe('The trainer process ended unexpectedly (exit code 7).');
    expect(crashMessage(null, 'SIGABRT', 'FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory')).toMatch(/^The trainer ran out of memory: its process was ended \(signal SIGABRT\)/);
  });
});
