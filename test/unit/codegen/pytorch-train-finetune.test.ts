/**
 * Fine-tuning with the generated train.py (the torch engine), run by /usr/bin/python3's torch: a
 * run from a state_dict with everything before the head frozen leaves the frozen weights and
 * BatchNorm's running statistics bit-identical and trains the head above chance on a generated
 * 3-class folder; a learning-rate factor of 0 keeps a layer's weights; a checkpoint with another
 * head is loaded without it, and said so; a tensor that does not fit ends the run naming it.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { TrainEventSchema, type TrainEvent } from '../../../shared/api';
import { toPyTorchTrainingScript } from '../../../shared/codegen/pytorch-train';
import type { NetwrightDocument } from '../../../shared/graph/schema';
import { writePth } from '../../../shared/weights/pth';
import type { StateDict } from '../../../shared/weights/tensor';
import { colourFolder, frozenBeforeHead, pretrained, smallNet } from '../engine/fineTuneFixtures';
import { python, pythonHas } from './python';
import { describeWhen } from '../../skip';

const hasTorch = pythonHas('torch');

describeWhen(hasTorch, 'torch')('fine-tuning in the generated train.py', () => {
  let folder: string;
  beforeAll(async () => {
    folder = await colourFolder(20);
  });

  /** Train `doc` from `weights` for `epochs`; its events, and for each tensor of the file whether the saved model still holds it unchanged. */
  async function fineTune(doc: NetwrightDocument, weights: StateDict, epochs = 3) {
    const dir = mkdtempSync(join(tmpdir(), 'netwright-torch-finetune-'));
    writeFileSync(join(dir, 'train.py'), toPyTorchTrainingScript(doc));
    writeFileSync(join(dir, 'start.pth'), writePth(weights));
    const run = await python(['train.py', '--dataset', folder, '--epochs', String(epochs), '--weights', 'start.pth', '--save', 'out', '--cpu'], { cwd: dir });
    const events: TrainEvent[] = run.out.trim().split('\n').filter(Boolean).map((l) => TrainEventSchema.parse(JSON.parse(l)));
    const check = await python(['-c', 'import json, torch; a = torch.load("start.pth"); b = torch.load("out/model.pt"); print(json.dumps({k: bool(torch.equal(a[k], b[k])) for k in a if k in b and a[k].shape == b[k].shape}))'], { cwd: dir });
    return { events, code: run.code, err: run.err, unchanged: check.code === 0 ? (JSON.parse(check.out) as Record<string, boolean>) : {} };
  }

  it('keeps frozen weights and BatchNorm statistics bit-identical, trains the head, and beats chance', async () => {
    const { events, code, err, unchanged } = await fineTune(frozenBeforeHead(smallNet(3)), pretrained(3));
    expect(code, err).toBe(0);
    for (const key of ['conv.weight', 'conv.bias', 'bn.weight', 'bn.bias', 'bn.running_mean', 'bn.running_var']) expect(unchanged[key], key).toBe(true);
    expect(unchanged['fc.weight']).toBe(false);
    expect(events).toContainEqual({ type: 'log', message: 'Started from start.pth: 3 layers loaded.' });
    expect(events.find((e) => e.type === 'start')).toMatchObject({ trainableParams: 27, frozenParams: 240 });
    const done = events.at(-1) as Extract<TrainEvent, { type: 'done' }>;
    expect(Math.max(...done.epochs.map((e) => e.valAcc))).toBeGreaterThan(0.6);
  });

  it('moves the running statistics of a BatchNorm that is not frozen, and keeps a layer at factor 0 as loaded', async () => {
    const base = smallNet(3);
    const doc = { ...base, graph: { ...base.graph, nodes: base.graph.nodes.map((n) => (n.label === 'conv' ? { ...n, lrFactor: 0 } : n)) } };
    const { unchanged } = await fineTune(doc, pretrained(3), 1);
    expect(unchanged['conv.weight']).toBe(true);
    expect(unchanged['bn.weight']).toBe(false);
    expect(unchanged['bn.running_mean']).toBe(false);
  });

  it('leaves out a head of other classes and says so; any other mismatch ends the run naming the tensor', async () => {
    const { events, code } = await fineTune(frozenBeforeHead(smallNet(3)), pretrained(1000), 1);
    expect(code).toBe(0);
    expect(events).toContainEqual({ type: 'log', message: 'Started from start.pth: 2 layers loaded; fc: new, 3 classes (its weights start at random).' });
    const wrong = pretrained(3);
    wrong.set('bn.weight', { dtype: 'F32', shape: [4], data: new Float32Array(4) });
    const bad = await fineTune(smallNet(3), wrong, 1);
    expect(bad.code).toBe(1);
    expect(bad.events.at(-1)).toEqual({ type: 'error', message: 'bn.weight: the file has (4,), the layer needs (8,)' });
  });
});
