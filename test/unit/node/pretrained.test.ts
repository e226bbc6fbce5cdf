/**
 * Pretrained weights without Python, checked against PyTorch (Debian's torch and torchvision):
 * for every template with a PyTorch checkpoint layout, `netwright predict --json` with weights
 * that torchvision initialises from a fixed seed gives PyTorch's logits within 1e-4 (relative to
 * the largest), from the `.pth` and from the safetensors file; a tfjs-trained run exported with
 * `export-weights` loads into PyTorch with strict=True and gives the same outputs. Needs
 * `npm run build`. One model's files are made, checked and deleted at a time (VGG19's are 1.1 GB).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { saveDocument } from '../../../shared/graph/load';
import { IMAGENET_CLASSES } from '../../../shared/imagenet';
import { buildTemplate } from '../../../shared/templates/index';
import { readPth, writePth } from '../../../shared/weights/pth';
import { describeWhen } from '../../skip';

const PYTHON = process.env.NETWRIGHT_PYTHON ?? '/usr/bin/python3';
const REFERENCE = join(__dirname, '..', '..', 'python', 'pretrained_reference.py');
const bin = join(__dirname, '..', '..', '..', 'bin', 'netwright.js');
const hasTorchvision = spawnSync(PYTHON, ['-c', 'import torchvision, PIL'], { stdio: 'ignore' }).status === 0;

/** Each template and the PyTorch model with its checkpoint layout (test/python/pretrained_reference.py). */
const MODELS = {
  resnet18: 'resnet18',
  resnet34: 'resnet34',
  resnet50: 'resnet50',
  resnet101: 'resnet101',
  resnet152: 'resnet152',
  'se-resnet50': 'se_resnet50',
  vgg16: 'vgg16',
  vgg19: 'vgg19',
  'alexnet-tv': 'alexnet',
  densenet121: 'densenet121',
} as const;

