/**
 * The generated train.py outside Netwright, run by python3-torch: a run stopped after epoch 2
 * (--stop-after, as a job's time limit would) and resumed from its checkpoint ends with exactly
 * the weights of an uninterrupted 3-epoch run (same seed, CPU, same process count: every random
 * draw is restored, so the arithmetic is the same, bit for bit); the best epoch's weights and the
 * run's events carry on, and `netwright runs import` takes the folder as one finished run; and CIFAR-10/100 are read from files in the official binary format.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TrainEvent } from '../../../shared/api';
import { toPyTorchTrainingScript } from '../../../shared/codegen/pytorch-train';
import { saveDocument } from '../../../shared/graph/load';
import { RunStore } from '../../../node/runs';
import { importRun } from '../../../node/runs-import';
import { buildTemplate } from '../../../shared/templates/index';
import { describeWhen } from '../../skip';
import { cifar100Files, cifar10Files, CIFAR10_NAMES, fineOf, pixelOf } from '../engine/cifarFiles';
import { events, PYTHON, python, pythonHas, type Run } from './python';

const hasTorch = pythonHas('torch');
if (!hasTorch) console.warn(`Skipping the resume and CIFAR runs of generated train.py: ${PYTHON} cannot import torch (apt-get install python3-torch).`);

/** Python that prints whether two state_dicts hold the same tensors, exactly. */
const sameWeights = (a: string, b: string) =>
  python(['-c', `import torch; a, b = torch.load(${JSON.stringify(a)}), torch.load(${JSON.stringify(b)}); print(a.keys() == b.keys() and all(torch.equal(a[k], b[k]) for k in a))`]);

