/**
 * Importing models: tfjs model.json topologies made by tfjs itself (Sequential, Functional and
 * nested), a Keras 3 config, a Keras 2.2 file and a Teachable Machine export; the imported graph
 * has the model's parameters, counted here as PyTorch counts them; unsupported layers are listed
 * by name and position, one per line. Hostile files (test/fixtures/import/hostile/) each give one
 * line that names the layer, and no mutation of a real file makes the importer throw.
 */
import * as tf from '@tensorflow/tfjs';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { pickBackend } from '../../../node/engine/backend/choose';
import { loadDocument, saveDocument } from '../../../shared/graph/load';
import { inferGraph } from '../../../shared/infer';
import { importModel } from '../../../shared/importers/keras';

beforeAll(async () => {
  await pickBackend('cpu');
});

const fixtures = join(__dirname, '..', '..', 'fixtures', 'import');

/** What a saved tfjs model's model.json holds, made by tfjs itself. */
const modelJson = (model: tf.LayersModel) => ({ format: 'layers-model', modelTopology: model.toJSON(null, false), weightsManifest: [] });

describe('importModel', () => {
  it('imports a tfjs Sequential LeNet-5 with its 61,706 parameters', () => {
    const m = tf.sequential({
      layers: [
        tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 6, kernelSize: 5, padding: 'same', activation: 'tanh' }),
        tf.layers.averagePooling2d({ poolSize: 2 }),
        tf.layers.conv2d({ filters: 16, kernelSize: 5, activation: 'tanh' }),
        tf.layers.averagePooling2d({ poolSize: 2 }),
        tf.layers.flatten(),
        tf.layers.dense({ units: 120, activation: 'tanh' }),
        tf.layers.dense({ units: 84, activation: 'tanh' }),
        tf.layers.dropout({ rate: 0.2 }),
        tf.layers.dense({ units: 10, activation: 'softmax' }),
      ],
    });
    const r = importModel(modelJson(m), 'lenet.json');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const inf = inferGraph(r.doc.graph);
    expect(inf.errors).toEqual([]);
    expect(inf.totals.params).toBe(m.countParams());
    expect(r.doc.graph.nodes.map((n) => n.kind)).toEqual(['Input', 'Conv2D', 'AvgPool2D', 'Conv2D', 'AvgPool2D', 'Flatten', 'Dense', 'Dense', 'Dropout', 'Dense']);
    m.dispose();
  });

  it('imports a tfjs Functional model with a residual Add, a Concatenate and BatchNorm', () => {
    const x = tf.input({ shape: [16, 16, 8] });
    const a = tf.layers.conv2d({ filters: 8, kernelSize: 3, padding: 'same', activation: 'relu' }).apply(x) as tf.SymbolicTensor;
    const b = tf.layers.batchNormalization().apply(a) as tf.SymbolicTensor;
    const sum = tf.layers.add().apply([b, x]) as tf.SymbolicTensor;
    const c = tf.layers.conv2d({ filters: 4, kernelSize: 1 }).apply(x) as tf.SymbolicTensor;
    const cat = tf.layers.concatenate().apply([sum, c]) as tf.SymbolicTensor;
    const y = tf.layers.dense({ units: 3 }).apply(tf.layers.globalAveragePooling2d({}).apply(cat) as tf.SymbolicTensor) as tf.SymbolicTensor;
    const m = tf.model({ inputs: x, outputs: y });
    const r = importModel(modelJson(m));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const inf = inferGraph(r.doc.graph);
    expect(inf.errors).toEqual([]);
    expect(inf.totals.params + inf.totals.nonTrainable).toBe(m.countParams());
    const cat2 = r.doc.graph.nodes.find((n) => n.kind === 'Concatenate')!;
    expect(inf.nodes[cat2.id]!.shape).toEqual([16, 16, 12]);
    m.dispose();
  });

  it('imports a Keras 3 Functional config, splitting an activation Netwright does not fuse', () => {
    const json = JSON.parse(readFileSync(join(fixtures, 'keras3-functional.json'), 'utf8'));
    const r = importModel(json, 'tiny.keras.json');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.doc.name).toBe('tiny_resnet');
    expect(r.doc.graph.nodes.map((n) => `${n.kind}${n.kind === 'Activation' ? `:${n.params.fn}` : ''}`)).toEqual(['Input', 'Conv2D', 'Conv2D', 'Activation:gelu', 'Add', 'GlobalAvgPool2D', 'Dense']);
    const inf = inferGraph(r.doc.graph);
    expect(inf.errors).toEqual([]);
    expect(inf.totals.params).toBe(3 * 3 * 3 * 16 + (3 * 3 * 16 * 16 + 16) + (16 * 10 + 10));
  });

  it('lists every unsupported layer on a line of its own, by position and name, and imports nothing', () => {
    const json = JSON.parse(readFileSync(join(fixtures, 'keras3-functional.json'), 'utf8'));
    json.config.layers[2].class_name = 'SeparableConv2D';
    json.config.layers[4].config.keepdims = true;
    const r = importModel(json);
    expect(r).toEqual({
      ok: false,
      message: [
        '2 layers cannot be imported:',
        '  layer #3 "branch" (SeparableConv2D): SeparableConv2D has no Netwright equivalent',
        '  layer #5 "gap" (GlobalAveragePooling2D): keepdims is not supported',
      ].join('\n'),
      problems: [
        { position: '#3', name: 'branch', className: 'SeparableConv2D', reason: 'SeparableConv2D has no Netwright equivalent' },
        { position: '#5', name: 'gap', className: 'GlobalAveragePooling2D', reason: 'keepdims is not supported' },
      ],
    });
  });

  it('refuses what is not a model', () => {
    expect(importModel({ format: 'netwright' })).toMatchObject({ ok: false, message: /^Not a Keras or TensorFlow.js model/ });
  });
});

