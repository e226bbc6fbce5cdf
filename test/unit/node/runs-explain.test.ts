/**
 * `runs.explain` through the service, in a trainer process built from the current sources: a
 * run's saved model looked at for a validation sample or a dropped image, each layer named by its
 * document node, maps, filters and Grad-CAM as PNGs; a block instance's inner layers, and the one
 * that gives its output.
 */
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReplyOf } from '../../../shared/api';
import { blockKind } from '../../../shared/blocks/blocks';
import { GraphBuilder } from '../../../shared/blocks/builder';
import { documentOf, sequential } from '../../../shared/templates/build';
import { serviceWithTrainer } from './serviceRun';

const { call, train, cleanup } = serviceWithTrainer('runs-explain');

const doc = sequential('Tiny CNN', [
  { kind: 'Input', label: 'Input', params: { height: 8, width: 8, channels: 1 } },
  { kind: 'Conv2D', label: 'conv', params: { filters: 4, kernel: 3, stride: 1, padding: 'same', activation: 'relu' } },
  { kind: 'MaxPool2D', label: 'pool', params: { size: 2, stride: 2 } },
  { kind: 'Flatten', label: 'flat' },
  { kind: 'Dense', label: 'out', params: { units: 3, activation: 'softmax' } },
]);
doc.training = { ...doc.training, dataset: 'synthetic:8:3:1', epochs: 1, batchSize: 50 };
let runId = '';

/** The same input through an instance of a two-layer block ("pair": conv, then ReLU), then a Dense head. */
function withBlock() {
  const inner = new GraphBuilder();
  const x = inner.add('BlockInput', { port: 0 }, [], 'in');
  inner.chain(x, [['Conv2D', { filters: '=filters', kernel: 3, padding: 'same' }, 'conv'], ['Activation', { fn: 'relu' }, 'relu'], ['BlockOutput', {}, 'out']]);
  const g = new GraphBuilder();
  const input = g.add('Input', { height: 8, width: 8, channels: 1 }, [], 'Input');
  const pair = g.add(blockKind('pair'), { filters: 5 }, input, 'pair');
  g.chain(pair, [['Flatten', {}, 'flat'], ['Dense', { units: 3, activation: 'softmax' }, 'out']]);
  const d = documentOf('Tiny block', undefined, g, [{ id: 'pair', name: 'Pair', params: { filters: 4 }, graph: inner.graph }]);
  d.training = { ...doc.training };
  return { doc: d, pair };
}
const blockDoc = withBlock();
let blockRunId = '';

beforeAll(async () => {
  runId = await train(doc);
  blockRunId = await train(blockDoc.doc);
});
afterAll(cleanup);

describe('runs.explain', () => {
  it("looks at a validation sample: every layer's statistics by node, all maps, Grad-CAM on the convolution", async () => {
    const r = await call<ReplyOf<'runs.explain'>>('runs.explain', { id: runId, image: { sample: 0 }, maps: 'all', gradcam: {} });
    const ids = new Map(doc.graph.nodes.map((n) => [n.label, n.id]));
    expect(r.layers.map((l) => [l.name, l.node, l.shape, l.mean.length])).toEqual([
      ['conv', ids.get('conv'), [8, 8, 4], 4],
      ['pool', ids.get('pool'), [4, 4, 4], 4],
      ['flat', ids.get('flat'), [64], 64],
      ['out', ids.get('out'), [3], 3],
    ]);
    expect(r).toMatchObject({ weights: 'final', epoch: 1, label: expect.any(Number), classNames: expect.any(Array) });
    expect(r.maps.map((m) => [m.layer, m.grid.count, m.grid.cols])).toEqual([['conv', 4, 2], ['pool', 4, 2]]);
    expect(r.gradcam).toMatchObject({ layer: 'conv', class: r.predicted, width: 224, height: 224 });
    expect(r.input.png).toMatch(/^data:image\/png;base64,/);
  });

  it("looks at a dropped image and draws the convolution's filters", async () => {
    const png = await sharp(Buffer.alloc(16 * 16, 200), { raw: { width: 16, height: 16, channels: 1 } }).png().toBuffer();
    const r = await call<ReplyOf<'runs.explain'>>('runs.explain', { id: runId, image: { base64: png.toString('base64') }, filters: 'conv', gradcam: { class: 2 } });
    expect(r.label).toBeUndefined();
    expect(r.input).toMatchObject({ width: 8, height: 8 });
    expect(r.filters).toMatchObject({ layer: 'conv', shape: [3, 3, 1, 4], rgb: false, grid: { count: 4, rows: 4, cols: 1 } });
    expect(r.gradcam!.class).toBe(2);
  });

  it("names a block instance's inner layers by their node inside it, and the layer that gives the instance's output", async () => {
    const r = await call<ReplyOf<'runs.explain'>>('runs.explain', { id: blockRunId, image: { sample: 0 }, maps: 'all' });
    const { pair } = blockDoc;
    expect(r.layers.map((l) => [l.name, l.node, l.shape])).toEqual([
      ['pair_conv', `${pair}/conv`, [8, 8, 5]],
      ['pair_relu', `${pair}/relu`, [8, 8, 5]],
      ['flat', 'flat', [320]],
      ['out', 'out', [3]],
    ]);
    expect(r.blocks).toEqual([{ node: pair, label: 'pair', layer: 'pair_relu' }]);
    expect(r.maps.map((m) => [m.layer, m.grid.count])).toEqual([['pair_conv', 5], ['pair_relu', 5]]);
  });

  it('says why it cannot', async () => {
    await expect(call('runs.explain', { id: runId, image: { sample: 0 }, maps: ['nothing'] })).rejects.toThrow('The model has no layer "nothing"; its layers: conv, pool, flat, out.');
    await expect(call('runs.explain', { id: runId, image: { sample: 100_000 } })).rejects.toThrow('there is no sample 100000');
    await expect(call('runs.explain', { id: 'no-such-run', image: { sample: 0 } })).rejects.toThrow('has no final weights');
  });
});
