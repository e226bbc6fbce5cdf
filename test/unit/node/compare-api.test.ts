/**
 * The API's `compare` through the service, in a trainer process built from the current sources:
 * the same row shape `netwright compare --json` prints, the template's published accuracy, and
 * requests refused: a graph with errors (by the trainer, naming it) and a batch size over the limit
 * (by the service); with `engine: 'torch'`, the generated PyTorch model timed where a Python has
 * torch. Times are checked to be positive only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Comparison } from '../../../shared/api';
import { lenet5 } from '../../../shared/templates/lenet5';
import { alexnetTorchvision } from '../../../shared/templates/alexnet';
import { describeWhen } from '../../skip';
import { pythonHas } from '../codegen/python';
import { serviceWithTrainer } from './serviceRun';

const { call, buildTrainer, cleanup } = serviceWithTrainer('compare-api');
beforeAll(buildTrainer);
afterAll(cleanup);

describe('API compare', () => {
  it('times each document at each batch size in a trainer process, with a template\'s published accuracy', async () => {
    const c = await call<Comparison>('compare', { docs: [{ name: 'Mine', doc: lenet5() }, { name: 'alexnet-tv', template: 'alexnet-tv', doc: alexnetTorchvision() }], batches: [2, 1], repeats: 2 });
    expect(c).toMatchObject({ engine: 'tfjs', repeats: 2 });
    // AlexNet's MACs by hand: conv 70,276,800 + 223,948,800 + 112,140,288 + 149,520,384 + 99,680,256, fc 37,748,736 + 16,777,216 + 4,096,000 (torchvision: 0.714 GFLOPS).
    expect(c.rows.map((r) => [r.name, r.params, r.macs])).toEqual([
      ['Mine', 61_706, 416_520],
      ['alexnet-tv', 61_100_840, 714_188_480],
    ]);
    expect(c.rows[0]!.accuracy).toBeUndefined();
    expect(c.rows[1]!.accuracy).toEqual({ top1: 56.522, top5: 79.066, source: "torchvision's model table, AlexNet_Weights.IMAGENET1K_V1 (single 224×224 crop)" });
    for (const r of c.rows) {
      expect(r.times.map((t) => t.batch)).toEqual([1, 2]);
      for (const t of r.times) expect(t.secondsPerImage).toBeGreaterThan(0);
    }
  }, 180_000);

  it('refuses a document with errors and a batch size beyond the limit', async () => {
    const broken = lenet5();
    broken.graph.edges = [];
    await expect(call('compare', { docs: [{ name: 'broken', doc: broken }], batches: [1] })).rejects.toThrow(/^The network has \d+ errors?; fix (it|them) before comparing "broken":\n- /);
    await expect(call('compare', { docs: [{ name: 'lenet5', doc: lenet5() }], batches: [2048] })).rejects.toThrow(/1024/);
  });
});

describeWhen(pythonHas('torch'), 'torch')('API compare on the torch engine', () => {
  it('times the generated PyTorch model in the same rows', async () => {
    const c = await call<Comparison>('compare', { docs: [{ name: 'Mine', doc: lenet5() }], batches: [1, 2], repeats: 2, engine: 'torch' });
    expect(c).toMatchObject({ engine: 'torch', repeats: 2, rows: [{ name: 'Mine', params: 61_706, macs: 416_520 }] });
    expect(c.backend).toMatch(/^(cpu|cuda) \(torch /);
    expect(c.rows[0]!.times.map((t) => [t.batch, t.secondsPerImage! > 0])).toEqual([[1, true], [2, true]]);
  }, 180_000);
});
