/**
 * The exported PyTorch of the templates with a published checkpoint layout loads that layout's
 * state_dict with strict=True and computes the same logits: torchvision's ResNet-18…152, VGG16/19,
 * AlexNet and DenseNet-121, and timm's SE-ResNet-50, each built by Debian's torchvision with
 * weights (BatchNorm statistics too) from a fixed seed (test/python/pretrained_reference.py).
 * Small inputs where the network allows (its global pooling); VGG and AlexNet flatten a 224×224
 * image's maps.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { pytorchModule, toPyTorch } from '../../../shared/codegen/pytorch';
import { buildTemplate } from '../../../shared/templates/index';
import { describeWhen } from '../../skip';
import { python, pythonHas } from './python';

const REFERENCE = join(__dirname, '..', '..', 'python', 'pretrained_reference.py');

/** template → [the reference model, the input's side]. */
const MODELS: Record<string, [string, number]> = {
  resnet18: ['resnet18', 64],
  resnet34: ['resnet34', 64],
  resnet50: ['resnet50', 64],
  resnet101: ['resnet101', 64],
  resnet152: ['resnet152', 64],
  'se-resnet50': ['se_resnet50', 64],
  vgg16: ['vgg16', 224],
  vgg19: ['vgg19', 224],
  'alexnet-tv': ['alexnet', 224],
  densenet121: ['densenet121', 64],
};

describeWhen(pythonHas('torch', 'torchvision', 'PIL'), 'torchvision')("exported PyTorch against the checkpoint's own model", () => {
  const dir = mkdtempSync(join(tmpdir(), 'netwright-export-tv-'));
  const errors: Record<string, number> = {};
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    console.log(`max relative logit error: ${JSON.stringify(errors)}`);
  });

  for (const [template, [name, size]] of Object.entries(MODELS)) {
    it(`${template} loads ${name}'s state_dict with strict=True and gives its logits (${size}×${size})`, async () => {
      const doc = buildTemplate(template)!;
      const file = join(dir, `${template}.py`);
      writeFileSync(file, toPyTorch(doc));
      const run = await python([REFERENCE, 'exported', file, pytorchModule(doc).className, name, String(size)]);
      expect(run.code, run.err).toBe(0);
      const { ours, theirs } = JSON.parse(run.out) as { ours: number[]; theirs: number[] };
      expect(ours).toHaveLength(1000);
      const error = Math.max(...ours.map((v, i) => Math.abs(v - theirs[i]!))) / Math.max(...theirs.map(Math.abs));
      errors[template] = error;
      expect(error).toBeLessThan(1e-4);
    }, 300_000);
  }
});
