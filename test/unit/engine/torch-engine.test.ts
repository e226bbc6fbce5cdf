/**
 * The torch engine: the generated PyTorch script in a Python process, streaming the tfjs
 * engine's events through the same runner. Needs a Python with torch (Debian's python3-torch,
 * which .ci/run installs); skipped with a message without one.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TrainEvent } from '../../../shared/api';
import { startRun } from '../../../node/engine/process/runner';
import { scriptArgs, torchTrainer } from '../../../node/engine/torch/process';
import { findTorchPythonSync } from '../../../node/engine/torch/python';
import { buildTemplate } from '../../../shared/templates/index';
import { loadStateDict } from '../codegen/python';
import { itWhen } from '../../skip';

const python = findTorchPythonSync();
if (!python) console.warn('Skipping the torch engine tests: no Python here can import torch (apt-get install python3-torch).');

const run = (options: object, onEvent: (e: TrainEvent) => void = () => undefined, config = {}) => {
  const events: TrainEvent[] = [];
  const r = startRun({ doc: buildTemplate('lenet5')!, options, config }, (e) => (events.push(e), onEvent(e)), torchTrainer());
  return { events, r };
};

describe('the torch engine', () => {
  it('passes the document settings and the run options to train.py', () => {
    const doc = buildTemplate('lenet5')!;
    expect(scriptArgs(doc, { epochs: 2, limit: 100 }, '/d')).toEqual(['train.py', '--dataset', 'mnist', '--epochs', '2', '--batch-size', '32', '--lr', '0.05', '--optimizer', 'sgd', '--seed', '1', '--limit', '100', '--data', '/d']);
    expect(scriptArgs(doc, {}, '/d', ['/run/final', '/out'], ['/run/best', '/out/best']).slice(-8)).toEqual(['--save', '/run/final', '--save', '/out', '--save-best', '/run/best', '--save-best', '/out/best']);
  });

  itWhen(python, 'torch')("keeps the final weights and the best epoch's in the run's folder and the --save folder, as model.pt the generated model class loads", async () => {
    const root = mkdtempSync(join(tmpdir(), 'netwright-torch-save-'));
    const [runDir, saveTo] = [join(root, 'run'), join(root, 'out')];
    let savedAtDone = false;
    const bestAtEpoch: boolean[] = [];
    const { events, r } = run(
      { epochs: 2, limit: 256, dataset: 'synthetic:28:10:1' },
      (e) => {
        if (e.type === 'epoch') bestAtEpoch.push(existsSync(join(runDir, 'best', 'netwright.json')));
        if (e.type === 'done') savedAtDone = existsSync(join(runDir, 'final', 'netwright.json'));
      },
      { runDir, saveTo },
    );
    await r.done;
    const done = events.at(-1)!;
    expect(done).toMatchObject({ type: 'done' });
    if (done.type !== 'done') return;
    expect(savedAtDone).toBe(true);
    // The first epoch is always the best so far: its weights are there when its event arrives.
    expect(bestAtEpoch[0]).toBe(true);
    const best = done.epochs.find((e) => e.epoch === done.bestEpoch)!;
    for (const [dir, epoch] of [[join(runDir, 'final'), done.epochs[1]!], [saveTo, done.epochs[1]!], [join(runDir, 'best'), best], [join(saveTo, 'best'), best]] as const) {
      const loaded = await loadStateDict(buildTemplate('lenet5')!, join(dir, 'model.pt'));
      expect(loaded.code, loaded.err).toBe(0);
      expect(JSON.parse(readFileSync(join(dir, 'netwright.json'), 'utf8'))).toMatchObject({ engine: 'torch', name: 'LeNet-5', dataset: 'synthetic:28:10:1', inputShape: [28, 28, 1], epoch: epoch.epoch, metrics: epoch });
    }
  });

  itWhen(python, 'torch')('trains LeNet-5 on MNIST with the same events as the tfjs engine', async () => {
    const { events, r } = run({ epochs: 1, limit: 512 });
    await r.done;
    expect(events[0]).toMatchObject({ type: 'start', engine: 'torch', backend: 'cpu' });
    expect(events.some((e) => e.type === 'batch')).toBe(true);
    expect(events.filter((e) => e.type === 'epoch')).toHaveLength(1);
    expect(events.at(-1)).toMatchObject({ type: 'done', engine: 'torch' });
  });

  itWhen(python, 'torch')('stops at once', async () => {
    let stopped = false;
    const { events, r } = run({ epochs: 20 }, (e) => {
      if (e.type === 'batch' && !stopped) {
        stopped = true;
        r.stop();
      }
    });
    await r.done;
    expect(events.at(-1)).toEqual({ type: 'stopped' });
  });

  itWhen(python, 'torch')('`netwright train lenet5 --dataset mnist --engine torch --epochs 3` reaches ≥ 0.94 validation accuracy', () => {
    const bin = join(__dirname, '..', '..', '..', 'bin', 'netwright.js');
    const r = spawnSync('node', [bin, 'train', 'lenet5', '--dataset', 'mnist', '--engine', 'torch', '--epochs', '3', '--json'], { encoding: 'utf8', timeout: 600_000 });
    expect(r.status, r.stderr).toBe(0);
    const done = JSON.parse(r.stdout.trim().split('\n').at(-1)!);
    expect(done).toMatchObject({ type: 'done', engine: 'torch' });
    expect(done.epochs[2].valAcc).toBeGreaterThanOrEqual(0.94);
    console.log(`torch engine, lenet5 3 epochs: valAcc ${done.epochs.map((e: { valAcc: number }) => e.valAcc.toFixed(4)).join(', ')} · ${Math.round(done.samplesPerSecond)} samples/s`);
  }, 600_000);
});
