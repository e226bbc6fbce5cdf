/**
 * One-shot trainer jobs (dataset previews, estimates' timing probes, evaluations) share a pool
 * of JOB_POOL_SIZE trainer processes: twenty previews at once are two processes at a time, the
 * others waiting their turn. The trainers are fakes the test answers itself; nothing is timed.
 */
import { describe, expect, it } from 'vitest';
import type { Preview } from '../../../shared/api';
import { inJobPool, JOB_POOL_SIZE, runPreview, taskPool } from '../../../node/engine/process/jobs';
import type { SpawnTrainer } from '../../../node/engine/process/runner';
import { createService } from '../../../node/service';
import { fakeTrainers, type FakeTrainer } from './fakeTrainer';
import { tinyDoc } from './tinyDoc';

/** Let every pending promise callback and I/O callback run (no clock involved). */
const settle = async () => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
};

/** A promise the test resolves or rejects itself. */
function gate() {
  let resolve!: () => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

/** Fake trainers, counting how many are alive at once. */
function counted() {
  const trainers = fakeTrainers();
  let most = 0;
  const spawn: SpawnTrainer = () => {
    const process = trainers.spawn();
    most = Math.max(most, trainers.live().length);
    return process;
  };
  return { ...trainers, spawn, most: () => most };
}

const preview = (seed: number): Preview => ({ title: `seed ${seed}`, shape: [1, 1, 1], classNames: ['a'], total: 1, samples: [] });

/** Answer a fake's request as a trainer would: a preview, a probe's timing. */
function answer(t: FakeTrainer) {
  const request = t.sent[0]!;
  if (request.type === 'preview') t.say({ type: 'preview', preview: preview(request.seed) });
  else if (request.type === 'probe') t.say({ type: 'probe', engine: 'tfjs', backend: 'wasm', samplesPerSecond: 1000, trainSamples: 100, valSamples: 20 });
  t.exit(0);
}

describe('the trainer job pool', () => {
  it(`runs 20 previews and 2 estimates through the service, at most ${JOB_POOL_SIZE} trainer processes at once, each answered with its own reply`, async () => {
    const trainers = counted();
    const service = createService({ transport: 'browser', version: 'test', emit: () => undefined, spawnTrainer: trainers.spawn });
    const previews = Array.from({ length: 20 }, (_, seed) => service.handle('dataset.preview', { dataset: 'mnist', count: 4, seed }));
    const estimates = [0, 1].map(() => service.handle('train.estimate', { doc: tinyDoc() }));
    await settle();
    expect(trainers.all).toHaveLength(JOB_POOL_SIZE); // the others wait: no process yet
    for (let answered = 0; answered < 22; answered++) {
      answer(trainers.live()[0]!);
      if (answered + JOB_POOL_SIZE < 22) await trainers.started(answered + JOB_POOL_SIZE + 1);
      expect(trainers.live().length).toBeLessThanOrEqual(JOB_POOL_SIZE);
    }
    const replies = (await Promise.all(previews)) as Preview[];
    expect(replies.map((p) => p.title)).toEqual(Array.from({ length: 20 }, (_, seed) => `seed ${seed}`));
    for (const e of await Promise.all(estimates)) expect(e).toMatchObject({ time: { engine: 'tfjs', backend: 'wasm', trainSamples: 100 } });
    expect(trainers.all).toHaveLength(22);
    expect(trainers.most()).toBe(JOB_POOL_SIZE);
  });

  it('a job whose trainer crashes, fails, or cannot start gives its place to the next', async () => {
    const trainers = counted();
    let refuse = true;
    const spawn: SpawnTrainer = () => {
      if (refuse) {
        refuse = false;
        throw new Error('The trainer is not built');
      }
      return trainers.spawn();
    };
    const jobs = [0, 1, 2, 3].map((seed) => runPreview('mnist', 1, seed, spawn));
    await expect(jobs[0]).rejects.toThrow('The trainer is not built');
    await trainers.started(2);
    trainers.all[0]!.exit(null, 'SIGKILL'); // crashed
    trainers.all[1]!.say({ type: 'error', message: 'The dataset folder does not exist.' });
    trainers.all[1]!.exit(0);
    await expect(jobs[1]).rejects.toThrow('The trainer process ended unexpectedly (signal SIGKILL).');
    await expect(jobs[2]).rejects.toThrow('The dataset folder does not exist.');
    await trainers.started(3);
    answer(trainers.all[2]!);
    expect((await jobs[3]!).title).toBe('seed 3');
    expect(trainers.most()).toBeLessThanOrEqual(JOB_POOL_SIZE);
  });

  it("a job that starts its own process (the torch engine's probe) waits its turn in the same pool", async () => {
    const trainers = counted();
    const previews = Array.from({ length: JOB_POOL_SIZE }, (_, seed) => runPreview('mnist', 1, seed, trainers.spawn));
    await trainers.started(JOB_POOL_SIZE);
    let probeStarted = false;
    const probe = inJobPool(async () => ((probeStarted = true), 'timed'));
    await settle();
    expect(probeStarted).toBe(false);
    answer(trainers.all[0]!);
    expect(await probe).toBe('timed');
    answer(trainers.all[1]!);
    await Promise.all(previews);
  });

  it('taskPool: in the order they came, never more than its size', async () => {
    const pool = taskPool(2);
    const gates = Array.from({ length: 5 }, gate);
    const order: number[] = [];
    const outcome = Promise.allSettled(gates.map((g, i) => pool.run(async () => (order.push(i), await g.promise, i))));
    await settle();
    expect(order).toEqual([0, 1]);
    expect(pool.load).toEqual({ running: 2, waiting: 3 });
    gates[1]!.resolve();
    await settle();
    expect(order).toEqual([0, 1, 2]);
    gates[0]!.reject(new Error('failed'));
    await settle();
    expect(order).toEqual([0, 1, 2, 3]);
    for (const g of gates.slice(2)) g.resolve();
    expect(await outcome).toMatchObject([{ status: 'rejected' }, { value: 1 }, { value: 2 }, { value: 3 }, { value: 4 }]);
    expect(pool.load).toEqual({ running: 0, waiting: 0 });
  });
});
