/**
 * The PyTorch generator: what the code says (checked as text), and what it builds (every
 * template run by Debian's python3-torch in one process: parameters and output shape equal the
 * shape engine's; the templates torchvision also has use its Conv2d and Linear layers in its order).
 */
import * as tf from '@tensorflow/tfjs';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { pickBackend } from '../../../node/engine/backend/choose';
import { compileDocument } from '../../../node/engine/model/compile';
import { ExportError } from '../../../shared/codegen/plan';
import { planGraph } from '../../../shared/codegen/plan';
import { toPyTorch } from '../../../shared/codegen/pytorch';
import { torchEmitters } from '../../../shared/codegen/pytorch-layers';
import { emptyDocument, type NetwrightDocument } from '../../../shared/graph/schema';
import { inferGraph } from '../../../shared/infer';
import { layerKinds } from '../../../shared/layers/registry';
import { buildTemplate, templates } from '../../../shared/templates/index';
import { caseGraph } from '../engine/kindCases';
import { cornerCases } from './fixtures';
import { PYTHON, python, pythonHas } from './python';
import { describeWhen, itWhen } from '../../skip';

const TORCHVISION: Record<string, string> = {
  'alexnet-tv': 'alexnet',
  vgg16: 'vgg16',
  vgg19: 'vgg19',
  resnet18: 'resnet18',
  resnet34: 'resnet34',
  resnet50: 'resnet50',
  resnet101: 'resnet101',
  resnet152: 'resnet152',
  densenet121: 'densenet121',
};
/** Small enough to run on real tensors, as `python3 model.py` would. */
const RUN = new Set(['lenet5', 'mini-vgg', 'mini-googlenet', 'resnet20-cifar', 'corner-cases']);

const hasTorch = pythonHas('torch');
const hasTorchvision = hasTorch && pythonHas('torchvision');
if (!hasTorch) console.warn(`Skipping the PyTorch runs of generated code: ${PYTHON} cannot import torch (apt-get install python3-torch).`);
else if (!hasTorchvision) console.warn(`Skipping the comparison of generated PyTorch with torchvision: ${PYTHON} cannot import torchvision (apt-get install python3-torchvision).`);

const docs: [string, NetwrightDocument][] = [...templates.map((t) => [t.id, t.build()] as [string, NetwrightDocument]), ['corner-cases', cornerCases()]];
const className = (code: string) => [...code.matchAll(/^class (\w+)\(nn\.Module\):/gm)].at(-1)![1]!;

/** The engine's output shapes, channels first with a batch of 2: [H, W, C] → [2, C, H, W]. */
function expectedOutputs(doc: NetwrightDocument): number[][] {
  const inf = inferGraph(doc.graph, doc.blocks);
  return planGraph(doc.graph).outputs.map((id) => {
    const s = inf.nodes[id]!.shape!;
    return s.length === 3 ? [2, s[2]!, s[0]!, s[1]!] : [2, ...s];
  });
}