/** Parameters as PyTorch's `parameters()` counts them: Conv2d (k×k, groups) and Linear, with or without bias. */
const conv = (k: number, cin: number, cout: number, { groups = 1, bias = true } = {}) => k * k * (cin / groups) * cout + (bias ? cout : 0);
const linear = (cin: number, cout: number, bias = true) => cin * cout + (bias ? cout : 0);
/** BatchNorm's weight and bias per channel; its running mean and variance are buffers (Keras: non-trainable). */
const bnWeights = (c: number) => 2 * c;
const read = (path: string) => JSON.parse(readFileSync(join(fixtures, path), 'utf8'));
const summary = (json: unknown, name?: string) => {
  const r = importModel(json, name);
  if (!r.ok) throw new Error(r.message);
  const inf = inferGraph(r.doc.graph);
  expect(inf.errors).toEqual([]);
  return { doc: r.doc, inf, kinds: r.doc.graph.nodes.map((n) => n.kind) };
};

describe('files written by other tools', () => {
  it('imports a Keras 2.2 Sequential (its config a list) with BatchNormalization(axis=1) after Dense layers', async () => {
    const json = read('keras22-mlp-batchnorm.json');
    expect(Array.isArray(json.config)).toBe(true);
    const { doc, inf, kinds } = summary(json, 'mlp.json');
    // The 784-vector input is a 1×1×784 image flattened; axis 1 of a [batch, units] tensor is its last.
    expect(kinds).toEqual(['Input', 'Flatten', 'Dense', 'BatchNorm', 'Activation', 'Dropout', 'Dense', 'BatchNorm', 'Activation', 'Dropout', 'Dense']);
    expect(doc.name).toBe('mlp.json');
    expect(inf.totals.params).toBe(linear(784, 512) + bnWeights(512) + linear(512, 256) + bnWeights(256) + linear(256, 10));
    expect(inf.totals.nonTrainable).toBe(2 * 512 + 2 * 256);
    // tfjs reads the same file as Keras 2.2 wrote it, and counts the same.
    const model = await tf.models.modelFromJSON({ modelTopology: json });
    expect(inf.totals.params + inf.totals.nonTrainable).toBe(model.countParams());
    model.dispose();
  });

  it('imports a Teachable Machine model.json: MobileNet-style Sequential nested in a Sequential, then a nested head', async () => {
    const json = read('teachable-machine/model.json');
    const { inf, doc, kinds } = summary(json, 'model.json');
    expect(kinds.filter((k) => k === 'Conv2D')).toHaveLength(7);
    const layer = (label: string) => doc.graph.nodes.find((n) => n.label === label)!;
    // DepthwiseConv2D is a Conv2D with one group per input channel.
    expect(layer('expanded_conv_depthwise').params).toMatchObject({ filters: 16, groups: 16, kernel: 3, useBias: false });
    expect(layer('block_1_depthwise').params).toMatchObject({ filters: 48, groups: 48, stride: 2, padding: 'valid' });
    expect(layer('out_relu').params).toEqual({ fn: 'relu6' });
    expect(inf.nodes[layer('Conv_1').id]!.shape).toEqual([56, 56, 1280]);
    const trainable =
      conv(3, 3, 16, { bias: false }) + bnWeights(16) +
      conv(3, 16, 16, { groups: 16, bias: false }) + bnWeights(16) +
      conv(1, 16, 8, { bias: false }) + bnWeights(8) +
      conv(1, 8, 48, { bias: false }) + bnWeights(48) +
      conv(3, 48, 48, { groups: 48, bias: false }) + bnWeights(48) +
      conv(1, 48, 8, { bias: false }) + bnWeights(8) +
      conv(1, 8, 1280, { bias: false }) + bnWeights(1280) +
      linear(1280, 100) + linear(100, 2, false);
    expect(inf.totals.params).toBe(trainable);
    expect(inf.totals.nonTrainable).toBe(2 * (16 + 16 + 8 + 48 + 48 + 8 + 1280));
    // The file's own weights manifest, and tfjs loading it, say the same.
    const manifest = json.weightsManifest[0].weights.reduce((n: number, w: { shape: number[] }) => n + w.shape.reduce((a, b) => a * b, 1), 0);
    expect(inf.totals.params + inf.totals.nonTrainable).toBe(manifest);
    const model = await tf.models.modelFromJSON({ modelTopology: json.modelTopology });
    expect(model.countParams()).toBe(manifest);
    model.dispose();
  });

  it('imports a Functional model nested in a Sequential, as tfjs writes a truncated MobileNet', () => {
    const x = tf.input({ shape: [32, 32, 3] });
    const c = tf.layers.conv2d({ filters: 8, kernelSize: 3, strides: 2, padding: 'same', useBias: false, activation: 'relu6' }).apply(x) as tf.SymbolicTensor;
    const b = tf.layers.batchNormalization().apply(c) as tf.SymbolicTensor;
    const d = tf.layers.depthwiseConv2d({ kernelSize: 3, padding: 'same', depthMultiplier: 2 }).apply(tf.layers.reLU({ maxValue: 6 }).apply(b)) as tf.SymbolicTensor;
    const base = tf.model({ inputs: x, outputs: d });
    const head = tf.sequential({ layers: [tf.layers.dense({ inputShape: [16], units: 4, activation: 'relu' }), tf.layers.dense({ units: 2, activation: 'softmax', useBias: false })] });
    const m = tf.sequential({ layers: [tf.sequential({ layers: [base, tf.layers.globalAveragePooling2d({})] }), head] });
    const { inf, kinds } = summary(modelJson(m));
    expect(kinds).toEqual(['Input', 'Conv2D', 'Activation', 'BatchNorm', 'Activation', 'Conv2D', 'GlobalAvgPool2D', 'Dense', 'Dense']);
    expect(inf.totals.params).toBe(conv(3, 3, 8, { bias: false }) + bnWeights(8) + conv(3, 8, 16, { groups: 8 }) + linear(16, 4) + linear(4, 2, false));
    expect(inf.totals.params + inf.totals.nonTrainable).toBe(m.countParams());
    m.dispose();
  });

  it('imports UpSampling2D, ReLU6 and vector and grey-scale inputs', () => {
    const m = tf.sequential({
      layers: [
        tf.layers.conv2d({ inputShape: [6, 5, 2], filters: 4, kernelSize: 3, padding: 'same', activation: 'relu6' }),
        tf.layers.upSampling2d({ size: [2, 3], interpolation: 'bilinear' }),
        tf.layers.flatten(),
        tf.layers.dense({ units: 3 }),
      ],
    });
    const { inf, doc, kinds } = summary(modelJson(m));
    expect(kinds).toEqual(['Input', 'Conv2D', 'Activation', 'UpSampling2D', 'Flatten', 'Dense']);
    expect(doc.graph.nodes[3]!.params).toEqual({ size: [2, 3], interpolation: 'bilinear' });
    expect(inf.totals.params).toBe(m.countParams());
    m.dispose();
    // Flatten(input_shape=(28, 28)), as Keras's MNIST examples start: a 28×28 image of one channel.
    const grey = summary({ class_name: 'Sequential', config: [{ class_name: 'Flatten', config: { name: 'flatten_1', batch_input_shape: [null, 28, 28] } }, { class_name: 'Dense', config: { name: 'dense_1', units: 10 } }] });
    expect(grey.inf.nodes[grey.doc.graph.nodes[0]!.id]!.shape).toEqual([28, 28, 1]);
    expect(grey.inf.totals.params).toBe(linear(784, 10));
  });

  it('orders a Functional model whose layers are listed out of order (no cycle)', () => {
    const json = read('keras3-functional.json');
    json.config.layers.reverse();
    const { kinds } = summary(json);
    expect(kinds.sort()).toEqual(['Activation', 'Add', 'Conv2D', 'Conv2D', 'Dense', 'GlobalAvgPool2D', 'Input']);
  });
});

