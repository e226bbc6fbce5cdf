/**
 * The API's experiments through the service: two tiny networks trained one after another in
 * trainer processes built from the current sources, with one set of settings, as two runs of
 * the history tagged with the experiment, whose curves make one chart of two networks; a
 * cancelled experiment (trainers driven by hand) stops its run and skips the rest; the presets;
 * requests refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiEvent, Experiment, ExperimentPreset, RunSummary } from '../../../shared/api';
import { experimentChart } from '../../../shared/experiment/chart';
import { createService } from '../../../node/service';
import { fakeTrainers } from './fakeTrainer';
import { serviceWithTrainer } from './serviceRun';
import { tinyConvDoc, tinyDoc } from './tinyDoc';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const s = serviceWithTrainer('experiment-api');
beforeAll(s.buildTrainer);
afterAll(s.cleanup);

type ExperimentApiEvent = Extract<ApiEvent, { type: 'experiment' }>;
const experimentEvents = (all: readonly ApiEvent[], id: string) => all.filter((e): e is ExperimentApiEvent => e.type === 'experiment' && e.id === id).map((e) => e.event);
async function ended(all: readonly ApiEvent[], id: string): Promise<Experiment> {
  for (;;) {
    const end = experimentEvents(all, id).find((e) => e.type === 'end');
    if (end?.type === 'end') return end.experiment;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('API experiment', () => {
  it('trains two networks one after another with the same settings, as two tagged runs, and their curves overlay', async () => {
    const networks = [
      { name: 'dense', doc: tinyDoc() },
      { name: 'conv', doc: { ...tinyConvDoc(), training: { ...tinyConvDoc().training, seed: 9, learningRate: 0.5 } } },
    ];
    const start = await s.call<Experiment>('experiment.start', { name: 'Dense or conv', networks, training: { epochs: 2, batchSize: 25 }, limit: 100 });
    expect(start).toMatchObject({ name: 'Dense or conv', dataset: 'synthetic:8:2:1', status: 'running', limit: 100, settings: { epochs: 2, batchSize: 25, seed: 1 } });
    expect(start.networks.map((n) => [n.name, n.params, n.status])).toEqual([
      ['dense', 130, 'waiting'],
      ['conv', 166, 'waiting'],
    ]);
    const end = await ended(s.all, start.id);
    expect(end.status).toBe('done');
    expect(end.networks.map((n) => [n.status, n.epochs.map((e) => e.epoch)])).toEqual([
      ['done', [1, 2]],
      ['done', [1, 2]],
    ]);
    const events = experimentEvents(s.all, start.id);
    expect(events.filter((e) => e.type !== 'batch').map((e) => e.type)).toEqual(['start', 'network', 'epoch', 'epoch', 'network-end', 'network', 'epoch', 'epoch', 'network-end', 'end']);
    // The second network started only after the first had ended.
    expect(events.findIndex((e) => e.type === 'network' && e.index === 1)).toBeGreaterThan(events.findIndex((e) => e.type === 'network-end' && e.index === 0));
    expect(events.some((e) => e.type === 'batch' && e.index === 1 && e.epochs === 2)).toBe(true);

    const { runs } = await s.call<{ runs: RunSummary[] }>('runs.list', {});
    const ours = runs.filter((r) => r.experiment?.id === start.id).sort((a, b) => a.experiment!.index - b.experiment!.index);
    expect(ours.map((r) => [r.id, r.name, r.status, r.experiment])).toEqual([
      [end.networks[0]!.runId, 'Tiny', 'done', { id: start.id, name: 'Dense or conv', index: 0 }],
      [end.networks[1]!.runId, 'Tiny conv', 'done', { id: start.id, name: 'Dense or conv', index: 1 }],
    ]);
    // Both trained with the experiment's settings, not the second document's own seed and rate.
    for (const r of ours) expect(r.settings).toMatchObject({ seed: 1, learningRate: tinyDoc().training.learningRate, batchSize: 25, epochs: 2, limit: 100 });
    expect(ours.map((r) => r.epochs)).toEqual(end.networks.map((n) => n.epochs));

    const svg = experimentChart(end.networks.map((n) => ({ label: n.name, epochs: n.epochs })));
    expect(svg.match(/class="series val"/g)).toHaveLength(2);
    expect(svg.match(/class="series train"/g)).toHaveLength(2);
  }, 120_000);

  it('refuses a network with graph errors before any run, and an empty list', async () => {
    const broken = tinyConvDoc();
    broken.graph.edges = [];
    const before = (await s.call<{ runs: RunSummary[] }>('runs.list', {})).runs.length;
    await expect(s.call('experiment.start', { name: 'x', networks: [{ name: 'ok', doc: tinyDoc() }, { name: 'broken', doc: broken }] })).rejects.toThrow(/^"broken" has \d+ graph error\(s\); fix them before the experiment\. First: /);
    await expect(s.call('experiment.start', { name: 'x', networks: [] })).rejects.toThrow(/Invalid request for experiment\.start at "networks"/);
    expect((await s.call<{ runs: RunSummary[] }>('runs.list', {})).runs).toHaveLength(before);
    expect(await s.call('experiment.cancel', { id: 'no-such' })).toEqual({ cancelled: false });
  });

  it('offers the Degradation preset on a synthetic substitute when CIFAR-10 is not in the cache', async () => {
    const { presets } = await s.call<{ presets: ExperimentPreset[] }>('experiment.presets', {});
    expect(presets.map((p) => [p.id, p.dataset, p.templates.length])).toEqual([['degradation', 'synthetic:32x32:10:3', 4]]);
    expect(presets[0]!.substitute).toMatch(/^CIFAR-10 is not in the data folder's cache/);
  });
});

describe('a cancelled experiment', () => {
  it('stops the current run and skips the networks after it', async () => {
    const trainers = fakeTrainers({ exitOnStop: false });
    const all: ApiEvent[] = [];
    const service = createService({ transport: 'browser', version: 'test', emit: (e) => void all.push(e), spawnTrainer: trainers.spawn, dataDir: mkdtempSync(join(tmpdir(), 'netwright-experiment-cancel-')) });
    const networks = [tinyDoc(), tinyConvDoc(), tinyDoc()].map((doc, i) => ({ name: `n${i}`, doc }));
    const start = (await service.handle('experiment.start', { name: 'three', networks })) as Experiment;
    await trainers.started(1);
    trainers.all[0]!.say({ type: 'start', engine: 'tfjs', backend: 'cpu', epochs: 2, batchesPerEpoch: 4, trainSamples: 100, valSamples: 20 });
    trainers.all[0]!.say({ type: 'batch', epoch: 1, batch: 1, batches: 4, loss: 0.7, acc: 0.5 });
    expect(await service.handle('experiment.cancel', { id: start.id })).toEqual({ cancelled: true });
    expect(trainers.all[0]!.sent.map((m) => m.type)).toContain('stop');
    // The trainer answers a stop as a real one does.
    trainers.all[0]!.say({ type: 'stopped' });
    trainers.all[0]!.exit(0);
    const end = await ended(all, start.id);
    expect(end.status).toBe('cancelled');
    expect(end.networks.map((n) => n.status)).toEqual(['stopped', 'skipped', 'skipped']);
    expect(trainers.all).toHaveLength(1);
    expect(experimentEvents(all, start.id).find((e) => e.type === 'batch')).toEqual({ type: 'batch', index: 0, epoch: 1, epochs: 2, batch: 1, batches: 4 });
    expect(await service.handle('experiment.cancel', { id: start.id })).toEqual({ cancelled: false });
  });
});
