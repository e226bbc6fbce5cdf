/**
 * A training run in its own process, end to end: the trainer (built from the current sources,
 * as scripts/build.mjs builds it) trains LeNet-5 on a slice of MNIST; stopping and crashing end
 * a run with exactly one final event.
 */
import { fork } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TrainEvent } from '../../../shared/api';
import type { NetwrightDocument } from '../../../shared/graph/schema';
import { lenet5 } from '../../../shared/templates/lenet5';
import { appRoot } from '../../../node/paths';
import { useTestTrainer } from './testTrainer';
import { forkTrainerAt, startRun, trainerPath, type SpawnTrainer, type TrainerProcess } from '../../../node/engine/process/runner';

const options = { epochs: 1, limit: 512, batchSize: 64 };
const trainer = useTestTrainer('runner');

/** The test trainer, remembering the process and how it ended. */
function watched() {
  const seen: { child?: TrainerProcess; exit?: { code: number | null; signal: string | null } } = {};
  const spawn: SpawnTrainer = () => {
    const child = forkTrainerAt(trainer.path);
    seen.child = child;
    return {
      ...child,
      onExit: (listener) =>
        child.onExit((code, signal) => {
          seen.exit = { code, signal };
          listener(code, signal);
        }),
    };
  };
  return { seen, spawn };
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** A stand-in trainer: a script that answers the start request with `onMessage`. */
function fakeSpawn(onMessage: string): SpawnTrainer {
  const dir = mkdtempSync(join(tmpdir(), 'netwright-fake-trainer-'));
  const script = join(dir, 'trainer.mjs');
  writeFileSync(script, `process.on('message', () => { ${onMessage} });\n`);
  return () => {
    const child = fork(script, [], { execArgv: [], stdio: 'ignore' });
    return {
      pid: child.pid,
      send: (m) => void child.send(m),
      onMessage: (l) => void child.on('message', l),
      onExit: (l) => void child.on('close', (c, s) => l(c, s)),
      kill: () => void child.kill('SIGKILL'),
    };
  };
}

describe('startRun with the trainer process', () => {
  it('forks the built trainer from dist/ by default', () => {
    expect(trainerPath()).toBe(join(appRoot, 'dist', 'node', 'trainer.js'));
  });

  it('trains LeNet-5 on wasm: start, batches, epoch, done — in that order', async () => {
    const events: TrainEvent[] = [];
    const { seen, spawn } = watched();
    const run = startRun({ doc: lenet5(), options }, (e) => events.push(e), spawn);
    await run.done;
    const types = events.filter((e) => e.type !== 'log').map((e) => e.type);
    expect(types[0]).toBe('start');
    expect(types.at(-1)).toBe('done');
    expect(types.slice(-3, -1)).toEqual(['epoch', 'evaluation']);
    // Sampled batches' health (batches 1, 2, 4 and 8) comes before their batch events.
    expect(types.slice(1, -3).every((t) => t === 'batch' || t === 'health')).toBe(true);
    expect(types.filter((t) => t === 'batch').length).toBeGreaterThanOrEqual(2);
    expect(types.filter((t) => t === 'health')).toHaveLength(4);
    const start = events[0] as Extract<TrainEvent, { type: 'start' }>;
    expect(start).toMatchObject({ engine: 'tfjs', backend: 'wasm', epochs: 1, batchesPerEpoch: 8, trainSamples: 512, valSamples: 2000, dataset: 'MNIST' });
    const done = events.at(-1) as Extract<TrainEvent, { type: 'done' }>;
    expect(done.backend).toBe('wasm');
    expect(done.epochs).toHaveLength(1);
    expect(done.samplesPerSecond).toBeGreaterThan(0);
    // 512 digits are enough to do much better than chance (10 %).
    expect(done.epochs[0]!.valAcc).toBeGreaterThan(0.3);
    expect(seen.exit).toEqual({ code: 0, signal: null });
  });

  it('stops after the first batch: the trainer reports stopped itself and exits', async () => {
    const events: TrainEvent[] = [];
    const { seen, spawn } = watched();
    const run = startRun({ doc: lenet5(), options: { epochs: 5, batchSize: 32 } }, (e) => {
      events.push(e);
      if (e.type === 'batch' && events.filter((x) => x.type === 'batch').length === 1) run.stop();
    }, spawn);
    await run.done;
    expect(events.at(-1)).toEqual({ type: 'stopped' });
    expect(events.filter((e) => e.type === 'stopped' || e.type === 'done' || e.type === 'error')).toHaveLength(1);
    // A graceful exit (code 0), not the 2-second kill.
    expect(seen.exit).toEqual({ code: 0, signal: null });
    expect(alive(seen.child!.pid!)).toBe(false);
  });

  it('reports an invalid request as an error from the trainer', async () => {
    const events: TrainEvent[] = [];
    const bad = { ...lenet5(), format: 'not-netwright' } as unknown as NetwrightDocument;
    await startRun({ doc: bad, options }, (e) => events.push(e), watched().spawn).done;
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'error', message: expect.stringMatching(/^The trainer got an invalid request at "doc.format"/) });
  });

  it('reports a graph the engine cannot train as an error event', async () => {
    const doc = lenet5();
    doc.graph.nodes.find((n) => n.id === 'output')!.params = { units: 9, activation: 'softmax' };
    const events: TrainEvent[] = [];
    await startRun({ doc, options }, (e) => events.push(e), watched().spawn).done;
    expect(events).toEqual([{ type: 'error', message: 'MNIST has 10 classes, so the network must end in 10 values, but its output is 9 — end with Flatten and Dense(10).' }]);
  });

  it('pauses and resumes the trainer process, then stops it while paused', async () => {
    const events: TrainEvent[] = [];
    const run = startRun({ doc: lenet5(), options: { epochs: 5, batchSize: 32 } }, (e) => {
      events.push(e);
      if (e.type === 'batch' && !events.some((x) => x.type === 'paused')) expect(run.pause()).toBe(true);
      if (e.type === 'paused' && !events.some((x) => x.type === 'resumed')) run.resume();
      if (e.type === 'batch' && events.some((x) => x.type === 'resumed')) run.pause();
      if (e.type === 'paused' && events.some((x) => x.type === 'resumed')) run.stop();
    }, watched().spawn);
    await run.done;
    const types = events.map((e) => e.type).filter((t) => t !== 'batch' && t !== 'log' && t !== 'health');
    expect(types).toEqual(['start', 'paused', 'resumed', 'paused', 'stopped']);
    expect(run.pause()).toBe(false);
    expect(run.resume()).toBe(false);
  });

});

