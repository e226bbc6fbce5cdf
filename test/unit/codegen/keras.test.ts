/**
 * The Keras generator. TensorFlow cannot be installed here, so every template's module is
 * compiled (`python3 -m py_compile`) and run against a recording stand-in for Keras
 * (keras_check.py): each node of the expanded graph must become its Keras layer, with Keras's
 * argument names and a unique layer name.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { expandDocument } from '../../../shared/blocks/expand';
import { kerasEmitters } from '../../../shared/codegen/keras-layers';
import { toKeras } from '../../../shared/codegen/keras';
import type { NetwrightDocument } from '../../../shared/graph/schema';
import { inferGraph } from '../../../shared/infer';
import { layerKinds } from '../../../shared/layers/registry';
import { buildTemplate, templates } from '../../../shared/templates/index';
import { cornerCases } from './fixtures';
import { PYTHON, python, pythonHas } from './python';
import { describeWhen } from '../../skip';

const hasPython = pythonHas();
if (!hasPython) console.warn(`Skipping the Python checks of generated Keras code: ${PYTHON} does not run.`);

const docs: [string, NetwrightDocument][] = [...templates.map((t) => [t.id, t.build()] as [string, NetwrightDocument]), ['corner-cases', cornerCases()]];

/** The Keras layer each kind becomes (one per node; padding layers come on top). */
const KERAS: Record<string, string> = {
  Conv2D: 'Conv2D',
  MaxPool2D: 'MaxPooling2D',
  AvgPool2D: 'AveragePooling2D',
  GlobalAvgPool2D: 'GlobalAveragePooling2D',
  GlobalMaxPool2D: 'GlobalMaxPooling2D',
  BatchNorm: 'BatchNormalization',
  LRN: 'LocalResponseNorm',
  Dropout: 'Dropout',
  Flatten: 'Flatten',
  Reshape: 'Reshape',
  UpSampling2D: 'UpSampling2D',
  ZeroPadChannels: 'ZeroPadChannels',
  Dense: 'Dense',
  Add: 'Add',
  Concatenate: 'Concatenate',
  Multiply: 'Multiply',
};

/** The Keras layer a node becomes: a convolution in as many groups (> 1) as input channels is a DepthwiseConv2D. */
function kerasLayer(doc: NetwrightDocument, id: string): string | undefined {
  const node = doc.graph.nodes.find((n) => n.id === id)!;
  if (node.kind !== 'Conv2D') return KERAS[node.kind];
  const inf = inferGraph(doc.graph);
  const source = doc.graph.edges.find((e) => e.target === id)!.source;
  const groups = inf.nodes[id]!.params!.groups;
  return groups !== 1 && groups === inf.nodes[source]!.shape![2] ? 'DepthwiseConv2D' : 'Conv2D';
}

const count = <T>(items: T[]) => items.reduce((m, x) => m.set(x, (m.get(x) ?? 0) + 1), new Map<T, number>());