describeWhen(hasTorch, 'torch')('train.py --checkpoint, --stop-after and --resume', () => {
  const dir = mkdtempSync(join(tmpdir(), 'netwright-resume-'));
  const script = join(dir, 'train.py');
  // Every source of randomness in play: shuffling, flip and crop, a cosine schedule over all the
  // run's batches, and momentum (the optimizer's state).
  const doc = buildTemplate('lenet5')!;
  doc.training = { ...doc.training, optimizer: 'sgd', momentum: 0.9, learningRate: 0.05, schedule: { kind: 'cosine' }, augmentation: { flip: true, crop: 2 } };
  const common = ['--dataset', 'synthetic:28:10:1', '--epochs', '3', '--limit', '48', '--batch-size', '16', '--seed', '7'];
  let whole: Run;
  let first: Run;
  let second: Run;
  let again: Run;
  let missing: Run;
  let finalAfterStop: boolean;

  beforeAll(async () => {
    writeFileSync(script, toPyTorchTrainingScript(doc));
    [whole, first] = await Promise.all([python([script, ...common, '--save', join(dir, 'whole')]), python([script, ...common, '--stop-after', '2', '--run', join(dir, 'run')])]);
    finalAfterStop = existsSync(join(dir, 'run', 'final', 'model.pt'));
    second = await python([script, ...common, '--resume', join(dir, 'run'), '--run', join(dir, 'run')]);
    [again, missing] = await Promise.all([python([script, ...common, '--resume', join(dir, 'run', 'checkpoint.pt')]), python([script, ...common, '--resume', join(dir, 'nowhere')])]);
  }, 300_000);

  it('stops after epoch 2 with its checkpoint and no final weights', () => {
    expect(first.code, first.err).toBe(0);
    const e = events(first);
    expect(e.filter((x) => x.type === 'epoch').map((x) => x.type === 'epoch' && x.epoch)).toEqual([1, 2]);
    expect(e.at(-1)).toEqual({ type: 'stopped' });
    expect(finalAfterStop).toBe(false);
  });

  it('resumes with epoch 3 and ends with the weights of an uninterrupted run, exactly', async () => {
    expect(whole.code, whole.err).toBe(0);
    expect(second.code, second.err).toBe(0);
    const e = events(second);
    expect(e.find((x) => x.type === 'log')).toMatchObject({ message: `Resumed from ${join(dir, 'run', 'checkpoint.pt')} after epoch 2` });
    expect(e.filter((x) => x.type === 'batch').every((x) => x.type === 'batch' && x.epoch === 3)).toBe(true);
    const done = e.at(-1)!;
    const uninterrupted = events(whole).at(-1)!;
    expect(done.type === 'done' && uninterrupted.type === 'done').toBe(true);
    if (done.type === 'done' && uninterrupted.type === 'done') {
      // Every epoch's metrics, those before the checkpoint included, as the whole run had them.
      const metrics = (d: typeof done) => d.epochs.map(({ seconds: _, ...m }) => m);
      expect(metrics(done)).toEqual(metrics(uninterrupted));
      expect(done.bestEpoch).toBe(uninterrupted.bestEpoch);
    }
    expect((await sameWeights(join(dir, 'whole', 'model.pt'), join(dir, 'run', 'final', 'model.pt'))).out.trim()).toBe('True');
  });

  it("keeps the run's folder whole: events appended, the best epoch's weights, the checkpoint after epoch 3", async () => {
    const log = readFileSync(join(dir, 'run', 'events.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as TrainEvent);
    expect(log.filter((x) => x.type === 'epoch').map((x) => x.type === 'epoch' && x.epoch)).toEqual([1, 2, 3]);
    expect(log.filter((x) => x.type === 'start')).toHaveLength(2);
    expect(log.at(-1)!.type).toBe('done');
    expect(existsSync(join(dir, 'run', 'best', 'model.pt'))).toBe(true);
    const saved = await python(['-c', `import torch; s = torch.load(${JSON.stringify(join(dir, 'run', 'checkpoint.pt'))}); print(s["epoch"], len(s["history"]), sorted(s))`]);
    expect(saved.out.trim()).toBe("3 3 ['bestAcc', 'epoch', 'history', 'model', 'optimizer', 'rng', 'scheduler', 'seconds']");
  });

  it('imports into the run history as one finished run of three epochs (netwright runs import)', async () => {
    const docFile = join(dir, 'network.netwright.json');
    writeFileSync(docFile, saveDocument(doc));
    const run = await importRun(new RunStore(join(dir, 'history')), join(dir, 'run'), docFile);
    expect(run).toMatchObject({ status: 'done', engine: 'torch', weights: { final: true, best: true } });
    expect(run.epochs.map((m) => m.epoch)).toEqual([1, 2, 3]);
  });

  it('refuses to resume a finished run, or from where there is no checkpoint, in one line', () => {
    expect(again.code).toBe(1);
    expect(events(again)).toEqual([{ type: 'error', message: `--resume ${join(dir, 'run', 'checkpoint.pt')}: the checkpoint is after epoch 3, and this run has 3 epochs; give --epochs more than 3` }]);
    expect(missing.code).toBe(1);
    expect(events(missing)).toEqual([{ type: 'error', message: `--resume ${join(dir, 'nowhere')}: there is no checkpoint there (train.py --checkpoint DIR or --run DIR writes DIR/checkpoint.pt after each epoch)` }]);
  });
});

describeWhen(hasTorch, 'torch')("train.py reads CIFAR's binary files", () => {
  const dir = mkdtempSync(join(tmpdir(), 'netwright-train-cifar-'));
  const script = join(dir, 'train.py');
  const ten = cifar10Files(12, 20);
  const hundred = cifar100Files(60, 20);
  const cut = cifar10Files(2, 2);
  let lenet: Run;
  let coarse: Run;
  let records: Run;
  let short: Run;

  beforeAll(async () => {
    // ResNet-20 with 20 outputs, one per superclass.
    const resnet = buildTemplate('resnet20-cifar')!;
    for (const node of resnet.graph.nodes) if (node.kind === 'Dense') node.params = { ...node.params, units: 20 };
    writeFileSync(script, toPyTorchTrainingScript(resnet));
    const lenetScript = join(dir, 'lenet.py');
    writeFileSync(lenetScript, toPyTorchTrainingScript(buildTemplate('lenet5')!));
    writeFileSync(join(cut, 'test_batch.bin'), Buffer.alloc(3073 + 100));
    // The records as train.py decodes them (module imported, main not run): a few pixels and labels.
    const probe = [
      'import importlib.util, sys',
      `spec = importlib.util.spec_from_file_location("train", ${JSON.stringify(script)})`,
      'train = importlib.util.module_from_spec(spec); spec.loader.exec_module(train)',
      `t, v, title, names = train.load_cifar(train.parse_spec("cifar100:coarse:${hundred}"), None, None)`,
      'print(title, len(t), len(v), names[:2])',
      'print(t.images[5, 0, 0, 0].item(), t.images[5, 2, 3, 4].item(), t.labels[5].item(), v.images[1, 1, 31, 31].item(), v.labels[1].item())',
    ].join('\n');
    [lenet, coarse, records, short] = await Promise.all([
      python([lenetScript, '--dataset', 'cifar10', '--data', ten, '--epochs', '1', '--limit', '32', '--batch-size', '16']),
      python([script, '--dataset', `cifar100:coarse:${hundred}`, '--epochs', '1', '--batch-size', '20']),
      python(['-c', probe]),
      python([script, '--dataset', `cifar10:${cut}`]),
    ]);
  }, 300_000);

  it('trains on CIFAR-10 with its class names, the test batch held out, fitted to a 28×28×1 input', () => {
    expect(lenet.code, lenet.err).toBe(0);
    const e = events(lenet);
    expect(e[0]).toMatchObject({ type: 'start', dataset: 'CIFAR-10', classNames: CIFAR10_NAMES, trainSamples: 32, valSamples: 20, inputShape: [28, 28, 1] });
    expect(e.at(-1)!.type).toBe('done');
  });

  it("trains ResNet-20 on CIFAR-100's 20 superclasses", () => {
    expect(coarse.code, coarse.err).toBe(0);
    const e = events(coarse);
    expect(e[0]).toMatchObject({ type: 'start', dataset: 'CIFAR-100 (20 superclasses)', trainSamples: 60, valSamples: 20, inputShape: [32, 32, 3] });
    const evaluation = e.find((x) => x.type === 'evaluation');
    expect(evaluation?.type === 'evaluation' && evaluation.classNames.slice(0, 20)).toEqual(Array.from({ length: 20 }, (_, k) => `coarse${k}`));
  });

  it('decodes each record as Netwright does: label bytes, then the red, green and blue planes', () => {
    expect(records.code, records.err).toBe(0);
    const coarseOf = (i: number) => Math.floor(fineOf(i, 100) / 5);
    expect(records.out.trim().split('\n')).toEqual([
      "CIFAR-100 (20 superclasses) 60 20 ['coarse0', 'coarse1']",
      // Record 5: red (0, 0); blue at y 3, x 4. Validation record 1 is file record 61: green at (31, 31).
      [pixelOf(5, 0, 0), pixelOf(5, 2, 3 * 32 + 4), coarseOf(5), pixelOf(61, 1, 1023), coarseOf(61)].join(' '),
    ]);
  });

  it('says in one line when a file is cut short', () => {
    expect(short.code).toBe(1);
    expect(events(short)).toEqual([{ type: 'error', message: `${join(cut, 'test_batch.bin')} is 3,173 bytes, not a whole number of 3,073-byte records: it is not CIFAR's binary format, or it was cut short` }]);
  });
});
