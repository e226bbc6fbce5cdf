/**
 * The service's training methods end to end, with trainer processes built from the current
 * sources: a run recorded in the history (then read and deleted), pause/resume on a run that
 * is over, the estimate, a dataset preview, and a graph refused before anything is compiled.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrainApiEvent, Estimate, Preview, RunSummary } from '../../../shared/api';
import { lenet5 } from '../../../shared/templates/lenet5';
import { forkTrainerAt } from '../../../node/engine/process/runner';
import { appRoot } from '../../../node/paths';
import { createService } from '../../../node/service';
import { tinyDoc } from './tinyDoc';

const buildDir = join(appRoot, 'node_modules', '.cache', `netwright-service-test-${process.pid}`);
const dataDir = mkdtempSync(join(tmpdir(), 'netwright-service-data-'));
const events: TrainApiEvent[] = [];
const service = createService({ transport: 'browser', version: 'test', emit: (e) => void (e.type === 'train' && events.push(e)), spawnTrainer: () => forkTrainerAt(join(buildDir, 'trainer.mjs')), dataDir });
const call = <T>(method: string, payload: unknown) => service.handle(method, payload) as Promise<T>;

beforeAll(async () => {
  mkdirSync(buildDir, { recursive: true });
  await build({ entryPoints: [join(appRoot, 'node/engine/process/trainer.ts')], outfile: join(buildDir, 'trainer.mjs'), bundle: true, platform: 'node', format: 'esm', packages: 'external', logLevel: 'warning' });
});
afterAll(() => rmSync(buildDir, { recursive: true, force: true }));

const tiny = tinyDoc;

async function finished(runId: string) {
  while (!events.some((e) => e.runId === runId && ['done', 'stopped', 'error'].includes(e.event.type))) await new Promise((r) => setTimeout(r, 50));
}

describe('training methods of the service', () => {
  it('records a run in the history: summary, document, events and weights; then deletes it', async () => {
    const { runId } = await call<{ runId: string }>('train.start', { doc: tiny(), options: { limit: 100 } });
    await finished(runId);
    const mine = events.filter((e) => e.runId === runId).map((e) => e.event.type);
    expect(mine.at(-1)).toBe('done');
    expect(events.find((e) => e.runId === runId && e.event.type === 'start')!.event).toMatchObject({ runDir: join(dataDir, 'runs', runId) });
    const { runs } = await call<{ runs: RunSummary[] }>('runs.list', {});
    expect(runs[0]).toMatchObject({ id: runId, name: 'Tiny', status: 'done', dataset: 'synthetic:8:2:1', settings: { limit: 100, epochs: 2 }, weights: { final: true, best: true } });
    expect(runs[0]!.epochs).toHaveLength(2);
    const got = await call<{ run: RunSummary; doc: unknown; events: { type: string }[] }>('runs.get', { id: runId });
    expect(got.doc).toEqual(tiny());
    expect(got.events.map((e) => e.type)).toEqual(mine);
    // The sampled health is kept with the other events, figures and all.
    expect(mine).toContain('health');
    expect(got.events.find((e) => e.type === 'health')).toMatchObject({ step: 1, nodes: expect.arrayContaining([expect.objectContaining({ gradNorm: expect.any(Number), updateRatio: expect.any(Number) })]) });
    expect(await call('train.pause', { runId })).toEqual({ paused: false });
    expect(await call('train.resume', { runId })).toEqual({ resumed: false });
    expect(await call('runs.delete', { id: runId })).toEqual({ deleted: true });
    expect(existsSync(join(dataDir, 'runs', runId))).toBe(false);
    await expect(call('runs.get', { id: runId })).rejects.toThrow(`There is no run "${runId}".`);
  });

  it('names each run by what differs from the one before, keeps its estimate, and renames it with a note', async () => {
    const first = await call<{ runId: string }>('train.start', { doc: tiny(), options: { limit: 100, epochs: 1 }, estimate: { secondsPerEpoch: 0.5 } });
    await finished(first.runId);
    const second = await call<{ runId: string }>('train.start', { doc: tiny(), options: { limit: 100, epochs: 1, batchSize: 20 } });
    await finished(second.runId);
    const { runs } = await call<{ runs: RunSummary[] }>('runs.list', {});
    const [newest, before] = runs;
    expect(before).toMatchObject({ id: first.runId, estimate: { secondsPerEpoch: 0.5 } });
    expect(before!.epochs[0]!.seconds).toBeGreaterThan(0);
    expect(newest).toMatchObject({ id: second.runId, title: 'Tiny · batch 20' });
    expect(newest!.estimate).toBeUndefined();
    const { run } = await call<{ run: RunSummary }>('runs.update', { id: second.runId, title: 'Bigger batches', note: 'to compare with the first' });
    expect(run).toMatchObject({ title: 'Bigger batches', note: 'to compare with the first' });
    await expect(call('runs.update', { id: second.runId, title: '  ' })).rejects.toThrow(/Invalid request for runs\.update at "title"/);
  });

  it('refuses a graph with errors before compiling or recording anything', async () => {
    const doc = lenet5();
    doc.graph.nodes[1]!.params = { ...doc.graph.nodes[1]!.params, kernel: 60 };
    const before = (await call<{ runs: RunSummary[] }>('runs.list', {})).runs.length;
    await expect(call('train.start', { doc })).rejects.toThrow(/^The graph has 1 error\(s\); fix them before training\. First: output = /);
    expect((await call<{ runs: RunSummary[] }>('runs.list', {})).runs).toHaveLength(before);
  });

  it('estimates memory at once, and time with a probe', async () => {
    const quick = await call<Estimate>('train.estimate', { doc: lenet5(), probe: false });
    expect(quick.fits).toBe(true);
    expect(quick.memory.weights).toBe(61706 * 4);
    expect(quick.time).toBeUndefined();
    const probed = await call<Estimate>('train.estimate', { doc: tiny(), options: { batchSize: 10 } });
    expect(probed.batchSize).toBe(10);
    expect(probed.time).toMatchObject({ engine: 'tfjs', backend: 'wasm', trainSamples: 800, valSamples: 200 });
    expect(probed.time!.secondsPerEpoch).toBeGreaterThan(0);
  });

  it('previews a dataset, and refuses a spec it cannot read', async () => {
    const p = await call<Preview>('dataset.preview', { dataset: 'synthetic:16:3', count: 3 });
    expect(p.samples.map((s) => s.className)).toEqual(['disc, solid', 'square, solid', 'triangle, solid']);
    await expect(call('dataset.preview', { dataset: 'imagenet' })).rejects.toThrow(/Invalid request for dataset\.preview at "dataset": Unknown dataset "imagenet"/);
  });
});
