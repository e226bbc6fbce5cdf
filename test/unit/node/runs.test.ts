/** The run history on disk: a run's record as its events arrive, listing, reading, deleting. */
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RunStore } from '../../../node/runs';
import { resolveSettings } from '../../../node/engine/loop/run-settings';
import { lenet5 } from '../../../shared/templates/lenet5';

const store = () => new RunStore(join(mkdtempSync(join(tmpdir(), 'netwright-runs-')), 'runs'));
const epoch = (n: number, valAcc: number) => ({ epoch: n, loss: 1 / n, acc: valAcc, valLoss: 1 / n, valAcc });

describe('RunStore', () => {
  it('keeps the document, settings, events and a summary that follows them', async () => {
    const runs = store();
    const doc = lenet5();
    const dir = runs.begin('run-1', doc, resolveSettings(doc.training, { epochs: 2, limit: 100 }));
    expect((await runs.list())[0]).toMatchObject({ id: 'run-1', name: 'LeNet-5', status: 'running', dataset: 'mnist', settings: { epochs: 2, limit: 100, optimizer: 'sgd', momentum: 0.9 }, epochs: [] });
    runs.record('run-1', { type: 'start', engine: 'tfjs', backend: 'wasm', epochs: 2, batchesPerEpoch: 4, trainSamples: 100, valSamples: 2000 });
    runs.record('run-1', { type: 'epoch', ...epoch(1, 0.8) });
    runs.record('run-1', { type: 'epoch', ...epoch(2, 0.7) });
    mkdirSync(join(dir, 'best'));
    writeFileSync(join(dir, 'best', 'model.json'), '{}');
    runs.record('run-1', { type: 'done', epochs: [epoch(1, 0.8), epoch(2, 0.7)], engine: 'tfjs', backend: 'wasm', samplesPerSecond: 100, bestEpoch: 1 });
    const { run, doc: saved, events } = await runs.get('run-1');
    expect(run).toMatchObject({ status: 'done', backend: 'wasm', bestEpoch: 1, weights: { final: false, best: true } });
    expect(run.epochs.map((e) => e.valAcc)).toEqual([0.8, 0.7]);
    expect(run.ended).toBeDefined();
    expect(saved).toEqual(doc);
    expect(events.map((e) => e.type)).toEqual(['start', 'epoch', 'epoch', 'done']);
  });

  it('keeps a run\'s name and estimate; renames it and keeps a note, while it runs and after', async () => {
    const runs = store();
    const doc = lenet5();
    runs.begin('run-1', doc, resolveSettings(doc.training, {}), { title: 'LeNet-5 · batch 64', estimate: { secondsPerEpoch: 4.2 } });
    expect((await runs.list())[0]).toMatchObject({ title: 'LeNet-5 · batch 64', estimate: { secondsPerEpoch: 4.2 } });
    expect(await runs.update('run-1', { title: 'Wider C1' })).toMatchObject({ title: 'Wider C1', status: 'running' });
    runs.record('run-1', { type: 'stopped' });
    // The rename made while it ran is not undone by the summary written when it ended.
    expect((await runs.list())[0]).toMatchObject({ title: 'Wider C1', status: 'stopped' });
    expect(await runs.update('run-1', { note: 'C1 with 8 filters' })).toMatchObject({ title: 'Wider C1', note: 'C1 with 8 filters' });
    // A fresh store reads it back from disk; an empty note removes it.
    const again = new RunStore(runs.root);
    expect((await again.get('run-1')).run).toMatchObject({ title: 'Wider C1', note: 'C1 with 8 filters' });
    expect((await again.update('run-1', { note: ' ' })).note).toBeUndefined();
    await expect(again.update('nope', { title: 'x' })).rejects.toThrow('There is no run "nope".');
  });

  it('lists newest first; a run marked running that nobody trains was interrupted', async () => {
    const runs = store();
    runs.begin('a', lenet5(), resolveSettings(lenet5().training, {}));
    await new Promise((r) => setTimeout(r, 5));
    runs.begin('b', lenet5(), resolveSettings(lenet5().training, {}));
    runs.record('b', { type: 'error', message: 'boom' });
    expect((await runs.list()).map((r) => [r.id, r.status])).toEqual([['b', 'error'], ['a', 'running']]);
    // A new store over the same folder (the app restarted): "a" was interrupted.
    const later = new RunStore(runs.root);
    expect((await later.list()).map((r) => [r.id, r.status])).toEqual([['b', 'error'], ['a', 'interrupted']]);
  });

  it('deletes a finished run but not one in progress, and refuses ids that are not ours', async () => {
    const runs = store();
    const dir = runs.begin('c', lenet5(), resolveSettings(lenet5().training, {}));
    expect(await runs.delete('c')).toBe(false);
    runs.record('c', { type: 'stopped' });
    expect(await runs.delete('c')).toBe(true);
    expect(existsSync(dir)).toBe(false);
    expect(await runs.delete('c')).toBe(false);
    await expect(runs.get('../../etc')).rejects.toThrow('"../../etc" is not a run id.');
    await expect(runs.get('nope')).rejects.toThrow('There is no run "nope".');
  });

  it("offers a torch run's model.pt and netwright.json as its saved model, and keeps Evaluate to tfjs runs", async () => {
    const runs = store();
    const dir = runs.begin('t', lenet5(), resolveSettings(lenet5().training, {}));
    runs.record('t', { type: 'start', engine: 'torch', backend: 'cpu', epochs: 1, batchesPerEpoch: 4, trainSamples: 100, valSamples: 20 });
    mkdirSync(join(dir, 'final'));
    writeFileSync(join(dir, 'final', 'model.pt'), 'weights');
    writeFileSync(join(dir, 'final', 'netwright.json'), '{}');
    runs.record('t', { type: 'done', epochs: [epoch(1, 0.5)], engine: 'torch', backend: 'cpu', samplesPerSecond: 100 });
    expect((await runs.list())[0]).toMatchObject({ engine: 'torch', weights: { final: true, best: false } });
    const { files } = await runs.modelFiles('t', 'final');
    expect(files?.map((f) => [f.name, Buffer.from(f.base64, 'base64').toString()])).toEqual([['model.pt', 'weights'], ['netwright.json', '{}']]);
    expect(() => runs.weightsDir('t', 'final')).toThrow('Run "t" was trained by the torch engine: its weights are a PyTorch model.pt, which only Save model offers (Evaluate is for tfjs runs).');
  });

  it('skips a last line cut short by a crash', async () => {
    const runs = store();
    const dir = runs.begin('d', lenet5(), resolveSettings(lenet5().training, {}));
    runs.record('d', { type: 'log', message: 'hello' });
    writeFileSync(join(dir, 'events.jsonl'), '{"type":"log","message":"hello"}\n{"type":"ba', { flag: 'w' });
    expect((await runs.get('d')).events).toEqual([{ type: 'log', message: 'hello' }]);
  });
});