describe('Keras code', () => {
  it('keeps the softmax the PyTorch export leaves out, and says so', () => {
    const code = toKeras(buildTemplate('lenet5')!);
    expect(code).toContain('activation="softmax"');
    expect(code).toContain('The model ends in its softmax, as Keras models do: it outputs probabilities');
    expect(toKeras(buildTemplate('alexnet-tv')!)).not.toContain('The model ends in its softmax');
  });

  it('writes a function per block, its parameters with their defaults and a name', () => {
    const code = toKeras(buildTemplate('googlenet')!);
    expect(code.match(/^def \w+/gm)).toEqual(['def _name', 'def inception', 'def build_model']);
    expect(code).toContain('def inception(x, n1x1=64, n3x3red=96, n3x3=128, n5x5red=16, n5x5=32, pool_proj=32, name=None):');
    expect(code).toContain('    branch2 = layers.Conv2D(n3x3, 3, padding="same", activation="relu", name=_name(name, "conv_3x3"))(branch2)');
    expect(code).toContain('    x = layers.Concatenate(name=_name(name, "concat"))([branch1, branch2, branch3, branch4])');
    expect(code).toContain('    x = inception(\n        x,\n        n1x1=64,\n        n3x3red=96,\n        n3x3=128,\n        n5x5red=16,\n        n5x5=32,\n        pool_proj=32,\n        name="inception_3a",\n    )\n');
    expect(code).toContain('class LocalResponseNorm(layers.Layer):');
    expect(code).toContain('    return keras.Model(inputs, x, name="googlenet")');

    const se = toKeras(buildTemplate('se-resnet50')!);
    expect(se).toContain('    gate = layers.Dense(channels // ratio, activation="relu", name=_name(name, "fc1"))(gate)');
    expect(se).toContain('    out = squeeze_excitation(out, channels=width * 4, ratio=16, name=_name(name, "se"))');
  });

  it("keeps Netwright's grouped convolutions, ceil mode and explicit padding", () => {
    const alexnet = toKeras(buildTemplate('alexnet')!);
    expect(alexnet).toContain('    x = layers.Conv2D(256, 5, padding="same", groups=2, activation="relu", name="conv2")(x)');
    expect(alexnet).toContain('    x = LocalResponseNorm(size=5, alpha=0.0001, beta=0.75, k=2.0, name="norm1")(x)');
    const googlenet = toKeras(buildTemplate('googlenet')!);
    // Ceil mode from 112 to 56 adds a pixel at the bottom and right: TensorFlow's "same" there.
    expect(googlenet).toContain('    x = layers.MaxPooling2D(3, strides=2, padding="same", name="pool1")(x)');
    const resnet = toKeras(buildTemplate('resnet18')!);
    expect(resnet).toContain('    x = layers.ZeroPadding2D(3, name="conv1_pad")(inputs)\n    x = layers.Conv2D(64, 7, strides=2, use_bias=False, name="conv1")(x)');
    // One pixel on every side at stride 2 is not "same" (which would pad the bottom and right only).
    expect(resnet).toContain('    x = layers.ZeroPadding2D(1, name="maxpool_pad")(x)\n    x = layers.MaxPooling2D(3, strides=2, name="maxpool")(x)');
    const corner = toKeras(cornerCases());
    expect(corner).toContain(' = layers.ZeroPadding2D(((0, 1), (1, 0)), name="conv_2_pad")(');
    expect(corner).toContain(' = layers.Conv2D(8, (3, 2), groups=2, name="conv_2")(');
    expect(corner).toContain(' = layers.ReLU(negative_slope=0.1, name="leaky")(');
    // One group per input channel is Keras's DepthwiseConv2D (its grouped Conv2D does not run on TensorFlow's CPU).
    expect(corner).toContain(' = layers.DepthwiseConv2D(3, padding="same", use_bias=False, name="depthwise")(');
    expect(corner).toContain(' = layers.ReLU(max_value=6.0, name="relu6")(');
    expect(corner).toContain(' = layers.UpSampling2D(2, interpolation="bilinear", name="up")(');
    expect(corner).toContain(' = layers.UpSampling2D((2, 3), name="up_nearest")(');
    expect(corner).toContain(' = ZeroPadChannels(6, stride=1, name="zero_channels")(');
    expect(corner).toContain('    return keras.Model(inputs, [side_out, x], name="corner_cases")');
    expect(corner).toContain('def two_way(x1, x2, width=8, stride=2, name=None):');
    expect(resnet).toContain('    x = layers.BatchNormalization(epsilon=1e-05, momentum=0.9, name="bn1")(x)');
    expect(toKeras(buildTemplate('lenet5')!)).not.toContain('LocalResponseNorm');
  });

  it('is deterministic, has no trailing spaces and has a row for every layer kind', () => {
    for (const [, doc] of docs) {
      const code = toKeras(doc);
      expect(toKeras(doc)).toBe(code);
      expect(code).not.toMatch(/[ \t]$/m);
    }
    expect(Object.keys(kerasEmitters).sort()).toEqual([...layerKinds].sort());
  });
});

describeWhen(hasPython, 'python')('Keras code in Python', () => {
  const dir = mkdtempSync(join(tmpdir(), 'netwright-keras-'));
  const files = docs.map(([id, doc]) => {
    const path = join(dir, `${id.replace(/-/g, '_')}.py`);
    writeFileSync(path, toKeras(doc));
    return { id, path };
  });
  let report: Record<string, { error?: string; layers: [string, string | null][]; model: string }> = {};
  let compiled = { code: 0 as number | null, err: '' };

  beforeAll(async () => {
    compiled = await python(['-m', 'py_compile', ...files.map((f) => f.path)]);
    const run = await python([join(__dirname, 'keras_check.py')], { input: JSON.stringify(files) });
    report = JSON.parse(run.out || '{}');
  });

  it('compiles, every template', () => {
    expect(compiled.err).toBe('');
    expect(compiled.code).toBe(0);
  });

  it.each(docs.map(([id, doc]) => [id, doc] as const))('%s builds a Keras layer for each layer of the expanded graph, each named once', (id, doc) => {
    const result = report[id]!;
    expect(result?.error).toBeUndefined();
    const built = count(result.layers.map(([kind]) => kind));
    const expanded = expandDocument(doc);
    const expected = count(expanded.graph.nodes.map((n) => kerasLayer(expanded, n.id)).filter((k) => k !== undefined));
    for (const [kind, n] of expected) expect([kind, built.get(kind!)]).toEqual([kind, n]);
    const names = result.layers.map(([, name]) => name);
    expect(names.every((n) => typeof n === 'string')).toBe(true);
    expect(new Set(names).size).toBe(names.length);
  });
});
