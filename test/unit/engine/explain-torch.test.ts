/**
 * Looking inside a LeNet-5 that the torch engine trained (one epoch, synthetic digits, the images
 * standardised): its netwright.json records train.py's mean and deviation, its model.pt is written
 * into the document compiled by tfjs, and C1's 6 maps, the class scores Grad-CAM differentiates
 * and the probabilities equal the generated PyTorch model's on the same pixels, normalised as
 * train.py normalised them. Without the document, or with a document it was not trained from, it
 * is refused in one line; a run saved before the normalisation was recorded opens for `scale`.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { TrainEvent } from '../../../shared/api';
import { pytorchModule, toPyTorch } from '../../../shared/codegen/pytorch';
import type { NetwrightDocument } from '../../../shared/graph/schema';
import { buildTemplate } from '../../../shared/templates/index';
import { pickBackend } from '../../../node/engine/backend/choose';
import { explainImage, layerOutputs, normalised, openExplainer, scoresWith, validationSamples, type Explainer } from '../../../node/engine/loop/explain';
import { startRun } from '../../../node/engine/process/runner';
import { torchTrainer } from '../../../node/engine/torch/process';
import { findTorchPythonSync } from '../../../node/engine/torch/python';
import { python } from '../codegen/python';
import { describeWhen } from '../../skip';
import { relativeError } from '../relativeError';

const hasTorch = findTorchPythonSync() !== undefined;
const dir = mkdtempSync(join(tmpdir(), 'netwright-explain-torch-'));
const saved = join(dir, 'model');

const lenet = (normalization: 'scale' | 'standardize'): NetwrightDocument => {
  const doc = buildTemplate('lenet5')!;
  return { ...doc, training: { ...doc.training, normalization } };
};
const doc = lenet('standardize');

/** The generated PyTorch model with model.pt on `pixels` (28×28×1), normalised with `mean` and `std`: C1's output (NHWC, flat) and the logits. */
async function pytorch(pixels: Uint8Array, mean: number[], std: number[]): Promise<{ c1: number[]; logits: number[] }> {
  const lines = [
    toPyTorch(doc),
    'import json',
    `model = ${pytorchModule(doc).className}()`,
    `model.load_state_dict(torch.load(${JSON.stringify(join(saved, 'model.pt'))}), strict=True)`,
    'model.eval()',
    `px = torch.tensor(${JSON.stringify(Array.from(pixels))}, dtype=torch.float32).view(1, 28, 28, 1).permute(0, 3, 1, 2)`,
    `x = (px / 255 - ${mean[0]}) / ${std[0]}`,
    'with torch.no_grad():',
    '    c1 = torch.tanh(model.c1(x)).permute(0, 2, 3, 1).flatten().tolist()',
    '    logits = model(x).flatten().tolist()',
    'print(json.dumps({"c1": c1, "logits": logits}))',
  ];
  const r = await python(['-'], { input: lines.join('\n') + '\n' });
  expect(r.code, r.err).toBe(0);
  // The generated file's own `__main__` check prints first: the answer is the last line.
  return JSON.parse(r.out.trim().split('\n').at(-1)!) as { c1: number[]; logits: number[] };
}

describeWhen(hasTorch, 'torch')('looking inside a torch run', () => {
  let ex: Explainer;
  let start: Extract<TrainEvent, { type: 'start' }>;

  beforeAll(async () => {
    expect(await pickBackend('cpu')).toBe('cpu');
    const events: TrainEvent[] = [];
    const r = startRun({ doc, options: { epochs: 1, limit: 256, dataset: 'synthetic:28:10:1' }, config: { saveTo: saved } }, (e) => events.push(e), torchTrainer());
    await r.done;
    expect(events.at(-1)!.type).toBe('done');
    start = events.find((e): e is typeof start => e.type === 'start')!;
    ex = await openExplainer(saved, doc);
  }, 300_000);
  afterAll(() => ex?.dispose());

  it("records the mean and deviation train.py standardised with, in its start event and netwright.json", () => {
    const meta = JSON.parse(readFileSync(join(saved, 'netwright.json'), 'utf8')) as { engine: string; probabilities: boolean; normalization: { mean: number[]; std: number[] } };
    expect(meta).toMatchObject({ engine: 'torch', probabilities: false, normalization: start.normalization });
    expect(meta.normalization.mean).toHaveLength(1);
    expect(meta.normalization.mean[0]).toBeGreaterThan(0);
    expect(meta.normalization.std[0]).not.toBe(1);
    // The model compiled from the document ends in its softmax: its output is probabilities.
    expect(ex.meta).toMatchObject({ normalization: meta.normalization, probabilities: true, inputShape: [28, 28, 1] });
  });

  it("gives C1's 6 maps, PyTorch's values, and PyTorch's logits as Grad-CAM's scores and its softmax as the output", async () => {
    const { pixels } = (await validationSamples(ex.meta, [0]))[0]!;
    const e = await explainImage(ex, pixels, { maps: ['C1'], gradcam: {} });
    expect(e.maps.map((m) => [m.layer, m.grid.count])).toEqual([['C1', 6]]);
    expect(e.layers[0]).toMatchObject({ name: 'C1', shape: [28, 28, 6] });
    const want = await pytorch(pixels, ex.meta.normalization.mean, ex.meta.normalization.std);
    const outs = layerOutputs(ex, pixels);
    const x = normalised(ex.meta, pixels);
    try {
      expect(relativeError(outs.get('C1')!.dataSync(), want.c1)).toBeLessThan(1e-4);
      const scores = tf.tidy(() => scoresWith(ex.model, x, 'C1', outs.get('C1')!).dataSync());
      expect(relativeError(scores, want.logits)).toBeLessThan(1e-4);
    } finally {
      x.dispose();
      tf.dispose([...outs.values()]);
    }
    const softmax = tf.tidy(() => tf.softmax(tf.tensor1d(want.logits)).dataSync());
    expect(relativeError(e.output, softmax)).toBeLessThan(1e-4);
    expect(e.predicted).toBe(want.logits.indexOf(Math.max(...want.logits)));
    expect(e.gradcam).toMatchObject({ layer: 'C3', class: e.predicted });
  }, 120_000);

  it('needs the document, and the one it was trained from', async () => {
    await expect(openExplainer(saved)).rejects.toThrow(`${saved} holds a torch run's model.pt: looking inside it needs the document it was trained from (--doc FILE|TEMPLATE).`);
    const other = buildTemplate('lenet5')!;
    const wider = { ...other, graph: { ...other.graph, nodes: other.graph.nodes.map((n) => (n.label === 'C1' ? { ...n, params: { ...n.params, filters: 8 } } : n)) } };
    await expect(openExplainer(saved, wider)).rejects.toThrow(/c1\.weight/);
  });

  it('opens a run saved before the normalisation was recorded: scale is 0…1, standardize is refused', async () => {
    const old = join(dir, 'old');
    mkdirSync(old);
    copyFileSync(join(saved, 'model.pt'), join(old, 'model.pt'));
    const { normalization: _, ...meta } = JSON.parse(readFileSync(join(saved, 'netwright.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(old, 'netwright.json'), JSON.stringify(meta));
    await expect(openExplainer(old, doc)).rejects.toThrow(`${old}/netwright.json does not say which mean and deviation train.py standardised the images with`);
    const scaled = await openExplainer(old, lenet('scale'));
    expect(scaled.meta.normalization).toEqual({ mean: [0], std: [1] });
    scaled.dispose();
  });
});
