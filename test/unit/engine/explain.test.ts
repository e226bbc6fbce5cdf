/**
 * Looking inside a LeNet-5 trained here for an epoch on 2,000 MNIST digits (seeded, wasm): C1's 6
 * and C3's 16 maps, their values against a direct tfjs evaluation of the layer, the tiles as
 * drawn, the filters, and Grad-CAM's peak inside the digit more often than chance.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrainEvent } from '../../../shared/api';
import { lenet5 } from '../../../shared/templates/lenet5';
import { compileDocument } from '../../../node/engine/model/compile';
import { chain } from '../../fixtures/graphs';
import { pickBackend } from '../../../node/engine/backend/choose';
import { RunControl } from '../../../node/engine/loop/control';
import { train } from '../../../node/engine/loop/train';
import { placementOf, placeOnInput } from '../../../node/engine/loop/explain-geometry';
import { explainImage, layerOutputs, openExplainer, scoresWith, validationSamples, type Explainer } from '../../../node/engine/loop/explain';

const dir = mkdtempSync(join(tmpdir(), 'netwright-explain-'));
let ex: Explainer;
let digits: { pixels: Uint8Array; label: number }[];

beforeAll(async () => {
  expect(await pickBackend('wasm')).toBe('wasm');
  const events: TrainEvent[] = [];
  await train(lenet5(), { dataset: 'mnist', epochs: 1, limit: 2000, batchSize: 32 }, (e) => events.push(e), new RunControl(), { backend: 'wasm', saveTo: dir });
  expect(events.at(-1)!.type).toBe('done');
  ex = await openExplainer(dir, lenet5());
  digits = await validationSamples(ex.meta, Array.from({ length: 50 }, (_, i) => i));
});
afterAll(() => ex?.dispose());

/** The layer evaluated on its own: a model from the input to it, on pixels normalised here. */
function direct(layer: string, pixels: Uint8Array): { shape: number[]; values: Float32Array } {
  const { mean, std } = ex.meta.normalization;
  const [h, w, c] = ex.meta.inputShape;
  const input = tf.tensor4d(Float32Array.from(pixels, (p, i) => (p / 255 - mean[i % c]!) / std[i % c]!), [1, h, w, c]);
  const sub = tf.model({ inputs: ex.model.inputs, outputs: ex.model.getLayer(layer).output as tf.SymbolicTensor });
  const out = sub.predict(input) as tf.Tensor;
  const result = { shape: out.shape.slice(1), values: out.dataSync() as Float32Array };
  tf.dispose([input, out]);
  return result;
}