/** What each hostile file gets: one line, that names the layer where there is one. */
const HOSTILE: Record<string, string> = {
  'activation-constructor.json': 'layer #3 "dense" (Dense): activation "constructor" is not supported',
  'batchnorm-axis-1-on-image.json': 'layer #2 "bn" (BatchNormalization): BatchNormalization over axis 1 of a 4-D tensor is not supported (only the last axis, the channels)',
  'class-constructor.json': 'layer #2 "evil" (constructor): constructor has no Netwright equivalent',
  'class-hasownproperty.json': 'layer #2 "evil" (hasOwnProperty): hasOwnProperty has no Netwright equivalent',
  'class-name-number.json': 'layer #2 "seven": its class_name is 7, not a name',
  'class-proto.json': 'layer #2 "evil" (__proto__): __proto__ has no Netwright equivalent',
  'config-proto-key.json': 'layer #1 "conv" (Conv2D): its config has no filters',
  'dense-on-image.json': 'layer #2 "dense" (Dense): Dense expects a flat vector but gets 26×26×8 — insert a Flatten before it',
  'dense-without-units.json': 'layer #3 "dense" (Dense): its config has no units',
  'empty-model.json': 'The model has no layers to import.',
  'filters-1e12.json': 'layer #1 "conv" (Conv2D): Filters must be an integer from 1 to 65536, got 1000000000000',
  'filters-shell.json': 'layer #1 "conv" (Conv2D): Filters must be an integer from 1 to 65536, got "8; rm -rf /"',
  'flatten-two-inputs.json': 'layer #4 "flat" (Flatten): takes 2 inputs, but Flatten takes one',
  'functional-cycle.json': 'layer #2 "conv" (Conv2D): is part of a cycle (conv → add → conv); a network must flow one way',
  'functional-input-without-shape.json': 'layer #1 "image" (InputLayer): has no batch_input_shape [null, H, W, C]: the model does not say the shape of its input images',
  'functional-unknown-input.json': 'layer #2 "conv" (Conv2D): takes its input from "ghost", which is not a layer of this model',
  'graph-model.json': 'This is a TensorFlow.js graph model, which has no Keras layers to import: convert the Keras model with tensorflowjs_converter --output_format tfjs_layers_model.',
  'inbound-nodes-string.json': 'layer #2 "flat" (Flatten): its inbound_nodes is "image", not a list',
  'input-1e6x1e6.json': 'layer #1 "conv" (Conv2D): its batch_input_shape: Height must be an integer from 1 to 4096, got 1000000',
  'input-size-not-fixed.json': "layer #1 \"conv\" (Conv2D): the input's size is not fixed ([null,null,null,3]): Netwright needs its height, width and channels",
  'kernel-negative.json': 'layer #1 "conv" (Conv2D): Kernel must be a whole number up to 256 or [height, width], got -3',
  'kernel-nested-20000-deep.json': 'layer #1 "conv" (Conv2D): Kernel must be a whole number up to 256 or [height, width], got a list nested too deep',
  'layers-object.json': 'The model cannot be imported: its "layers" is {"a":1}, not a list of layers.',
  'model-topology-string.json': 'Not a Keras or TensorFlow.js model: expected a model config with class_name "Sequential" or "Functional".',
  'name-300-characters.json': `layer #1 "${'c'.repeat(59)}…" (Conv2D): its name: Too big: expected string to have <=200 characters`,
  'nested-40-deep.json': 'Models are nested more than 16 deep in this file.',
  'null-layer.json': 'layer #2: is null, not a layer',
  'shared-layer.json': 'layer #2 "conv" (Conv2D): is applied 2 times (shared weights), which Netwright cannot express',
  'top-level-list.json': 'Not a Keras or TensorFlow.js model: expected a model config with class_name "Sequential" or "Functional".',
  'zero-padding-null.json': 'layer #2 "pad" (ZeroPadding2D): padding [null] is not [rows, columns]',
};

