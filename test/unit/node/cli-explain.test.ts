/**
 * `netwright explain` on a LeNet-5 that `netwright train --save` trained for an epoch on 2,000
 * MNIST digits, run as a user runs it (needs `npm run build`): C1's 6 and C3's 16 maps as PNG
 * grids, the filters, Grad-CAM, the statistics as JSON, and a digit given as a file read as the
 * same validation sample is. Then a small network with a block instance, trained on synthetic
 * images: with --doc, each layer names its node and the instance its output layer, whose maps
 * `--layer <instance label>` draws; a document the model was not trained from is refused. A
 * torch run's folder needs --doc (one line says so), and with it shows model.pt's C1 maps.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { validationSamples } from '../../../node/engine/loop/explain';
import type { ModelMeta } from '../../../node/engine/loop/checkpoint';
import { blockKind } from '../../../shared/blocks/blocks';
import { GraphBuilder } from '../../../shared/blocks/builder';
import { documentOf } from '../../../shared/templates/build';
import { findTorchPythonSync } from '../../../node/engine/torch/python';
import { describeWhen } from '../../skip';

const bin = join(__dirname, '..', '..', '..', 'bin', 'netwright.js');
const netwright = (...args: string[]) => {
  const r = spawnSync('node', [bin, ...args], { encoding: 'utf8', timeout: 600_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const work = mkdtempSync(join(tmpdir(), 'netwright-cli-explain-'));
const model = join(work, 'lenet');
const size = async (png: string) => {
  const m = await sharp(png).metadata();
  return [m.width, m.height];
};

beforeAll(() => {
  const r = netwright('train', 'lenet5', '--dataset', 'mnist', '--epochs', '1', '--limit', '2000', '--backend', 'wasm', '--save', model);
  expect(r.code, r.err).toBe(0);
});

describe('netwright explain', () => {
  it("writes C1's 6 maps and C3's 16 as grids, and prints every layer's statistics as JSON", async () => {
    const c1 = netwright('explain', model, '--sample', '0', '--layer', 'C1', '-o', join(work, 'c1.png'), '--json');
    expect(c1.code, c1.err).toBe(0);
    const j = JSON.parse(c1.out);
    expect(j).toMatchObject({ maps: 'C1', written: join(work, 'c1.png'), image: { sample: 0, label: expect.any(Number) } });
    expect(j.layers.map((l: { name: string; shape: number[]; mean: number[]; max: number[] }) => [l.name, l.shape, l.mean.length, l.max.length])).toEqual([
      ['C1', [28, 28, 6], 6, 6], ['S2', [14, 14, 6], 6, 6], ['C3', [10, 10, 16], 16, 16], ['S4', [5, 5, 16], 16, 16], ['Flatten', [400], 400, 400], ['C5', [120], 120, 120], ['F6', [84], 84, 84], ['Output', [10], 10, 10],
    ]);
    expect(j.className).toBe(String(j.predicted));
    // 6 tiles of 28×28, 3 to a row, 1 pixel apart; 16 of 10×10 enlarged 3×, 4 to a row.
    expect(await size(join(work, 'c1.png'))).toEqual([3 * 28 + 2, 2 * 28 + 1]);
    const c3 = netwright('explain', model, '--sample', '0', '--layer', 'C3', '-o', join(work, 'c3.png'));
    expect(c3.code, c3.err).toBe(0);
    expect(c3.out).toContain(`${join(work, 'c3.png')}: C3's 16 maps`);
    expect(c3.out).toMatch(/ {2}C3 +10×10×16 +16 channels {2}mean/);
    expect(await size(join(work, 'c3.png'))).toEqual([4 * 30 + 3, 4 * 30 + 3]);
  });

  it('draws Grad-CAM over the digit for the predicted class or a chosen one, and the filters', async () => {
    const g = netwright('explain', model, '--sample', '3', '--gradcam', '-o', join(work, 'gc.png'), '--json');
    expect(g.code, g.err).toBe(0);
    const j = JSON.parse(g.out);
    expect(j.gradcam).toMatchObject({ layer: 'C3', class: j.predicted, peak: [expect.any(Number), expect.any(Number)] });
    expect(await size(join(work, 'gc.png'))).toEqual([224, 224]);
    const chosen = JSON.parse(netwright('explain', model, '--sample', '3', '--gradcam', '7', '--layer', 'S2', '--json').out);
    expect(chosen.gradcam).toMatchObject({ layer: 'S2', class: 7, className: '7' });
    const f = netwright('explain', model, '--sample', '3', '--filters', '-o', join(work, 'filters.png'));
    expect(f.code, f.err).toBe(0);
    expect(f.out).toContain("C1's filters (6 tiles)");
    expect(existsSync(join(work, 'filters.png'))).toBe(true);
  });

  it('reads a digit from a file as the same validation sample', async () => {
    const meta: ModelMeta = JSON.parse((await import('node:fs')).readFileSync(join(model, 'netwright.json'), 'utf8'));
    const [digit] = await validationSamples(meta, [5]);
    const file = join(work, 'digit.png');
    await sharp(Buffer.from(digit!.pixels), { raw: { width: 28, height: 28, channels: 1 } }).png().toFile(file);
    const fromFile = JSON.parse(netwright('explain', model, '--image', file, '--json').out);
    const fromSample = JSON.parse(netwright('explain', model, '--sample', '5', '--json').out);
    expect(fromFile.image).toBe(file);
    expect(fromFile.layers).toEqual(fromSample.layers);
    expect(fromFile.output).toEqual(fromSample.output);
  });

  it('says what is wrong: usage, a folder without a model, an unknown layer', () => {
    expect(netwright('explain', model).code).toBe(2);
    expect(netwright('explain', model, '--sample', '0', '--image', 'x.png').code).toBe(2);
    expect(netwright('explain', model, '--sample', '0', '--gradcam', '--filters').code).toBe(2);
    const missing = netwright('explain', join(work, 'nothing'), '--sample', '0');
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('holds no saved model (netwright.json with model.json or a torch run');
    const unknown = netwright('explain', model, '--sample', '0', '--layer', 'C9', '-o', join(work, 'x.png'));
    expect(unknown.code).toBe(3);
    expect(unknown.err).toContain('Explaining failed: The model has no layer "C9"; its layers: C1, S2, C3, S4, Flatten, C5, F6, Output.');
  });
});

describe('netwright explain --doc', () => {
  // 8×8 grey images → an instance "pair" of a block (conv, then ReLU) → Flatten → Dense.
  const inner = new GraphBuilder();
  inner.chain(inner.add('BlockInput', { port: 0 }, [], 'in'), [['Conv2D', { filters: 5, kernel: 3, padding: 'same' }, 'conv'], ['Activation', { fn: 'relu' }, 'relu'], ['BlockOutput', {}, 'out']]);
  const g = new GraphBuilder();
  const pair = g.add(blockKind('pair'), {}, g.add('Input', { height: 8, width: 8, channels: 1 }, [], 'Input'), 'pair');
  g.chain(pair, [['Flatten', {}, 'flat'], ['Dense', { units: 3, activation: 'softmax' }, 'out']]);
  const file = join(work, 'pair.netwright.json');
  const saved = join(work, 'pair');
  beforeAll(() => {
    writeFileSync(file, JSON.stringify(documentOf('Pair net', undefined, g, [{ id: 'pair', name: 'Pair', params: {}, graph: inner.graph }])));
    const r = netwright('train', file, '--dataset', 'synthetic:8:3:1', '--epochs', '1', '--limit', '64', '--backend', 'wasm', '--save', saved);
    expect(r.code, r.err).toBe(0);
  });

  it("names each layer's node and the block instance's output layer, and draws the instance's maps by its label", async () => {
    const r = netwright('explain', saved, '--sample', '0', '--doc', file, '--layer', 'pair', '-o', join(work, 'pair.png'), '--json');
    expect(r.code, r.err).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.layers.map((l: { name: string; node: string }) => [l.name, l.node])).toEqual([['pair_conv', `${pair}/conv`], ['pair_relu', `${pair}/relu`], ['flat', 'flat'], ['out', 'out']]);
    expect(j.blocks).toEqual([{ node: pair, label: 'pair', layer: 'pair_relu' }]);
    expect(j.maps).toBe('pair_relu');
    expect(await size(join(work, 'pair.png'))).toEqual([3 * 32 + 2, 2 * 32 + 1]); // 5 tiles of 8×8 enlarged 4×, 3 to a row
    const text = netwright('explain', saved, '--sample', '0', '--doc', file);
    expect(text.out).toContain('  block pair: its output is pair_relu\n');
  });

  it('refuses a document the model was not trained from', () => {
    const r = netwright('explain', saved, '--sample', '0', '--doc', 'lenet5');
    expect(r.code).toBe(3);
    expect(r.err).toBe('Explaining failed: "LeNet-5" is not the document this model was trained from: the model has a layer "pair_conv", which the document has not.\n');
  });
});

describeWhen(findTorchPythonSync() !== undefined, 'torch')('netwright explain on a torch run', () => {
  const saved = join(work, 'torch');
  beforeAll(() => {
    const r = netwright('train', 'lenet5', '--engine', 'torch', '--dataset', 'synthetic:28:10:1', '--epochs', '1', '--limit', '256', '--save', saved);
    expect(r.code, r.err).toBe(0);
  });

  it("needs the document; with it, C1's 6 maps of model.pt's weights", async () => {
    const without = netwright('explain', saved, '--sample', '0');
    expect(without.code).toBe(3);
    expect(without.err).toBe(`Explaining failed: ${saved} holds a torch run's model.pt: looking inside it needs the document it was trained from (--doc FILE|TEMPLATE).\n`);
    const r = netwright('explain', saved, '--sample', '0', '--doc', 'lenet5', '--layer', 'C1', '-o', join(work, 'torch-c1.png'), '--json');
    expect(r.code, r.err).toBe(0);
    const j = JSON.parse(r.out);
    expect(j).toMatchObject({ maps: 'C1', image: { sample: 0 } });
    expect(j.layers[0]).toMatchObject({ name: 'C1', node: expect.any(String), shape: [28, 28, 6] });
    expect(await size(join(work, 'torch-c1.png'))).toEqual([3 * 28 + 2, 2 * 28 + 1]);
  });
});
