/**
 * Runs of an exported training project brought into the run history: `netwright runs import DIR`
 * after the project's own train.py ran (needs `npm run build` and torch), the service's
 * `runs.import`, a run cut short (listed as interrupted) and folders that hold no run.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { TrainEventSchema, type RunSummary, type TrainEvent } from '../../../shared/api';
import { saveDocument } from '../../../shared/graph/load';
import { createService } from '../../../node/service';
import { RunStore } from '../../../node/runs';
import { importRun, joinResumed } from '../../../node/runs-import';
import { PYTHON, pythonHas } from '../codegen/python';
import { describeWhen } from '../../skip';
import { tinyDoc } from './tinyDoc';

const bin = join(__dirname, '..', '..', '..', 'bin', 'netwright.js');
const netwright = (...args: string[]) => spawnSync('node', [bin, ...args], { encoding: 'utf8', timeout: 600_000 });
const temp = (name: string) => mkdtempSync(join(tmpdir(), `netwright-${name}-`));

describeWhen(pythonHas('torch'), 'torch')("a run of the project's train.py, imported", () => {
  const project = join(temp('project'), 'tiny');
  const dataDir = temp('data');
  const runDir = join(project, 'runs', 'first');
  let imported: RunSummary;

  beforeAll(() => {
    const docFile = join(temp('doc'), 'tiny.netwright.json');
    writeFileSync(docFile, saveDocument(tinyDoc()));
    const exported = netwright('export', docFile, '--to', 'pytorch-project', '-o', project);
    expect(exported.status, exported.stderr).toBe(0);
    const run = spawnSync(PYTHON, ['train.py', '--limit', '100', '--run', 'runs/first'], { cwd: project, encoding: 'utf8', env: { ...process.env, CUDA_VISIBLE_DEVICES: '' } });
    expect(run.status, run.stderr).toBe(0);
    const cli = netwright('runs', 'import', runDir, '--data-dir', dataDir, '--json');
    expect(cli.status, cli.stderr).toBe(0);
    imported = JSON.parse(cli.stdout) as RunSummary;
  }, 300_000);

  it('is a finished torch run of the project with its settings, epochs and weights', () => {
    const events = readFileSync(join(runDir, 'events.jsonl'), 'utf8').trim().split('\n').map((l) => TrainEventSchema.parse(JSON.parse(l)));
    const done = events.at(-1)!;
    expect(done.type).toBe('done');
    expect(imported).toMatchObject({ name: 'Tiny', title: 'Tiny · imported', status: 'done', engine: 'torch', backend: 'cpu', dataset: 'synthetic:8:2:1', weights: { final: true, best: true } });
    expect(imported.settings).toMatchObject({ epochs: 2, batchSize: 50, limit: 100 });
    expect(imported.epochs).toEqual(done.type === 'done' ? done.epochs : []);
    expect(imported.started).toBe(JSON.parse(readFileSync(join(runDir, 'settings.json'), 'utf8')).started);
    expect(imported.note).toBe(`Imported from ${runDir} (train.py).`);
  });

  it("keeps the project's document, every event and the weights byte for byte, with netwright.json beside them", async () => {
    const store = new RunStore(join(dataDir, 'runs'));
    const { doc, events } = await store.get(imported.id);
    expect(saveDocument(doc)).toBe(readFileSync(join(project, 'network.netwright.json'), 'utf8'));
    expect(events.map((e) => JSON.stringify(e)).join('\n')).toBe(
      readFileSync(join(runDir, 'events.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.stringify(TrainEventSchema.parse(JSON.parse(l))))
        .join('\n'),
    );
    for (const which of ['final', 'best']) {
      expect(readFileSync(join(store.dir(imported.id), which, 'model.pt')).equals(readFileSync(join(runDir, which, 'model.pt')))).toBe(true);
      expect(JSON.parse(readFileSync(join(store.dir(imported.id), which, 'netwright.json'), 'utf8'))).toMatchObject({ engine: 'torch', name: 'Tiny', inputShape: [8, 8, 1] });
    }
    const { files } = await store.modelFiles(imported.id, 'final');
    expect(files?.map((f) => f.name)).toEqual(['model.pt', 'netwright.json']);
  });

  it('is imported through the service as runs.import in the desktop app, and listed by runs.list; the browser mode refuses a folder the page names', async () => {
    const other = temp('service');
    const host = { version: 'test', emit: () => undefined, spawnTrainer: () => { throw new Error('no training here'); }, dataDir: other };
    const browser = createService({ ...host, transport: 'browser' });
    await expect(browser.handle('runs.import', { dir: runDir })).rejects.toThrow('The browser mode imports no folder the page names: use netwright runs import DIR, or the desktop app.');
    const service = createService({ ...host, transport: 'electron', anyPath: true });
    const { run } = (await service.handle('runs.import', { dir: runDir })) as { run: RunSummary };
    expect(run).toMatchObject({ status: 'done', engine: 'torch', epochs: imported.epochs });
    const { runs } = (await service.handle('runs.list', {})) as { runs: RunSummary[] };
    expect(runs.map((r) => r.id)).toEqual([run.id]);
  });
});

describe('runs import of folders that are not a whole run', () => {
  const store = new RunStore(join(temp('data'), 'runs'));
  const start = { type: 'start', engine: 'torch', backend: 'cuda', epochs: 3, batchesPerEpoch: 2, trainSamples: 100, valSamples: 200, dataset: 'synthetic 8×8×1, 2 classes', classNames: ['a', 'b'], inputShape: [8, 8, 1] };

  it('lists a run whose events stop before done as interrupted, with the epochs it finished', async () => {
    const dir = join(temp('project'), 'runs', 'cut');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, '..', '..', 'network.netwright.json'), saveDocument(tinyDoc()));
    const lines = [
      start,
      { type: 'epoch', epoch: 1, loss: 0.7, acc: 0.5, valLoss: 0.69, valAcc: 0.55 },
      '{"type": "batch", "epo',
    ];
    writeFileSync(join(dir, 'events.jsonl'), lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n'));
    const run = await importRun(store, dir);
    expect(run).toMatchObject({ status: 'interrupted', backend: 'cuda', bestEpoch: 1, weights: { final: false, best: false } });
    expect(run.epochs).toEqual([{ epoch: 1, loss: 0.7, acc: 0.5, valLoss: 0.69, valAcc: 0.55 }]);
  });

  it('says what is missing: the events, the start, the network', async () => {
    const empty = temp('empty');
    await expect(importRun(store, empty)).rejects.toThrow(`${empty} has no events.jsonl: it is not a run of train.py --run ${empty}.`);
    writeFileSync(join(empty, 'events.jsonl'), '{"type": "error", "message": "--data DIR is needed for mnist"}\n');
    await expect(importRun(store, empty)).rejects.toThrow(`${join(empty, 'events.jsonl')} has no start event: the run failed before it began.`);
    writeFileSync(join(empty, 'events.jsonl'), JSON.stringify(start) + '\n');
    await expect(importRun(store, empty)).rejects.toThrow(/^No network\.netwright\.json in .* or the two folders above it: name the run's network with --doc FILE\.$/);
    expect(await store.list()).toHaveLength(1);
  });
});

describe('a run resumed from its checkpoint', () => {
  it('is one run: the first start, the last end, each epoch once (the re-run one last)', () => {
    const start: TrainEvent = { type: 'start', engine: 'torch', backend: 'cpu', epochs: 3, batchesPerEpoch: 2, trainSamples: 4, valSamples: 2 };
    const epoch = (n: number, loss: number): TrainEvent => ({ type: 'epoch', epoch: n, loss, acc: 0.5, valLoss: loss, valAcc: 0.5 });
    const resumed: TrainEvent = { type: 'log', message: 'Resumed from run/checkpoint.pt after epoch 2' };
    const done: TrainEvent = { type: 'done', epochs: [], engine: 'torch', backend: 'cpu', samplesPerSecond: 100 };
    // Stopped after epoch 2 and resumed; then killed after epoch 3's event, before its checkpoint, and resumed again.
    const events = [start, epoch(1, 3), epoch(2, 2), { type: 'stopped' } as TrainEvent, resumed, start, epoch(3, 1.5), resumed, start, epoch(3, 1), done];
    expect(joinResumed(events)).toEqual([start, epoch(1, 3), epoch(2, 2), resumed, resumed, epoch(3, 1), done]);
    expect(joinResumed([start, epoch(1, 3), done])).toEqual([start, epoch(1, 3), done]);
  });
});
