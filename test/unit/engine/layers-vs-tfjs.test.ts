/**
 * Every layer kind against tfjs: the shape engine's output shape and parameter counts equal what
 * tfjs computes when it builds the same layer, over grids of sizes, kernels (square and not),
 * strides, dilations and groups (depthwise included), and for every kind of the registry.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { pickBackend } from '../../../node/engine/backend/choose';
import { compileDocument } from '../../../node/engine/model/compile';
import { GraphBuilder } from '../../../shared/blocks/builder';
import { emptyDocument } from '../../../shared/graph/schema';
import { inferGraph } from '../../../shared/infer';
import { layerKinds, type LayerKind } from '../../../shared/layers/registry';
import type { Params } from '../../../shared/layers/types';
import { caseGraph, kindCases, kindsCoveredElsewhere } from './kindCases';

beforeAll(async () => {
  await pickBackend('cpu');
});

const weights = (ws: tf.LayerVariable[]) => ws.reduce((n, w) => n + (w.shape as number[]).reduce((a, b) => a * b, 1), 0);

/** Build Input(h×w×c) → `branches` (one per merge input) → layer, infer it and compile it. */
function compare(input: [number, number, number], kind: LayerKind, params: Params, branches: Params[] = []) {
  const doc = { ...emptyDocument(), graph: caseGraph(input, kind, params, branches).graph };
  const inf = inferGraph(doc.graph);
  if (inf.errors.length) return { error: inf.errors[0]!.message };
  const model = compileDocument(doc);
  const got = { shape: model.outputs[0]!.shape.slice(1), trainable: weights(model.trainableWeights), nonTrainable: weights(model.nonTrainableWeights) };
  model.dispose();
  const want = { shape: [...inf.nodes.layer!.shape!], trainable: inf.totals.params, nonTrainable: inf.totals.nonTrainable };
  return { got, want };
}

