/**
 * The exported PyTorch of the templates with a published checkpoint layout loads that layout's
 * state_dict with strict=True and computes the same logits: torchvision's ResNet-18…152, VGG16/19,
 * AlexNet and DenseNet-121, and timm's SE-ResNet-50, each built by Debian's torchvision with
 * weights (BatchNorm statistics too) from a fixed seed (test/python/pretrained_reference.py).
 * Small inputs where the network allows (its global pooling); VGG and AlexNet flatten a 224×224
 * image's maps. And for networks named by their labels, the state_dict the exported module
 * writes (a torch run's model.pt) is what Netwright reads back, strictly.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { pytorchModule, toPyTorch } from '../../../shared/codegen/pytorch';
import { buildTemplate } from '../../../shared/templates/index';
import { loadStateDict } from '../../../shared/weights/convert';
import { readPth } from '../../../shared/weights/pth';
import { cornerCases } from './fixtures';
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

describeWhen(pythonHas('torch'), 'torch')("a state_dict's names are the exported PyTorch's", () => {
  it('reads back the state_dict of the exported module of networks named by their labels (a torch run saves one)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'netwright-export-names-'));
    try {
      const docs = [buildTemplate('lenet5')!, buildTemplate('resnet20-cifar')!, buildTemplate('googlenet')!, buildTemplate('mini-vgg')!, cornerCases()];
      const lines = ['import importlib.util', 'import torch'];
      docs.forEach((doc, i) => {
        writeFileSync(join(dir, `m${i}.py`), toPyTorch(doc));
        lines.push(
          `spec = importlib.util.spec_from_file_location("m${i}", ${JSON.stringify(join(dir, `m${i}.py`))})`,
          'module = importlib.util.module_from_spec(spec)',
          'spec.loader.exec_module(module)',
          `model = module.${pytorchModule(doc).className}().eval()`,
          `model(torch.zeros(1, ${pytorchModule(doc).input.join(', ')}))  # Lazy modules take their sizes`,
          `torch.save(model.state_dict(), ${JSON.stringify(join(dir, `m${i}.pth`))})`,
        );
      });
      const run = await python(['-'], { input: lines.join('\n') + '\n' });
      expect(run.code, run.err).toBe(0);
      docs.forEach((doc, i) => {
        const tensors = readPth(new Uint8Array(readFileSync(join(dir, `m${i}.pth`))), `m${i}.pth`);
        const loaded = loadStateDict(doc, tensors);
        expect(loaded.loaded, doc.name).toBe(pytorchModule(doc).stateDictNames.size);
        expect(loaded.unused, doc.name).toEqual([]);
      });
      // LeNet-5's layers keep their labels' names, in Python's spelling.
      expect([...pytorchModule(docs[0]!).stateDictNames.values()]).toEqual(['c1', 'c3', 'c5', 'f6', 'output']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