describe('PyTorch code', () => {
  it('writes LeNet-5 as torchvision writes its models: layers named after the labels, channels first', () => {
    const code = toPyTorch(buildTemplate('lenet5')!);
    expect(code).toContain('import torch\nfrom torch import nn\n\n\nclass LeNet5(nn.Module):');
    expect(code).toContain(
      [
        '        self.c1 = nn.Conv2d(1, 6, kernel_size=5, padding=2)',
        '        self.tanh = nn.Tanh()',
        '        self.s2 = nn.AvgPool2d(kernel_size=2, stride=2)',
        '        self.c3 = nn.Conv2d(6, 16, kernel_size=5)',
        '        self.s4 = nn.AvgPool2d(kernel_size=2, stride=2)',
        '        self.c5 = nn.Linear(400, 120)',
      ].join('\n'),
    );
    expect(code).toContain('        x = self.tanh(self.c1(x))\n        x = self.s2(x)\n');
    // The softmax is left out: forward() returns logits, as torchvision's models do, and the header says so.
    expect(code).toContain('        x = self.output(x)  # logits: the softmax is left out, as torchvision does (CrossEntropyLoss applies it)\n        return x\n');
    expect(code).not.toContain('Softmax');
    expect(code).toContain("The network ends in a softmax, which forward() leaves out, as torchvision's models do: it\nreturns logits.");
    expect(code).toContain('        y = model(torch.zeros(2, 1, 28, 28))\n');
    expect(code).toContain('print(f"parameters: {sum(p.numel() for p in model.parameters())}")');
  });

  it('writes one class per block: its parameters with their defaults after in_channels, expressions in Python', () => {
    const googlenet = toPyTorch(buildTemplate('googlenet')!);
    expect(googlenet.match(/^class \w+/gm)).toEqual(['class Inception', 'class GoogLeNet']);
    expect(googlenet).toContain('        in_channels,\n        n1x1=64,\n        n3x3red=96,\n        n3x3=128,\n        n5x5red=16,\n        n5x5=32,\n        pool_proj=32,\n    ):');
    expect(googlenet).toContain('        self.conv_3x3 = nn.Conv2d(n3x3red, n3x3, kernel_size=3, padding=1)');
    expect(googlenet).toContain('        x = torch.cat([branch1, branch2, branch3, branch4], 1)');
    // The pool projection sees the block's input: in_channels, whatever the instance.
    expect(googlenet).toContain('        self.pool_proj = nn.Conv2d(in_channels, pool_proj, kernel_size=1)');

    const resnet = toPyTorch(buildTemplate('resnet50')!);
    expect(resnet.match(/^class \w+/gm)).toEqual(['class BottleneckProjection', 'class Bottleneck', 'class ResNet50']);
    expect(resnet).toContain('    def __init__(self, in_channels, width=64, stride=1):');
    expect(resnet).toContain('        self.conv3 = nn.Conv2d(width, width * 4, kernel_size=1, bias=False)');
    expect(resnet).toContain('        out = out + identity\n        out = self.relu(out)\n        return out');
    // torchvision's module names: a stage is an nn.Sequential of blocks, the projection its `downsample`.
    expect(resnet).toContain('        self.layer2 = nn.Sequential(\n            BottleneckProjection(256, width=128, stride=2),\n            Bottleneck(512, width=128),\n');
    expect(resnet).toContain('        x = self.layer1(x)\n        x = self.layer2(x)\n');
    expect(resnet).toContain('        self.downsample = nn.Sequential(\n            nn.Conv2d(in_channels, width * 4, kernel_size=1, stride=stride, bias=False),\n            nn.BatchNorm2d(width * 4),\n        )');
    expect(resnet).toContain('        identity = self.downsample(x)\n');

    // timm's seresnet50 keeps the squeeze-excitation's fc1 and fc2 as 1×1 convolutions.
    const se = toPyTorch(buildTemplate('se-resnet50')!);
    expect(se).toContain('        self.fc1 = nn.Conv2d(in_channels, channels // ratio, kernel_size=1)');
    expect(se).toContain("Modules are named as in timm's seresnet50");
    expect(se).toContain('        self.se = SqueezeExcitation(width * 4, channels=width * 4, ratio=16)');
    expect(se).toContain('        gate = gate.view(gate.size(0), -1, 1, 1)\n        x = x * gate');

    // Channels are followed through nested blocks: layer 6 of a dense block sees 5 growths more.
    const densenet = toPyTorch(buildTemplate('densenet121')!);
    expect(densenet).toContain('        self.denselayer6 = DenseLayer(in_channels + growth * 5, growth=growth)');
    expect(densenet).toContain('        self.norm1 = nn.BatchNorm2d(in_channels)');
    // torchvision's `features` has named members: an nn.ModuleDict.
    expect(densenet).toContain('        self.features = nn.ModuleDict()\n        self.features.conv0 = nn.Conv2d(3, 64, kernel_size=7, stride=2, padding=3, bias=False)\n');
    expect(densenet).toContain('        x = self.features.denseblock1(x)\n');

    // VGG's numbered nn.Sequential: a fused ReLU is a module of its own.
    const vgg = toPyTorch(buildTemplate('vgg16')!);
    expect(vgg).toContain('        self.features = nn.Sequential(\n            nn.Conv2d(3, 64, kernel_size=3, padding=1),\n            nn.ReLU(),\n');
    expect(vgg).toContain('        x = self.features(x)\n        x = torch.flatten(x, 1)');
    // Other networks keep the names their labels give.
    expect(googlenet).not.toContain('nn.Sequential');
  });

  it('spells out what PyTorch says differently: "same" at a stride, wide pool padding, ceil mode, Lazy modules', () => {
    const code = toPyTorch(cornerCases());
    const lines = [
      // TensorFlow's "same" on 20 pixels at stride 2 pads one pixel, bottom and right.
      '        self.conv_pad = nn.ZeroPad2d((0, 1, 0, 1))',
      '        self.conv = nn.Conv2d(3, 8, kernel_size=3, stride=2)',
      // Keras's momentum 0.99 is PyTorch's 0.01.
      '        self.bn = nn.BatchNorm2d(8, eps=0.001, momentum=0.01)',
      '        self.conv_2_pad = nn.ZeroPad2d((1, 0, 0, 1))',
      '        self.conv_2 = nn.Conv2d(8, 8, kernel_size=(3, 2), groups=2)',
      '        self.leaky_relu = nn.LeakyReLU(0.1)',
      '        self.lrn = nn.LocalResponseNorm(3, alpha=0.001, beta=0.75, k=1.0)',
      // PyTorch's pools take at most half the window as padding.
      '        self.wide_pool_pad = nn.ConstantPad2d(2, float("-inf"))',
      '        self.avg_same = nn.AvgPool2d(kernel_size=3, stride=1, padding=1, count_include_pad=False)',
      '        self.train_pad = nn.ConstantPad2d((1, 1, 0, 1), float("-inf"))',
      '        self.train_ = nn.MaxPool2d(kernel_size=3, stride=2)',
      '        self.ceil_pool = nn.MaxPool2d(kernel_size=3, stride=2, ceil_mode=True)',
      // Depthwise: one group per channel; ReLU6; upsampling, bilinear at pixel centres as the engine.
      '        self.depthwise = nn.Conv2d(8, 8, kernel_size=3, padding=1, groups=8, bias=False)',
      '        self.relu6 = nn.ReLU6()',
      '        self.up = nn.Upsample(scale_factor=2, mode="bilinear", align_corners=False)',
      '        self.up_nearest = nn.Upsample(scale_factor=(2, 3), mode="nearest")',
      // Option A's shortcut: a helper class, its output's channels followed (the block's second input has 6).
      '        self.zero_channels = ZeroPadChannels(6, stride=1)',
      '        self.mix = TwoWay(8, 6, width=6)',
      // A vector gate of C multiplies an image channel by channel.
      '        x = x * gate.view(gate.size(0), -1, 1, 1)',
      '        self.hidden = nn.LazyLinear(hidden)  # Lazy: its input size is known at the first forward pass',
      '        self.norm = nn.BatchNorm1d(hidden, eps=0.001, momentum=0.01)',
      // "same" at a stride that is a block parameter: worked out per input.
      '        self.left_pad = SamePad2d(3, stride, 1)',
      '    def __init__(self, in_channels_1, in_channels_2, width=8, stride=2):',
      '    def forward(self, x1, x2):',
      '        return side_out, x',
    ];
    for (const line of lines) expect(code).toContain(`${line}\n`);
    expect(code).toContain('import math\n\nimport torch\nimport torch.nn.functional as F\nfrom torch import nn\n');
  });

  it('is deterministic and names every layer once, as a Python identifier', () => {
    for (const [, doc] of docs) {
      const code = toPyTorch(doc);
      expect(toPyTorch(doc)).toBe(code);
      expect(code).not.toMatch(/[ \t]$/m);
      for (const block of code.split(/^class /m).slice(1)) {
        const attrs = [...block.matchAll(/^ {8}self\.(\w+) = /gm)].map((m) => m[1]!);
        expect(new Set(attrs).size).toBe(attrs.length);
      }
    }
  });

  it('has a row for every layer kind', () => {
    expect(Object.keys(torchEmitters).sort()).toEqual([...layerKinds].sort());
  });

  it('refuses a graph with errors, naming the layer', () => {
    const doc = buildTemplate('lenet5')!;
    doc.graph.nodes[1]!.params.kernel = 50;
    expect(() => toPyTorch(doc)).toThrow(ExportError);
    expect(() => toPyTorch(doc)).toThrow(/^The network has 1 error; fix it before exporting:\n- C1: output = \(28 \+ 2·2 − 50\)/);
  });
});

