/**
 * The API's `predict` through the service, in a trainer process built from the current sources:
 * a small network's state_dict written by Netwright's own .pth writer (no Python), a photo, and
 * the same answer `netwright predict --json` prints for the same files; weights that do not fit
 * are refused with the tensor named, as the CLI refuses them.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReplyOf } from '../../../shared/api';
import { sequential } from '../../../shared/templates/build';
import { writePth } from '../../../shared/weights/pth';
import type { StateDict } from '../../../shared/weights/tensor';
import { predictCommand } from '../../../node/cli/predict';
import { serviceWithTrainer } from './serviceRun';

const { call, buildTrainer, cleanup } = serviceWithTrainer('predict-api');
const dir = mkdtempSync(join(tmpdir(), 'netwright-predict-api-'));

const doc = sequential('Tiny classifier', [
  { kind: 'Input', label: 'Input', params: { height: 16, width: 16, channels: 3 } },
  { kind: 'Conv2D', label: 'conv', params: { filters: 4, kernel: 3, stride: 1, padding: 'same', activation: 'relu' } },
  { kind: 'Flatten', label: 'flat' },
  { kind: 'Dense', label: 'out', params: { units: 7, activation: 'softmax' } },
]);

/** Tensors with fixed values that differ from one weight to the next, so the classes rank apart. */
const tensor = (shape: number[], seed: number) => {
  const data = Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => Math.sin(seed * 7.3 + i * 0.37) * 0.2);
  return { dtype: 'F32' as const, shape, data };
};
const stateDict: StateDict = new Map([
  ['conv.weight', tensor([4, 3, 3, 3], 1)],
  ['conv.bias', tensor([4], 2)],
  ['out.weight', tensor([7, 16 * 16 * 4], 3)],
  ['out.bias', tensor([7], 4)],
]);
const weights = writePth(stateDict);
const broken = writePth(new Map([...stateDict, ['conv.weight', tensor([4, 3, 1, 3], 1)]]));
let photo: Buffer;

beforeAll(async () => {
  await buildTrainer();
  const pixels = Buffer.from(Array.from({ length: 40 * 24 * 3 }, (_, i) => (i * 37) % 256));
  photo = await sharp(pixels, { raw: { width: 40, height: 24, channels: 3 } }).png().toBuffer();
  writeFileSync(join(dir, 'tiny.pth'), weights);
  writeFileSync(join(dir, 'photo.png'), photo);
});
afterAll(() => {
  cleanup();
  rmSync(dir, { recursive: true, force: true });
});

/** What `netwright predict --json` prints for the files in `dir`, parsed. */
async function cliJson(top: number) {
  const out = new PassThrough();
  let text = '';
  out.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const code = await predictCommand(doc, { weights: join(dir, 'tiny.pth'), image: join(dir, 'photo.png'), top: String(top), json: true }, out as unknown as NodeJS.WriteStream);
  expect(code).toBe(0);
  return JSON.parse(text) as Record<string, unknown>;
}

describe('predict', () => {
  it('answers as `netwright predict --json` does for the same weights and photo', async () => {
    const r = await call<ReplyOf<'predict'>>('predict', { doc, weights: { name: 'tiny.pth', base64: Buffer.from(weights).toString('base64') }, image: { base64: photo.toString('base64') }, top: 5 });
    const { model, weights: file, image, ...cli } = await cliJson(5);
    expect([model, file, image]).toEqual([doc.name, join(dir, 'tiny.pth'), join(dir, 'photo.png')]);
    expect(r).toEqual(cli);
    expect(r.top.map((t) => t.name)).toHaveLength(5);
    expect(r.top[0]!.name).toMatch(/^class \d$/);
    expect(r.preprocessing).toBe("40×24, resized to 18 on the short side, centre-cropped to 16×16, normalised with ImageNet's mean and std");
    expect(r).toMatchObject({ loaded: 2, skipped: [], unused: [] });
    // A name that is a path, or no file's name at all, is written under a name of its own in the private folder.
    for (const name of ['../../tiny.pth', '..']) {
      expect(await call('predict', { doc, weights: { name, base64: Buffer.from(weights).toString('base64') }, image: { base64: photo.toString('base64') }, top: 5 })).toEqual(r);
    }
  });

  it('refuses weights that do not fit, naming the tensor and the file by its own name', async () => {
    const request = { doc, weights: { name: 'broken.pth', base64: Buffer.from(broken).toString('base64') }, image: { base64: photo.toString('base64') } };
    await expect(call('predict', request)).rejects.toThrow('conv.weight: the file has (4, 3, 1, 3), the layer "conv" needs (4, 3, 3, 3).');
    const partial = await call<ReplyOf<'predict'>>('predict', { ...request, partial: true });
    expect(partial).toMatchObject({ loaded: 1, skipped: [expect.stringMatching(/^conv\.weight/)] });
  });

  it('says why it cannot', async () => {
    const image = { base64: photo.toString('base64') };
    await expect(call('predict', { doc, weights: { name: 'notes.txt', base64: Buffer.from('hello').toString('base64') }, image })).rejects.toThrow('notes.txt is neither a PyTorch .pth (a zip) nor a safetensors file.');
    await expect(call('predict', { doc, weights: { run: 'no-such-run' }, image })).rejects.toThrow('has no final weights');
  });
});
