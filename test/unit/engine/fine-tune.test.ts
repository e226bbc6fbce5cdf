/**
 * Fine-tuning with the tfjs engine: a run started from a weights file, with everything before
 * the head frozen, leaves the frozen weights and BatchNorm's running statistics bit-identical,
 * changes the head's and learns a 3-class image folder above chance; a learning-rate factor of 0
 * acts like frozen; a head that "adapt to dataset" resized is left out and said so, and any
 * other mismatch is an error naming the tensor.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TrainEvent, TrainOptions } from '../../../shared/api';
import type { NetwrightDocument } from '../../../shared/graph/schema';
import { writeSafetensors } from '../../../shared/weights/safetensors';
import type { StateDict } from '../../../shared/weights/tensor';
import { pickBackend } from '../../../node/engine/backend/choose';
import { loadModel } from '../../../node/engine/loop/checkpoint';
import { RunControl } from '../../../node/engine/loop/control';
import { train } from '../../../node/engine/loop/train';
import { stateDictOfModel } from '../../../node/engine/model/weights';
import { colourFolder, frozenBeforeHead, pretrained, smallNet } from './fineTuneFixtures';

let folder: string;
beforeAll(async () => {
  expect(await pickBackend('wasm')).toBe('wasm');
  folder = await colourFolder(20);
});

const scratch = () => mkdtempSync(join(tmpdir(), 'netwright-finetune-'));

function weightsFile(tensors: StateDict): string {
  const file = join(scratch(), 'pretrained.safetensors');
  writeFileSync(file, writeSafetensors(tensors));
  return file;
}

/** Train `doc` on the colour folder from `weights`; the events and the final state_dict. */
async function fineTune(doc: NetwrightDocument, weights: string, options: TrainOptions = {}) {
  const events: TrainEvent[] = [];
  const saveTo = scratch();
  await train(doc, { dataset: folder, ...options }, (e) => events.push(e), new RunControl(), { backend: 'wasm', weights: { path: weights }, saveTo, cacheDir: scratch() });
  const error = events.find((e) => e.type === 'error');
  if (error) return { events, error: (error as { message: string }).message, after: undefined };
  const { model } = await loadModel(saveTo);
  try {
    return { events, error: undefined, after: stateDictOfModel(doc, model) };
  } finally {
    model.dispose();
  }
}

const same = (a: StateDict, b: StateDict, key: string) => Buffer.from(a.get(key)!.data.buffer).equals(Buffer.from(b.get(key)!.data.buffer));

describe('fine-tuning on the tfjs engine', () => {
  it('keeps frozen weights and BatchNorm statistics bit-identical, trains the head, and beats chance on 3 classes', async () => {
    const start = pretrained(3);
    const doc = frozenBeforeHead(smallNet(3));
    const { events, error, after } = await fineTune(doc, weightsFile(start));
    expect(error).toBeUndefined();
    for (const key of ['conv.weight', 'conv.bias', 'bn.weight', 'bn.bias', 'bn.running_mean', 'bn.running_var']) expect(same(start, after!, key), key).toBe(true);
    expect(same(start, after!, 'fc.weight')).toBe(false);
    expect(same(start, after!, 'fc.bias')).toBe(false);
    // 8·3·3·3 + 8 (conv) + 2·8 (bn's γ and β) frozen; 8·3 + 3 (fc) trainable.
    expect(events.find((e) => e.type === 'start')).toMatchObject({ type: 'start', trainableParams: 27, frozenParams: 240 });
    expect(events).toContainEqual({ type: 'log', message: expect.stringMatching(/^Started from .*pretrained\.safetensors: 3 layers loaded\.$/) });
    const done = events.at(-1) as Extract<TrainEvent, { type: 'done' }>;
    expect(done.type).toBe('done');
    expect(Math.max(...done.epochs.map((e) => e.valAcc))).toBeGreaterThan(0.6);
  });

  it('updates the running statistics of a BatchNorm that is not frozen (the check above would see it)', async () => {
    const start = pretrained(3);
    const { after } = await fineTune(smallNet(3), weightsFile(start), { epochs: 1 });
    expect(same(start, after!, 'bn.running_mean')).toBe(false);
    expect(same(start, after!, 'conv.weight')).toBe(false);
  });

  it('treats a learning-rate factor of 0 as frozen weights, and trains the rest', async () => {
    const start = pretrained(3);
    const base = smallNet(3);
    const doc = { ...base, graph: { ...base.graph, nodes: base.graph.nodes.map((n) => (n.label === 'conv' ? { ...n, lrFactor: 0 } : n)) } };
    const { events, after } = await fineTune(doc, weightsFile(start), { epochs: 1 });
    expect(same(start, after!, 'conv.weight')).toBe(true);
    expect(same(start, after!, 'conv.bias')).toBe(true);
    expect(same(start, after!, 'bn.weight')).toBe(false);
    expect(events.find((e) => e.type === 'start')).toMatchObject({ type: 'start', trainableParams: 267, frozenParams: 0 });
  });

  it('leaves out the resized head of a checkpoint with other classes and lists it; the head still learns', async () => {
    const { events, error, after } = await fineTune(frozenBeforeHead(smallNet(3)), weightsFile(pretrained(1000)), { epochs: 1 });
    expect(error).toBeUndefined();
    expect(events).toContainEqual({ type: 'log', message: expect.stringMatching(/: 2 layers loaded; fc: new, 3 classes \(its weights start at random\)\.$/) });
    expect(after!.get('fc.weight')!.shape).toEqual([3, 8]);
  });

  it('refuses any other mismatch, naming the tensor', async () => {
    const wrong = pretrained(3);
    wrong.set('conv.weight', { dtype: 'F32', shape: [8, 3, 5, 5], data: new Float32Array(600) });
    expect((await fineTune(smallNet(3), weightsFile(wrong))).error).toBe('conv.weight: the file has (8, 3, 5, 5), the layer "conv" needs (8, 3, 3, 3).');
    const extra = pretrained(3);
    extra.set('stray.weight', { dtype: 'F32', shape: [2], data: new Float32Array(2) });
    expect((await fineTune(smallNet(3), weightsFile(extra))).error).toMatch(/^stray\.weight: no layer of "Small" takes this tensor/);
    const missing = pretrained(3);
    missing.delete('bn.running_var');
    expect((await fineTune(smallNet(3), weightsFile(missing))).error).toBe('bn.running_var: missing from the file (the layer "bn" needs (8)).');
  });

  it('starts from a saved Netwright run (a tfjs model folder), the head left out when resized', async () => {
    const first = scratch();
    await train(smallNet(3), { dataset: folder, epochs: 1 }, () => undefined, new RunControl(), { backend: 'wasm', weights: { path: weightsFile(pretrained(3)) }, saveTo: first, cacheDir: scratch() });
    const { model } = await loadModel(first);
    const saved = stateDictOfModel(smallNet(3), model);
    model.dispose();
    const { events, after } = await fineTune(frozenBeforeHead(smallNet(3)), first, { epochs: 1 });
    expect(events).toContainEqual({ type: 'log', message: `Started from ${first}: 3 layers loaded.` });
    expect(same(saved, after!, 'conv.weight')).toBe(true);
    expect(same(saved, after!, 'bn.running_var')).toBe(true);
    // The same folder read by a network with a 2-class head: only that head is new.
    const two = await fineTune(frozenBeforeHead(smallNet(2)), first, { epochs: 1, dataset: 'synthetic:16:2:3' });
    expect(two.events).toContainEqual({ type: 'log', message: `Started from ${first}: 2 layers loaded; fc: new, 2 classes (its weights start at random).` });
  });

});