describeWhen(hasTorch, 'torch')('PyTorch code runs', () => {
  let report: Record<string, { error?: string; main?: string; params: number; outputs: number[][]; layers: unknown[][]; torchvision?: { params: number; layers: unknown[][] } }> = {};
  let stderr = '';

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'netwright-pytorch-'));
    const models = docs.map(([id, doc]) => {
      const code = toPyTorch(doc);
      const path = join(dir, `${id.replace(/-/g, '_')}.py`);
      writeFileSync(path, code);
      const [h, w, c] = inferGraph(doc.graph, doc.blocks).nodes[doc.graph.nodes.find((n) => n.kind === 'Input')!.id]!.shape!;
      return { id, path, cls: className(code), input: [c, h, w], run: RUN.has(id), torchvision: hasTorchvision ? (TORCHVISION[id] ?? null) : null };
    });
    const run = await python([join(__dirname, 'pytorch_check.py')], { input: JSON.stringify({ models }) });
    stderr = run.err;
    report = JSON.parse(run.out || '{}');
  }, 300_000);

  it.each(docs.map(([id, doc]) => [id, doc] as const))("%s: the shape engine's parameters and output shape", (id, doc) => {
    const result = report[id];
    expect(result, stderr).toBeDefined();
    expect(result!.error).toBeUndefined();
    expect(result!.params).toBe(inferGraph(doc.graph, doc.blocks).totals.params);
    expect(result!.outputs).toEqual(expectedOutputs(doc));
  });

  it.each([...RUN])('%s runs as a script on real tensors, printing its parameters and output shape', (id) => {
    const doc = docs.find(([d]) => d === id)![1];
    const outputs = expectedOutputs(doc).map((s) => `(${s.join(', ')})`);
    const shapes = outputs.length === 1 ? `output shape: ${outputs[0]}` : `output shapes: [${outputs.join(', ')}]`;
    expect(report[id]?.main).toBe(`parameters: ${inferGraph(doc.graph, doc.blocks).totals.params}\n${shapes}\n`);
  });

  itWhen(hasTorchvision || !hasTorch, 'torchvision').each(Object.entries(TORCHVISION))("%s runs the Conv2d and Linear layers of torchvision's %s, in its order", (id) => {
    const result = report[id]!;
    expect(result.torchvision, result.error ?? stderr).toBeDefined();
    expect(result.layers.length).toBeGreaterThan(0);
    expect(result.layers).toEqual(result.torchvision!.layers);
    expect(result.params).toBe(result.torchvision!.params);
  });
});