describe('hostile files', () => {
  const dir = join(fixtures, 'hostile');

  it('has a line for every fixture (not-json.json is the command\'s to refuse: hostile-cli.test.ts)', () => {
    expect(readdirSync(dir).sort()).toEqual([...Object.keys(HOSTILE), 'not-json.json'].sort());
  });

  it.each(Object.entries(HOSTILE))('%s: %s', (file, line) => {
    const r = importModel(read(join('hostile', file)), file);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toBe(line);
  });

  it('never sees a key of Object.prototype: "constructor" as an activation is not ReLU', () => {
    for (const fn of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf']) {
      const json = read('keras3-functional.json');
      json.config.layers[1].config.activation = fn;
      expect(importModel(json)).toMatchObject({ ok: false, message: `layer #2 "stem" (Conv2D): activation "${fn}" is not supported` });
    }
  });
});

/** A small seeded generator, so that a failing mutation can be replayed. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HOSTILE_VALUES: unknown[] = [null, -1, 0, 1.5, 1e12, true, '', 'constructor', '__proto__', 'toString', '8; rm -rf /', 'x'.repeat(300), {}, [], [null], [[[]]], { toString: 1 }, { __proto__: 1 }, { valueOf: 'x' }, [-3, -3], 'same', 'InputLayer', 'Sequential'];

describe('mutated real files', () => {
  it('never throw: 600 mutations of the real fixtures give a document that loads and infers, or problems', () => {
    const next = random(19);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!;
    const bases = ['keras3-functional.json', 'keras22-mlp-batchnorm.json', 'teachable-machine/model.json'].map(read);
    const outcomes = { ok: 0, refused: 0 };
    for (let run = 0; run < 600; run++) {
      const json = structuredClone(pick(bases));
      // Every object or list in the file, with its keys: one of them is changed, one to three times.
      const places: [Record<string, unknown> | unknown[], string | number][] = [];
      const walk = (v: unknown) => {
        if (Array.isArray(v)) v.forEach((x, i) => (places.push([v, i]), walk(x)));
        else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) places.push([v as Record<string, unknown>, k]), walk(x);
      };
      walk(json);
      const changes = 1 + Math.floor(next() * 3);
      for (let c = 0; c < changes; c++) {
        const [where, key] = pick(places);
        const how = next();
        if (how < 0.15 && !Array.isArray(where)) delete (where as Record<string, unknown>)[key as string];
        else if (how < 0.25 && Array.isArray(where)) where.splice(key as number, 0, structuredClone(where[key as number]));
        else (where as Record<string | number, unknown>)[key] = structuredClone(pick(HOSTILE_VALUES));
      }
      const r = importModel(json, 'mutated.json');
      const where = `run ${run}`;
      if (r.ok) {
        outcomes.ok++;
        const loaded = loadDocument(saveDocument(r.doc));
        expect(loaded.ok, where).toBe(true);
        expect(inferGraph(r.doc.graph).errors, where).toEqual([]);
      } else {
        outcomes.refused++;
        expect(r.message, where).not.toMatch(/could not import this model/);
        // One line per problem, after a count when there are several.
        expect(r.message.split('\n').length, `${where}: ${r.message}`).toBe(r.problems.length > 1 ? r.problems.length + 1 : 1);
      }
    }
    expect(outcomes.ok).toBeGreaterThan(30);
    expect(outcomes.refused).toBeGreaterThan(200);
  });
});