describe('explain on a saved LeNet-5', () => {
  it('gives 6 C1 maps and 16 C3 maps, with each layer named by its node', async () => {
    const e = await explainImage(ex, digits[0]!.pixels, { maps: ['C1', 'C3'] });
    expect(e.maps.map((m) => [m.layer, m.grid.count])).toEqual([['C1', 6], ['C3', 16]]);
    expect(e.layers.map((l) => [l.name, l.shape])).toEqual([
      ['C1', [28, 28, 6]], ['S2', [14, 14, 6]], ['C3', [10, 10, 16]], ['S4', [5, 5, 16]], ['Flatten', [400]], ['C5', [120]], ['F6', [84]], ['Output', [10]],
    ]);
    const c1 = lenet5().graph.nodes.find((n) => n.label === 'C1')!;
    expect(e.layers[0]!.node).toBe(c1.id);
    expect(e.output.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
  });

  it('has the values of a direct tfjs evaluation of each layer, and their per-channel mean and maximum', async () => {
    let worst = 0;
    for (const { pixels } of digits.slice(0, 5)) {
      const outputs = layerOutputs(ex, pixels);
      const e = await explainImage(ex, pixels);
      for (const layer of ['C1', 'C3']) {
        const d = direct(layer, pixels);
        const got = outputs.get(layer)!;
        expect(got.shape.slice(1)).toEqual(d.shape);
        const values = got.dataSync();
        for (let i = 0; i < values.length; i++) worst = Math.max(worst, Math.abs(values[i]! - d.values[i]!));
        const channels = d.shape.at(-1)!;
        const stats = e.layers.find((l) => l.name === layer)!;
        for (let k = 0; k < channels; k++) {
          const ch = d.values.filter((_, i) => i % channels === k);
          expect(stats.mean[k]).toBeCloseTo(ch.reduce((a, b) => a + b, 0) / ch.length, 5);
          expect(stats.max[k]).toBeCloseTo(Math.max(...ch), 5);
        }
      }
      tf.dispose([...outputs.values()]);
    }
    console.log(`C1 and C3 over 5 digits: largest difference from a direct evaluation ${worst.toExponential(2)}`);
    expect(worst).toBeLessThanOrEqual(1e-5);
  });

  it('draws each channel as a tile scaled to its own range', async () => {
    const { pixels } = digits[0]!;
    const e = await explainImage(ex, pixels, { maps: ['C3'] });
    const grid = e.maps[0]!.grid;
    expect([grid.cols, grid.rows, grid.tileWidth, grid.tileHeight]).toEqual([4, 4, 30, 30]); // 10×10 maps, enlarged 3×
    const png = await sharp(Buffer.from(grid.png.split(',')[1]!, 'base64')).greyscale().raw().toBuffer({ resolveWithObject: true });
    expect([png.info.width, png.info.height]).toEqual([grid.width, grid.height]);
    const d = direct('C3', pixels);
    for (const k of [0, 7, 15]) {
      const ch = d.values.filter((_, i) => i % 16 === k);
      const [lo, hi] = [Math.min(...ch), Math.max(...ch)];
      const [x0, y0] = [(k % 4) * (30 + grid.gap), Math.floor(k / 4) * (30 + grid.gap)];
      for (const [y, x] of [[0, 0], [4, 9], [9, 3]] as const) {
        const drawn = png.data[(y0 + y * 3 + 1) * grid.width + x0 + x * 3 + 1]!;
        expect(Math.abs(drawn - (255 * (ch[y * 10 + x]! - lo)) / (hi - lo))).toBeLessThanOrEqual(1);
      }
    }
  });

  it("draws C1's filters as 6 grey tiles and C3's as 16 rows of 6", async () => {
    const c1 = await explainImage(ex, digits[0]!.pixels, { filters: 'C1' });
    expect(c1.filters).toMatchObject({ layer: 'C1', shape: [5, 5, 1, 6], rgb: false, grid: { count: 6, rows: 6, cols: 1 } });
    const c3 = await explainImage(ex, digits[0]!.pixels, { filters: 'C3' });
    expect(c3.filters).toMatchObject({ shape: [5, 5, 6, 16], grid: { count: 96, rows: 16, cols: 6 } });
    await expect(explainImage(ex, digits[0]!.pixels, { filters: 'S2' })).rejects.toThrow('S2 is not a convolution');
    await expect(explainImage(ex, digits[0]!.pixels, { maps: ['C9'] })).rejects.toThrow('The model has no layer "C9"; its layers: C1, S2, C3');
  });

  it('differentiates the same network Grad-CAM runs layer by layer: its scores are the logits of the softmax output', () => {
    const x = tf.tensor4d(Float32Array.from(digits[1]!.pixels, (p) => (p / 255 - ex.meta.normalization.mean[0]!) / ex.meta.normalization.std[0]!), [1, 28, 28, 1]);
    const c3 = direct('C3', digits[1]!.pixels);
    const scores = scoresWith(ex.model, x, 'C3', tf.tensor4d(c3.values, [1, ...c3.shape] as [number, number, number, number]));
    const probabilities = (ex.model.predict(x) as tf.Tensor).dataSync();
    const softmax = tf.softmax(scores).dataSync();
    probabilities.forEach((p, k) => expect(softmax[k]).toBeCloseTo(p, 5));
  });

  it('places each unit over the centre of what it sees: C3 starts 4.5 pixels in, 2 apart', () => {
    expect(placementOf(ex.model, 'C1')).toEqual([{ start: 0, jump: 1 }, { start: 0, jump: 1 }]);
    expect(placementOf(ex.model, 'S2')[0]).toEqual({ start: 0.5, jump: 2 });
    expect(placementOf(ex.model, 'C3')[1]).toEqual({ start: 4.5, jump: 2 });
    expect(placementOf(ex.model, 'S4')[0]).toEqual({ start: 5.5, jump: 4 });
    // Between unit centres the map is bilinear; beyond the first and last it is held.
    const map = Float32Array.of(0, 1, 2, 3);
    expect(Array.from(placeOnInput(map, [1, 4], [{ start: 0, jump: 1 }, { start: 1, jump: 2 }], [1, 9]))).toEqual([0, 0, 0.5, 1, 1.5, 2, 2.5, 3, 3]);
  });

  it('places a subsampling shortcut (ZeroPadChannels, stride 2) on every second pixel, from the first', () => {
    const model = compileDocument(chain([['Input', { height: 8, width: 8, channels: 2 }], ['ZeroPadChannels', { channels: 4, stride: 2 }]]));
    const [name] = model.layers.slice(-1).map((l) => l.name);
    expect(placementOf(model, name!)).toEqual([{ start: 0, jump: 2 }, { start: 0, jump: 2 }]);
    model.dispose();
  });

  it('puts the Grad-CAM peak of C3 inside the digit more often than chance over 50 validation digits', async () => {
    let hits = 0;
    let chance = 0;
    const [h, w] = ex.meta.inputShape;
    for (const { pixels } of digits) {
      const e = await explainImage(ex, pixels, { gradcam: {} });
      const g = e.gradcam!;
      expect([g.layer, g.class, g.width, g.height]).toEqual(['C3', e.predicted, 224, 224]);
      const ink = [...pixels.keys()].filter((i) => pixels[i]! > 0);
      const ys = ink.map((i) => Math.floor(i / w));
      const xs = ink.map((i) => i % w);
      const box = { top: Math.min(...ys), bottom: Math.max(...ys), left: Math.min(...xs), right: Math.max(...xs) };
      chance += ((box.bottom - box.top + 1) * (box.right - box.left + 1)) / (h * w) / digits.length;
      const [py, px] = g.peak;
      if (py >= box.top && py <= box.bottom && px >= box.left && px <= box.right) hits++;
    }
    const rate = hits / digits.length;
    console.log(`Grad-CAM on C3: peak inside the digit's bounding box for ${hits} of ${digits.length} digits (${(rate * 100).toFixed(0)}%); chance ${(chance * 100).toFixed(0)}%`);
    expect(rate).toBeGreaterThan(chance);
  });

  it('explains a chosen class on a chosen layer, and refuses a class the model does not have', async () => {
    const e = await explainImage(ex, digits[2]!.pixels, { gradcam: { layer: 'C1', class: 3 } });
    expect([e.gradcam!.layer, e.gradcam!.class]).toEqual(['C1', 3]);
    expect(Math.max(...e.gradcam!.heat)).toBeLessThanOrEqual(1);
    await expect(explainImage(ex, digits[2]!.pixels, { gradcam: { class: 10 } })).rejects.toThrow('Class 10 is not one of the model\'s 10 (0…9).');
    await expect(explainImage(ex, digits[2]!.pixels, { gradcam: { layer: 'C5' } })).rejects.toThrow("Grad-CAM needs a layer with maps (height × width × channels); C5's output is [120].");
  });
});
