/**
 * A run whose record cannot be written — its folder deleted while it trains, the disk full —
 * is stopped with an error event that names the file and the cause; the server, and every other
 * run, go on. Trainers are fakes the test drives event by event (no timers, no real training).
 * The full disk is a real 256 KiB tmpfs where mounting is permitted, and an injected ENOSPC
 * always (so the fallback is proved on every machine).
 */
import { existsSync, rmSync } from 'node:fs';
import * as realFs from 'node:fs';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { itWhen } from '../../skip';
import WebSocket from 'ws';
import type { TrainApiEvent, RunSummary, TrainEvent } from '../../../shared/api';
import { startHost } from '../../../node/host/server';
import { createService } from '../../../node/service';
import { fakeTrainers } from './fakeTrainer';
import { smallDisk } from './smallDisk';
import { tinyDoc } from './tinyDoc';

// ENOSPC on demand for every synchronous write under one folder (the injected full disk).
const injected = vi.hoisted(() => ({ fullUnder: undefined as string | undefined }));
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const full = (path: unknown) => {
    if (injected.fullUnder && String(path).startsWith(injected.fullUnder)) throw Object.assign(new Error(`ENOSPC: no space left on device, write '${String(path)}'`), { code: 'ENOSPC', errno: -28, syscall: 'write' });
  };
  const wrap =
    <A extends unknown[], R>(f: (...a: A) => R) =>
    (...a: A): R => (full(a[0]), f(...a));
  const mocked = { ...fs, appendFileSync: wrap(fs.appendFileSync), writeFileSync: wrap(fs.writeFileSync), renameSync: wrap(fs.renameSync) };
  return { ...mocked, default: mocked };
});

const started: TrainEvent = { type: 'start', engine: 'tfjs', backend: 'wasm', epochs: 2, batchesPerEpoch: 2, trainSamples: 100, valSamples: 20 };
const epoch = (n: number): TrainEvent => ({ type: 'epoch', epoch: n, loss: 1 / n, acc: 0.5, valLoss: 1 / n, valAcc: 0.5 });
const done: TrainEvent = { type: 'done', epochs: [epoch(1), epoch(2)].map(({ type: _, ...m }) => m as never), engine: 'tfjs', backend: 'wasm', samplesPerSecond: 100 };

/** A service on `dataDir` with hand-driven trainers, and the events it emitted per run. */
function serviceOn(dataDir: string) {
  const trainers = fakeTrainers();
  const events: TrainApiEvent[] = [];
  const service = createService({ transport: 'browser', version: 'test', emit: (e) => void (e.type === 'train' && events.push(e)), spawnTrainer: trainers.spawn, dataDir });
  const call = <T>(method: string, payload: unknown = {}) => service.handle(method, payload) as Promise<T>;
  const of = (runId: string) => events.filter((e) => e.runId === runId).map((e) => e.event);
  return { trainers, call, of };
}

/** Two runs, A and B, both started; the trainers' start events recorded. */
async function twoRuns(dataDir: string) {
  const s = serviceOn(dataDir);
  const a = (await s.call<{ runId: string }>('train.start', { doc: tinyDoc() })).runId;
  const b = (await s.call<{ runId: string }>('train.start', { doc: tinyDoc() })).runId;
  const [ta, tb] = s.trainers.all;
  ta!.say(started);
  tb!.say(started);
  return { ...s, a, b, ta: ta!, tb: tb! };
}

/** B goes on to the end, recorded as done, after A was stopped. */
async function otherRunFinishes(s: Awaited<ReturnType<typeof twoRuns>>) {
  s.tb.say(epoch(1));
  s.tb.say(epoch(2));
  s.tb.say(done);
  s.tb.exit(0);
  expect(s.of(s.b).map((e) => e.type)).toEqual(['start', 'epoch', 'epoch', 'done']);
  const { run, events } = await s.call<{ run: RunSummary; events: TrainEvent[] }>('runs.get', { id: s.b });
  expect(run).toMatchObject({ status: 'done', epochs: [{ epoch: 1 }, { epoch: 2 }] });
  expect(events.map((e) => e.type)).toEqual(['start', 'epoch', 'epoch', 'done']);
}

const stoppedFor = (s: { of(id: string): TrainEvent[] }, runId: string) => s.of(runId).filter((e) => e.type === 'error');

