/**
 * Importing models: tfjs model.json topologies made by tfjs itself (Sequential and Functional)
 * and a Keras 3 config; the imported graph has the model's parameters; unsupported layers are
 * listed by name and position.
 */
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { pickBackend } from '../../../node/engine/backend/choose';
import { inferGraph } from '../../../shared/infer';
import { importModel } from '../../../shared/importers/keras';

beforeAll(async () => {
  await pickBackend('cpu');
});

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
    const json = JSON.parse(readFileSync(join(__dirname, '..', '..', 'fixtures', 'import', 'keras3-functional.json'), 'utf8'));
    const r = importModel(json, 'tiny.keras.json');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.doc.name).toBe('tiny_resnet');
    expect(r.doc.graph.nodes.map((n) => `${n.kind}${n.kind === 'Activation' ? `:${n.params.fn}` : ''}`)).toEqual(['Input', 'Conv2D', 'Conv2D', 'Activation:gelu', 'Add', 'GlobalAvgPool2D', 'Dense']);
    const inf = inferGraph(r.doc.graph);
    expect(inf.errors).toEqual([]);
    expect(inf.totals.params).toBe(3 * 3 * 3 * 16 + (3 * 3 * 16 * 16 + 16) + (16 * 10 + 10));
  });

  it('lists every unsupported layer by position and name and imports nothing', () => {
    const json = JSON.parse(readFileSync(join(__dirname, '..', '..', 'fixtures', 'import', 'keras3-functional.json'), 'utf8'));
    json.config.layers[2].class_name = 'DepthwiseConv2D';
    json.config.layers[4].config.keepdims = true;
    const r = importModel(json);
    expect(r).toEqual({
      ok: false,
      message: '2 layers cannot be imported: #3 "branch" (DepthwiseConv2D): DepthwiseConv2D has no Netwright equivalent; #5 "gap" (GlobalAveragePooling2D): keepdims is not supported.',
      problems: [
        { index: 2, name: 'branch', className: 'DepthwiseConv2D', reason: 'DepthwiseConv2D has no Netwright equivalent' },
        { index: 4, name: 'gap', className: 'GlobalAveragePooling2D', reason: 'keepdims is not supported' },
      ],
    });
  });

  it('refuses what is not a model', () => {
    expect(importModel({ format: 'netwright' })).toMatchObject({ ok: false, message: /^Not a Keras or TensorFlow.js model/ });
  });
});