describe('every layer kind agrees with tfjs', () => {
  it('Conv2D over kernels h×w, strides, dilations and groups', () => {
    const mismatches: string[] = [];
    let compared = 0;
    for (const kernel of [1, 3, [3, 1], [1, 5], [5, 3]])
      for (const stride of [1, 2, [2, 1]])
        for (const dilation of [1, 2])
          for (const groups of [1, 2, 4, 8])
            for (const padding of ['valid', 'same', 1, [0, 1, 2, 0]]) {
              // tfjs refuses strides > 1 together with dilation > 1.
              if (dilation > 1 && stride !== 1) continue;
              const params = { filters: 8, kernel, stride, dilation, groups, padding } as Params;
              const r = compare([11, 9, 8], 'Conv2D', params);
              if ('error' in r) continue;
              compared++;
              if (JSON.stringify(r.got) !== JSON.stringify(r.want)) mismatches.push(`${JSON.stringify(params)}: engine ${JSON.stringify(r.want)}, tfjs ${JSON.stringify(r.got)}`);
            }
    expect(mismatches).toEqual([]);
    expect(compared).toBeGreaterThan(100);
  });

  const cases = kindCases;

  it.each(cases)('%s', (_, input, kind, params, branches) => {
    const r = compare(input, kind, params, branches);
    expect('error' in r ? r.error : r.got).toEqual('error' in r ? undefined : r.want);
  });

  it('Dense and the 1×1×C gate of squeeze-and-excitation', () => {
    const g = new GraphBuilder();
    const x = g.add('Input', { height: 7, width: 7, channels: 32 });
    const gate = g.chain(x, [['GlobalAvgPool2D'], ['Dense', { units: 2, activation: 'relu' }], ['Dense', { units: 32, activation: 'sigmoid', useBias: false }], ['Reshape', { shape: [1, 1, -1] }]]);
    g.add('Multiply', {}, [x, gate], 'layer');
    const doc = { ...emptyDocument(), graph: g.graph };
    const inf = inferGraph(doc.graph);
    const model = compileDocument(doc);
    expect(model.outputs[0]!.shape.slice(1)).toEqual([7, 7, 32]);
    expect(model.countParams()).toBe(inf.totals.params);
    expect(inf.totals.params).toBe(32 * 2 + 2 + 2 * 32);
    model.dispose();
  });

  it.each([
    ['nearest', [2, 3]],
    ['bilinear', [2, 3]],
    ['bilinear', 4],
  ] as const)('UpSampling2D %s by %j computes what TensorFlow 2 computes (pixel centres, as PyTorch)', (interpolation, size) => {
    const doc = { ...emptyDocument(), graph: caseGraph([5, 4, 3], 'UpSampling2D', { size: size as number | number[], interpolation }).graph };
    const model = compileDocument(doc);
    const [sh, sw] = Array.isArray(size) ? size : [size, size];
    const x = tf.tensor4d(Array.from({ length: 2 * 5 * 4 * 3 }, (_, i) => Math.sin(i * 1.3) * 3), [2, 5, 4, 3]);
    const got = model.predict(x) as tf.Tensor;
    // TensorFlow 2's resize (Keras's UpSampling2D) samples at pixel centres; nearest with whole factors repeats each pixel.
    const want = interpolation === 'bilinear' ? tf.image.resizeBilinear(x, [5 * sh, 4 * sw], false, true) : tf.image.resizeNearestNeighbor(x, [5 * sh, 4 * sw], false, true);
    expect(got.shape).toEqual([2, 5 * sh, 4 * sw, 3]);
    expect(tf.max(tf.abs(tf.sub(got, want))).dataSync()[0]).toBeLessThan(1e-5);
    tf.dispose([x, got, want]);
    model.dispose();
  });

  it('ZeroPadChannels keeps pixel (s·i, s·j) of each input channel and appends zero channels', () => {
    const [h, w, c, s] = [5, 7, 3, 2];
    const model = compileDocument({ ...emptyDocument(), graph: caseGraph([h, w, c], 'ZeroPadChannels', { channels: 8, stride: s }).graph });
    const values = Array.from({ length: 2 * h * w * c }, (_, i) => Math.sin(i * 1.3) * 3 + 4);
    const got = model.predict(tf.tensor4d(values, [2, h, w, c])) as tf.Tensor;
    expect(got.shape).toEqual([2, 3, 4, 8]);
    const want = Array.from({ length: 2 * 3 * 4 * 8 }, (_, i) => {
      const [n, y, x, ch] = [Math.floor(i / 96), Math.floor(i / 32) % 3, Math.floor(i / 8) % 4, i % 8];
      return ch < c ? values[((n * h + y * s) * w + x * s) * c + ch]! : 0;
    });
    expect(Array.from(got.dataSync()).map((v, i) => Math.abs(v - want[i]!)).every((d) => d < 1e-6)).toBe(true);
    got.dispose();
    model.dispose();
  });

  it("the engine's own layers (LRN, grouped convolution's channel slices, upsampling, zero channels) load again from the config they save", async () => {
    const g = caseGraph([6, 6, 4], 'UpSampling2D', { size: [2, 3], interpolation: 'bilinear' });
    g.chain(g.graph.nodes.at(-1)!.id, [['LRN', { size: 3 }], ['Conv2D', { filters: 4, kernel: 1, groups: 2 }], ['ZeroPadChannels', { channels: 6, stride: 1 }]]);
    const model = compileDocument({ ...emptyDocument(), graph: g.graph });
    const saved = model.toJSON(null, false) as tf.io.ModelJSON['modelTopology'];
    expect(JSON.stringify(saved)).toContain('"class_name":"NetwrightUpSampling","config":{"name":"layer","trainable":true,"size":[2,3],"interpolation":"bilinear"}');
    const again = await tf.models.modelFromJSON({ modelTopology: saved });
    again.setWeights(model.getWeights());
    const x = tf.randomNormal([1, 6, 6, 4], 0, 1, 'float32', 3);
    const [a, b] = [model.predict(x) as tf.Tensor, again.predict(x) as tf.Tensor];
    expect(b.shape).toEqual([1, 12, 18, 6]);
    expect(tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]).toBe(0);
    tf.dispose([x, a, b]);
    model.dispose();
    again.dispose();
  });

  it('the cases above cover every kind of the registry but the block I/O', () => {
    const covered = new Set([...cases.map((c) => c[2]), ...kindsCoveredElsewhere]);
    expect(layerKinds.filter((k) => !covered.has(k))).toEqual([]);
  });
});