describe('faults: run folder deleted mid-run', () => {
  it('stops that run with an error naming events.jsonl; the host still answers over its WebSocket and the other run goes on', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'netwright-faults-deleted-'));
    const root = mkdtempSync(join(tmpdir(), 'netwright-faults-root-'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>Netwright</title>');
    const trainers = fakeTrainers();
    const host = await startHost({ port: 0, version: 'test', root, dataDir, spawnTrainer: trainers.spawn });
    try {
      const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api?token=${host.token}`, { origin: `http://127.0.0.1:${host.port}` });
      await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
      const frames: any[] = [];
      const waiters: { test: (f: any) => boolean; resolve: (f: any) => void }[] = [];
      ws.on('message', (data) => {
        const frame = JSON.parse(String(data));
        frames.push(frame);
        for (const w of waiters.filter((w) => w.test(frame))) w.resolve(frame);
      });
      const next = (test: (f: any) => boolean) => new Promise<any>((resolve) => (frames.some(test) ? resolve(frames.find(test)) : waiters.push({ test, resolve })));
      let id = 0;
      const call = async (method: string, payload: unknown = {}) => {
        const mine = ++id;
        ws.send(JSON.stringify({ id: mine, method, payload }));
        const reply = await next((f) => f.id === mine);
        if (!reply.ok) throw new Error(reply.error);
        return reply.reply;
      };

      const a = (await call('train.start', { doc: tinyDoc() })).runId as string;
      const b = (await call('train.start', { doc: tinyDoc() })).runId as string;
      const [ta, tb] = trainers.all;
      ta!.say(started);
      tb!.say(started);
      rmSync(join(dataDir, 'runs', a), { recursive: true, force: true });
      ta!.say(epoch(1));
      const error = await next((f) => f.event?.runId === a && f.event.event.type === 'error');
      expect(error.event.event.message).toBe(`Its folder no longer exists while writing runs${sep}${a}${sep}events.jsonl: the run was stopped`);
      expect(ta!.sent.map((m) => m.type)).toEqual(['start', 'stop']);
      expect(ta!.ended).toBe(true);
      ta!.say(epoch(2)); // a late event of the stopped run is dropped
      expect(await call('engine.info')).toMatchObject({ engine: 'tfjs', transport: 'browser' });

      tb!.say(epoch(1));
      tb!.say(done);
      tb!.exit(0);
      await next((f) => f.event?.runId === b && f.event.event.type === 'done');
      const runs = (await call('runs.list')).runs as RunSummary[];
      expect(runs.map((r) => [r.id, r.status])).toEqual([[b, 'done']]); // A's record went with its folder
      expect(frames.filter((f) => f.event?.runId === a).map((f) => f.event.event.type)).toEqual(['start', 'epoch', 'error']);
      ws.close();
    } finally {
      await host.close();
    }
  });
});

describe('faults: disk full mid-run', () => {
  const disk = smallDisk();
  afterAll(() => disk.unmount());

  itWhen(disk.mounted, 'tmpfs')('on a real full tmpfs: stops the run whose record cannot grow, names the file; the service and the other run go on once space is back', async () => {
    const s = await twoRuns(disk.dir);
    disk.fill();
    s.ta.say(epoch(1));
    const [error] = stoppedFor(s, s.a);
    expect(error).toBeDefined();
    const file = new RegExp(`^No space left on device while writing runs\\${sep}${s.a}\\${sep}(events\\.jsonl|run\\.json): the run was stopped$`);
    expect(error!.type === 'error' && error!.message).toMatch(file);
    expect(s.ta.ended).toBe(true);
    expect(await s.call('engine.info')).toMatchObject({ engine: 'tfjs' });
    expect(realFs.readdirSync(join(disk.dir, 'runs', s.a))).not.toContain('run.json.tmp'); // no half summary left behind
    disk.free();
    await otherRunFinishes(s);
    const listed = (await s.call<{ runs: RunSummary[] }>('runs.list')).runs.find((r) => r.id === s.a);
    expect(listed).toMatchObject({ status: 'error', message: expect.stringMatching(file) });
  });

  it('with an injected ENOSPC: the same, on any machine', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'netwright-faults-enospc-'));
    const s = await twoRuns(dataDir);
    injected.fullUnder = join(dataDir, 'runs', s.a);
    try {
      s.ta.say(epoch(1));
    } finally {
      injected.fullUnder = undefined;
    }
    const [error] = stoppedFor(s, s.a);
    expect(error).toEqual({ type: 'error', message: `No space left on device while writing runs${sep}${s.a}${sep}events.jsonl: the run was stopped` });
    expect(s.of(s.a).map((e) => e.type)).toEqual(['start', 'epoch', 'error']);
    expect(s.ta.ended).toBe(true);
    expect(await s.call('engine.info')).toMatchObject({ engine: 'tfjs' });
    await otherRunFinishes(s);
    // The error was recorded once the disk had room again: A is listed as stopped by it.
    expect((await s.call<{ runs: RunSummary[] }>('runs.list')).runs.find((r) => r.id === s.a)).toMatchObject({ status: 'error' });
  });

  it('a run that cannot even begin (the disk is full at the start) is refused with the file named', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'netwright-faults-begin-'));
    const s = serviceOn(dataDir);
    injected.fullUnder = join(dataDir, 'runs');
    try {
      await expect(s.call('train.start', { doc: tinyDoc() })).rejects.toThrow(/^No space left on device while writing runs.[\w-]+.doc\.json: the run was not started$/);
    } finally {
      injected.fullUnder = undefined;
    }
    expect(s.trainers.all).toHaveLength(0);
    expect(existsSync(join(dataDir, 'runs')) && realFs.readdirSync(join(dataDir, 'runs'))).toEqual([]);
    expect(await s.call('engine.info')).toMatchObject({ engine: 'tfjs' });
  });
});