const run = (command: string, args: string[]) => {
  const r = spawnSync(command, args, { encoding: 'utf8', timeout: 600_000, maxBuffer: 64 * 2 ** 20 });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const netwright = (...args: string[]) => run('node', [bin, ...args]);
const python = (...args: string[]) => {
  const r = run(PYTHON, [REFERENCE, ...args]);
  expect(r.code, r.err).toBe(0);
  return r.out;
};

/** The largest difference over the largest reference logit. */
const relativeError = (got: number[], want: number[]) => {
  expect(got).toHaveLength(want.length);
  return Math.max(...got.map((g, i) => Math.abs(g - want[i]!))) / Math.max(...want.map(Math.abs));
};

interface Predicted {
  logits: number[] | null;
  top: { index: number; name: string; probability: number }[];
  skipped: string[];
  unused: string[];
  preprocessing: string;
}
const predict = (...args: string[]) => {
  const r = netwright('predict', ...args, '--json');
  expect(r.code, r.err).toBe(0);
  return JSON.parse(r.out) as Predicted;
};

describeWhen(hasTorchvision, 'torchvision')('pretrained weights against PyTorch', () => {
  const dir = mkdtempSync(join(tmpdir(), 'netwright-pretrained-'));
  const image = join(dir, 'image.png');
  const errors: Record<string, number> = {};
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    console.log(`max relative logit error: ${JSON.stringify(errors)}`);
  });

  it.each(Object.entries(MODELS))('%s: the logits of PyTorch\'s %s, from .pth and from safetensors', (template, name) => {
    python('make', dir, name);
    const want = (JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8')) as { logits: number[] }).logits;
    try {
      for (const ext of ['pth', 'safetensors']) {
        const got = predict(template, '--weights', join(dir, `${name}.${ext}`), '--image', image);
        const error = relativeError(got.logits!, want);
        errors[`${template}.${ext}`] = error;
        expect(error).toBeLessThan(1e-4);
        const order = want.map((v, i) => [v, i] as const).sort((a, b) => b[0] - a[0]);
        expect(got.top.map((t) => t.index)).toEqual(order.slice(0, 5).map(([, i]) => i));
        expect(got.top[0]!.name).toBe(IMAGENET_CLASSES[order[0]![1]]);
        expect(got.preprocessing).toBe("224×224, already the input's size: normalised with ImageNet's mean and std");
      }
    } finally {
      for (const ext of ['pth', 'safetensors']) rmSync(join(dir, `${name}.${ext}`), { force: true });
    }
  });

  it('refuses a state_dict that misses a tensor or has one of another shape, naming it; --partial loads the rest and lists them', () => {
    python('make', dir, 'resnet18');
    const tensors = readPth(new Uint8Array(readFileSync(join(dir, 'resnet18.pth'))), 'resnet18.pth');
    tensors.delete('fc.bias');
    tensors.set('layer1.0.conv1.weight', { ...tensors.get('layer1.0.conv1.weight')!, shape: [64, 64, 9, 1] });
    tensors.set('head.weight', { dtype: 'F32', shape: [2], data: new Float32Array(2) });
    const broken = join(dir, 'broken.pth');
    writeFileSync(broken, writePth(tensors));
    const strict = netwright('predict', 'resnet18', '--weights', broken, '--image', image);
    expect(strict.code).toBe(1);
    expect(strict.err).toContain('layer1.0.conv1.weight: the file has (64, 64, 9, 1), the layer "layer1.0/conv1" needs (64, 64, 3, 3).');
    const partial = predict('resnet18', '--weights', broken, '--image', image, '--partial');
    expect(partial.skipped).toEqual([
      'layer1.0.conv1.weight: the file has (64, 64, 9, 1), the layer "layer1.0/conv1" needs (64, 64, 3, 3)',
      'fc.bias: missing from the file (the layer "fc" needs (1000))',
    ]);
    expect(partial.unused).toEqual(['head.weight']);
    const text = netwright('predict', 'resnet18', '--weights', broken, '--image', image, '--partial');
    expect(text.out).toContain('--partial left out 3 tensors:\n  layer1.0.conv1.weight: the file has (64, 64, 9, 1)');
  });

  it('writes a tfjs-trained run as a state_dict that PyTorch loads with strict=True and that gives the same outputs', () => {
    const doc = buildTemplate('resnet18')!;
    const fc = doc.graph.nodes.find((n) => n.label === 'fc')!;
    fc.params = { ...fc.params, units: 2 };
    const docFile = join(dir, 'resnet18-2.netwright.json');
    writeFileSync(docFile, saveDocument(doc));
    // A folder of two classes with three photos each: one step of training and a short validation.
    const photos = join(dir, 'photos');
    for (const c of ['a', 'b']) {
      mkdirSync(join(photos, c), { recursive: true });
      for (let i = 0; i < 3; i++) copyFileSync(image, join(photos, c, `${i}.png`));
    }
    const saved = join(dir, 'trained');
    const trained = netwright('train', docFile, '--dataset', photos, '--epochs', '1', '--batch', '4', '--save', saved);
    expect(trained.code, trained.err).toBe(0);
    const exported = join(dir, 'trained.pth');
    const written = netwright('export-weights', saved, '--doc', docFile, '-o', exported);
    expect(written.code, written.err).toBe(0);
    expect(written.out).toMatch(/trained\.pth: 122 tensors of ResNet-18/);
    const torch = (JSON.parse(python('check', exported, 'resnet18', '2')) as { logits: number[] }).logits;
    expect(relativeError(predict(docFile, '--weights', exported, '--image', image).logits!, torch)).toBeLessThan(1e-4);
    // The trained model itself (softmax out) gives PyTorch's probabilities.
    const probabilities = predict(docFile, '--weights', saved, '--image', image, '--top', '2').top.sort((a, b) => a.index - b.index).map((t) => t.probability);
    const e = torch.map((v) => Math.exp(v - Math.max(...torch)));
    expect(relativeError(probabilities, e.map((v) => v / e.reduce((a, b) => a + b, 0)))).toBeLessThan(1e-4);
  });
});