describe('the feature cache', () => {
  it('trains the head on cached features to the same weights as running the whole network every epoch, leaving no tensor behind', async () => {
    const file = weightsFile(pretrained(3));
    const doc = frozenBeforeHead(smallNet(3));
    const run = async (featureCache: boolean) => {
      const events: TrainEvent[] = [];
      const saveTo = scratch();
      await train(doc, { dataset: folder, epochs: 3 }, (e) => events.push(e), new RunControl(), { backend: 'wasm', weights: { path: file }, saveTo, cacheDir: scratch(), featureCache });
      const { model } = await loadModel(saveTo);
      const sd = stateDictOfModel(doc, model);
      model.dispose();
      return { events, sd };
    };
    const tensors = tf.memory().numTensors;
    const cached = await run(true);
    expect(tf.memory().numTensors).toBe(tensors);
    const whole = await run(false);
    expect(cached.events).toContainEqual({ type: 'log', message: 'Feature cache: the frozen part up to pool runs once per image in the first epoch (8 values each, 0.0 MiB in all); later epochs train and validate the rest on the cached features.' });
    expect(whole.events.some((e) => e.type === 'log' && e.message.startsWith('Feature cache'))).toBe(false);
    const [a, b] = [cached.sd.get('fc.weight')!.data, whole.sd.get('fc.weight')!.data];
    for (let i = 0; i < a.length; i++) expect(a[i]).toBeCloseTo(b[i]!, 5);
    expect(same(cached.sd, whole.sd, 'bn.running_mean')).toBe(true);
    const valAcc = (events: TrainEvent[]) => events.filter((e) => e.type === 'epoch').map((e) => (e as { valAcc: number }).valAcc);
    expect(valAcc(cached.events)).toEqual(valAcc(whole.events));
  });

  it('is off, saying why, when augmentation changes the images every epoch', async () => {
    const doc = frozenBeforeHead(smallNet(3));
    const augmented = { ...doc, training: { ...doc.training, augmentation: { flip: true, crop: 0 } } };
    const { events } = await fineTune(augmented, weightsFile(pretrained(3)), { epochs: 1 });
    expect(events).toContainEqual({ type: 'log', message: 'Feature cache off: augmentation changes each image every epoch, so every epoch runs the whole network.' });
  });
});

describe('learning-rate factors', () => {
  it('give each variable the run\'s rate times its factor, and follow the schedule\'s rate', async () => {
    const { FactoredOptimizer } = await import('../../../node/engine/loop/rate-factors');
    const { makeOptimizer, setLearningRate } = await import('../../../node/engine/loop/optimizer');
    const [a, b, c] = [tf.variable(tf.zeros([2]), true, 'factor_a'), tf.variable(tf.zeros([2]), true, 'factor_b'), tf.variable(tf.zeros([2]), true, 'factor_c')];
    const settings = { optimizer: 'sgd' as const, learningRate: 0.1, momentum: 0 };
    const optimizer = new FactoredOptimizer(() => makeOptimizer(settings), new Map([['factor_a', 10], ['factor_c', 0.5]]), 0.1);
    const step = () => optimizer.applyGradients({ factor_a: tf.ones([2]), factor_b: tf.ones([2]), factor_c: tf.ones([2]) });
    step();
    expect([a, b, c].map((v) => v.dataSync()[0])).toEqual([-1, -0.1, -0.05].map(Math.fround));
    setLearningRate(optimizer, 0.01);
    step();
    expect(a.dataSync()[0]).toBeCloseTo(-1.1, 6);
    expect(b.dataSync()[0]).toBeCloseTo(-0.11, 6);
    optimizer.dispose();
    tf.dispose([a, b, c]);
  });
});