describeWhen(hasTorch, 'torch')('UpSampling2D in PyTorch', () => {
  it.each(['nearest', 'bilinear'] as const)("%s: the engine computes what the exported nn.Upsample computes", async (interpolation) => {
    await pickBackend('cpu');
    const [n, h, w, c] = [2, 5, 4, 3];
    const x = Array.from({ length: n * h * w * c }, (_, i) => Math.round(Math.sin(i * 1.3) * 3000) / 1000);
    const model = compileDocument({ ...emptyDocument(), graph: caseGraph([h, w, c], 'UpSampling2D', { size: [2, 3], interpolation }).graph });
    const engine = tf.tidy(() => Array.from((model.predict(tf.tensor4d(x, [n, h, w, c])) as tf.Tensor).dataSync()));
    model.dispose();
    const mode = interpolation === 'bilinear' ? 'mode="bilinear", align_corners=False' : 'mode="nearest"';
    const script = [
      'import json, sys, torch',
      `x = torch.tensor(json.load(sys.stdin)).reshape(${n}, ${h}, ${w}, ${c}).permute(0, 3, 1, 2)`,
      `y = torch.nn.Upsample(scale_factor=(2, 3), ${mode})(x)`,
      'print(json.dumps(y.permute(0, 2, 3, 1).reshape(-1).tolist()))',
    ].join('\n');
    const run = await python(['-c', script], { input: JSON.stringify(x) });
    expect(run.err).toBe('');
    const torch: number[] = JSON.parse(run.out);
    expect(torch).toHaveLength(engine.length);
    expect(Math.max(...torch.map((v, i) => Math.abs(v - engine[i]!)))).toBeLessThan(1e-5);
  });
});
