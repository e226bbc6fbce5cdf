/**
 * `train.start` with starting weights, through the service and a trainer process: a weights
 * file sent as bytes, then a run's saved model; the start event's trainable and frozen counts;
 * a file that does not fit ends the run with one line naming the tensor.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { TrainEvent } from '../../../shared/api';
import { writeSafetensors } from '../../../shared/weights/safetensors';
import { colourFolder, frozenBeforeHead, pretrained, smallNet } from '../engine/fineTuneFixtures';
import { pythonHas } from '../codegen/python';
import { itWhen } from '../../skip';
import { serviceWithTrainer } from './serviceRun';

const s = serviceWithTrainer('fine-tune-api');
afterAll(() => s.cleanup());

async function run(payload: object): Promise<TrainEvent[]> {
  const { runId } = await s.call<{ runId: string }>('train.start', payload);
  const mine = () => s.events.filter((e) => e.runId === runId).map((e) => e.event);
  while (!mine().some((e) => ['done', 'stopped', 'error'].includes(e.type))) await new Promise((r) => setTimeout(r, 50));
  return mine();
}

describe('train.start from weights', () => {
  it('starts from a file sent as bytes, then from a run of the history, with the counts in the start event', async () => {
    await s.buildTrainer();
    const dataset = await colourFolder(8);
    const doc = frozenBeforeHead(smallNet(3));
    const bytes = Buffer.from(writeSafetensors(pretrained(1000))).toString('base64');
    const first = await run({ doc, options: { dataset, epochs: 1 }, weights: { name: 'imagenet-like.safetensors', base64: bytes } });
    expect(first.at(-1)!.type).toBe('done');
    expect(first).toContainEqual({ type: 'log', message: 'Started from imagenet-like.safetensors: 2 layers loaded; fc: new, 3 classes (its weights start at random).' });
    expect(first.find((e) => e.type === 'start')).toMatchObject({ trainableParams: 27, frozenParams: 240 });

    const { runs } = await s.call<{ runs: { id: string }[] }>('runs.list', {});
    const again = await run({ doc, options: { dataset, epochs: 1 }, weights: { run: runs[0]!.id } });
    expect(again.at(-1)!.type).toBe('done');
    expect(again).toContainEqual({ type: 'log', message: expect.stringMatching(/^Started from .*final: 3 layers loaded\.$/) });
  });

  it('ends the run with one line naming a tensor that does not fit', async () => {
    const wrong = pretrained(3);
    wrong.set('bn.weight', { dtype: 'F32', shape: [4], data: new Float32Array(4) });
    const events = await run({ doc: smallNet(3), options: { dataset: 'synthetic:16:3:3', epochs: 1, limit: 32 }, weights: { name: 'w.safetensors', base64: Buffer.from(writeSafetensors(wrong)).toString('base64') } });
    expect(events.at(-1)).toEqual({ type: 'error', message: 'bn.weight: the file has (4), the layer "bn" needs (8).' });
  });

  itWhen(pythonHas('torch'), 'torch')('hands the weights to the torch engine: a safetensors file becomes a .pth train.py loads, the resized head left out', async () => {
    const dataset = await colourFolder(6);
    const bytes = Buffer.from(writeSafetensors(pretrained(1000))).toString('base64');
    const events = await run({ doc: frozenBeforeHead(smallNet(3)), options: { dataset, epochs: 1, engine: 'torch' }, weights: { name: 'imagenet-like.safetensors', base64: bytes } });
    expect(events.at(-1)!.type).toBe('done');
    expect(events).toContainEqual({ type: 'log', message: 'Started from imagenet-like.pth: 2 layers loaded; fc: new, 3 classes (its weights start at random).' });
    expect(events.find((e) => e.type === 'start')).toMatchObject({ engine: 'torch', trainableParams: 27, frozenParams: 240 });
  });

  it('refuses published weights that are not in the cache, before a run starts', async () => {
    await expect(s.call('train.start', { doc: smallNet(3), weights: { published: 'resnet18' } })).rejects.toThrow(/ImageNet weights are not in the cache yet: download them first/);
  });
});
