/**
 * Looking inside a document with a weights file: ResNet-18 with a state_dict that torchvision
 * initialises from a fixed seed (test/python/pretrained_reference.py), on its fixed 224×224
 * image. `netwright explain resnet18 --weights FILE --image IMG` (run in-process) gives PyTorch's
 * prediction and the softmax of its logits, and Grad-CAM differentiates exactly those logits; the
 * API's `explain` does the same from the safetensors file's bytes, in a trainer process.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ReplyOf } from '../../../shared/api';
import { buildTemplate } from '../../../shared/templates/index';
import { explainCommand } from '../../../node/cli/explain';
import { imagePixels, lastConvolution, layerOutputs, normalised, openWeightsExplainer, scoresWith } from '../../../node/engine/loop/explain';
import { describeWhen } from '../../skip';
import { relativeError } from '../relativeError';
import { serviceWithTrainer } from './serviceRun';

const PYTHON = process.env.NETWRIGHT_PYTHON ?? '/usr/bin/python3';
const REFERENCE = join(__dirname, '..', '..', 'python', 'pretrained_reference.py');
const hasTorchvision = spawnSync(PYTHON, ['-c', 'import torchvision, PIL'], { stdio: 'ignore' }).status === 0;

const dir = mkdtempSync(join(tmpdir(), 'netwright-explain-weights-'));
const [pth, safetensors, image] = ['resnet18.pth', 'resnet18.safetensors', 'image.png'].map((f) => join(dir, f)) as [string, string, string];
let logits: number[] = [];

const softmax = (v: number[]) => tf.tidy(() => Array.from(tf.softmax(tf.tensor1d(v)).dataSync()));
const argmax = (v: number[]) => v.indexOf(Math.max(...v));

describeWhen(hasTorchvision, 'torchvision')('looking inside ResNet-18 with a torchvision state_dict', () => {
  const service = serviceWithTrainer('explain-weights');

  beforeAll(() => {
    const r = spawnSync(PYTHON, [REFERENCE, 'make', dir, 'resnet18'], { encoding: 'utf8', timeout: 600_000 });
    expect(r.status, r.stderr).toBe(0);
    logits = (JSON.parse(readFileSync(join(dir, 'resnet18.json'), 'utf8')) as { logits: number[] }).logits;
  }, 600_000);
  afterAll(() => {
    service.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it("netwright explain resnet18 --weights FILE: PyTorch's prediction and probabilities, conv1's 64 maps, Grad-CAM for the predicted class", async () => {
    let text = '';
    const out = { write: (s: string) => ((text += s), true) } as unknown as NodeJS.WriteStream;
    const code = await explainCommand(['resnet18'], { weights: pth, image, gradcam: true, backend: 'wasm', json: true }, out);
    expect(code).toBe(0);
    const j = JSON.parse(text) as { weights: string; predicted: number; className: string; output: number[]; layers: { name: string; shape: number[] }[]; gradcam: { layer: string; class: number } };
    expect(j.weights).toBe(pth);
    expect(j.predicted).toBe(argmax(logits));
    expect(relativeError(j.output, softmax(logits))).toBeLessThan(1e-4);
    expect(j.layers.find((l) => l.name === 'conv1')?.shape).toEqual([112, 112, 64]);
    expect(j.gradcam).toMatchObject({ layer: 'layer4_1_conv2', class: argmax(logits) });
  }, 300_000);

  it("Grad-CAM's class scores are PyTorch's logits; a folder is not a weights file", async () => {
    await expect(openWeightsExplainer(buildTemplate('resnet18')!, dir)).rejects.toThrow(`${dir} is a folder: a saved model is looked inside as \`netwright explain ${dir} --doc FILE|TEMPLATE\`.`);
    const ex = await openWeightsExplainer(buildTemplate('resnet18')!, pth);
    try {
      const pixels = await imagePixels(ex, image);
      const at = lastConvolution(ex);
      const outs = layerOutputs(ex, pixels);
      const x = normalised(ex.meta, pixels);
      try {
        const scores = tf.tidy(() => Array.from(scoresWith(ex.model, x, at, outs.get(at)!).dataSync()));
        expect(relativeError(scores, logits)).toBeLessThan(1e-4);
      } finally {
        x.dispose();
        tf.dispose([...outs.values()]);
      }
    } finally {
      ex.dispose();
    }
  }, 300_000);

  it("the API's explain, with the safetensors file sent as bytes", async () => {
    await service.buildTrainer();
    const request = { doc: buildTemplate('resnet18')!, weights: { name: 'resnet18.safetensors', base64: readFileSync(safetensors).toString('base64') }, image: { base64: readFileSync(image).toString('base64') }, maps: ['conv1'] };
    const r = await service.call<ReplyOf<'explain'>>('explain', request);
    expect(r).toMatchObject({ weights: 'resnet18.safetensors', predicted: argmax(logits) });
    expect(r.classNames).toHaveLength(1000);
    expect(relativeError(r.output, softmax(logits))).toBeLessThan(1e-4);
    expect(r.maps.map((m) => [m.layer, m.grid.count])).toEqual([['conv1', 64]]);
    // The 224×224 crop the network saw, as the thumbnail every explanation carries.
    expect(r.input).toMatchObject({ width: 64, height: 64 });
  }, 300_000);
});