describe('faults: a trainer that crashes, is killed or misbehaves', () => {
  it('trains again after a trainer was killed in the middle of a run', async () => {
    const events: TrainEvent[] = [];
    const { seen, spawn } = watched();
    const run = startRun({ doc: lenet5(), options: { epochs: 5, batchSize: 32 } }, (e) => {
      events.push(e);
      if (e.type === 'batch' && events.filter((x) => x.type === 'batch').length === 1) process.kill(seen.child!.pid!, 'SIGKILL');
    }, spawn);
    await run.done;
    expect(events.at(-1)).toEqual({ type: 'error', message: 'The trainer process ended unexpectedly (signal SIGKILL).' });
    const next: TrainEvent[] = [];
    await startRun({ doc: lenet5(), options: { epochs: 1, limit: 64, batchSize: 32 } }, (e) => next.push(e), watched().spawn).done;
    expect(next.at(-1)!.type).toBe('done');
  });

  it('reports a crash (exit without a final event) as an error event', async () => {
    const events: TrainEvent[] = [];
    await startRun({ doc: lenet5(), options }, (e) => events.push(e), fakeSpawn('process.exit(7)')).done;
    expect(events).toEqual([{ type: 'error', message: 'The trainer process ended unexpectedly (exit code 7).' }]);
  });

  it('reports a trainer that throws as a crash', async () => {
    const events: TrainEvent[] = [];
    await startRun({ doc: lenet5(), options }, (e) => events.push(e), fakeSpawn("setTimeout(() => { throw new Error('native fault'); })")).done;
    expect(events).toEqual([{ type: 'error', message: 'The trainer process ended unexpectedly (exit code 1).' }]);
  });

  it('kills a trainer that ignores stop, and reports stopped', async () => {
    const events: TrainEvent[] = [];
    const run = startRun({ doc: lenet5(), options }, (e) => events.push(e), fakeSpawn("process.send({ type: 'log', message: 'busy' })"));
    run.stop();
    await run.done;
    expect(events.filter((e) => e.type !== 'log')).toEqual([{ type: 'stopped' }]);
  });

  it('ends the run when the trainer sends something that is not an event', async () => {
    const events: TrainEvent[] = [];
    await startRun({ doc: lenet5(), options }, (e) => events.push(e), fakeSpawn("process.send({ type: 'progress', value: 1 })")).done;
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'error', message: expect.stringMatching(/^The trainer sent a malformed event/) });
  });
});
