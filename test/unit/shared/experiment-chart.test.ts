/** The Experiment chart (training thin and dashed, validation bold, one colour per network) and the state its events fold into. */
import { describe, expect, it } from 'vitest';
import type { Experiment } from '../../../shared/api';
import { linearTicks } from '../../../shared/chart/axes';
import { experimentChart } from '../../../shared/experiment/chart';
import { degradationPreset } from '../../../shared/experiment/presets';
import { applyExperimentEvent, progressOf } from '../../../shared/experiment/state';
import { DEFAULT_TRAINING } from '../../../shared/graph/schema';

const epoch = (e: number, acc: number, valAcc: number) => ({ epoch: e, loss: 1 - acc, acc, valLoss: 1 - valAcc, valAcc });
const plain = { label: 'plain-56 <deep>', epochs: [epoch(1, 0.3, 0.25), epoch(2, 0.5, 0.4)] };
const resnet = { label: 'resnet-56', epochs: [epoch(1, 0.4, 0.35), epoch(2, 0.7, 0.6)] };
/** The y coordinates of a path's points. */
const ys = (svg: string, kind: string, network: number) => [...new RegExp(`class="series ${kind}" data-network="${network}" d="([^"]+)"`).exec(svg)![1]!.matchAll(/[ML][\d.]+ ([\d.]+)/g)].map((m) => Number(m[1]));

describe('the Experiment chart', () => {
  it('overlays each network training (thin, dashed) and validation (bold) error, one colour each', () => {
    const svg = experimentChart([plain, resnet]);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg.match(/class="series train"/g)).toHaveLength(2);
    expect(svg.match(/class="series val"/g)).toHaveLength(2);
    expect(svg).toMatch(/class="series train" data-network="0"[^>]*stroke="#1f77b4" stroke-width="1.2" stroke-dasharray/);
    expect(svg).toMatch(/class="series val" data-network="1"[^>]*stroke="#d62728" stroke-width="2.6"/);
    expect(svg).toContain('plain-56 &lt;deep&gt;');
    expect(svg).toContain('>Error (%)<');
    // Error falls from epoch 1 to 2: the curve goes down the page (y grows downwards).
    const [first, second] = ys(svg, 'val', 1);
    expect(second!).toBeGreaterThan(first!);
    // At epoch 2 the plain net's training error (50 %) is above ResNet's (30 %): higher on the page.
    expect(ys(svg, 'train', 0)[1]!).toBeLessThan(ys(svg, 'train', 1)[1]!);
  });

  it('draws loss on request, one dot per epoch so a one-epoch run shows, and says when nothing has ended', () => {
    const svg = experimentChart([{ label: 'one', epochs: [epoch(1, 0.5, 0.5)] }], { metric: 'loss' });
    expect(svg).toContain('>Loss<');
    expect(svg.match(/class="dot val"/g)).toHaveLength(1);
    expect(experimentChart([{ label: 'none', epochs: [] }])).toContain('No epoch has ended yet');
  });

  it('ticks round numbers', () => {
    expect(linearTicks(0, 0.83)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(linearTicks(0, 100)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(linearTicks(0, 3, 3)).toEqual([0, 1, 2, 3]);
  });
});

describe('an experiment state folded from its events', () => {
  const start: Experiment = {
    id: 'x',
    name: 'two',
    dataset: 'synthetic:8:2:1',
    datasetTitle: 'synthetic',
    settings: DEFAULT_TRAINING,
    status: 'running',
    networks: [
      { name: 'a', params: 10, status: 'waiting', epochs: [] },
      { name: 'b', params: 20, status: 'waiting', epochs: [] },
    ],
  };
  it('marks a network running with its run, adds its epochs, and ends it', () => {
    let s = applyExperimentEvent(undefined, { type: 'start', experiment: start });
    s = applyExperimentEvent(s, { type: 'network', index: 1, runId: 'r2' });
    s = applyExperimentEvent(s, { type: 'epoch', index: 1, metrics: epoch(1, 0.5, 0.5) });
    s = applyExperimentEvent(s, { type: 'network-end', index: 1, status: 'error', message: 'out of memory' });
    expect(s!.networks[1]).toMatchObject({ runId: 'r2', status: 'error', message: 'out of memory', epochs: [epoch(1, 0.5, 0.5)] });
    expect(s!.networks[0]).toBe(start.networks[0]);
    expect(applyExperimentEvent(s, { type: 'epoch', index: 5, metrics: epoch(1, 0, 0) })).toBe(s);
    expect(progressOf(s!, { type: 'batch', index: 1, epoch: 2, epochs: 2, batch: 5, batches: 10 }).fraction).toBe(0.875);
  });
});

describe('the Degradation preset', () => {
  it('trains the paper nets on CIFAR-10 when it is cached, else names the substitute', () => {
    const cifar = degradationPreset(true);
    expect(cifar.templates).toEqual(['plain20-cifar', 'plain56-cifar', 'resnet20-cifar', 'resnet56-cifar']);
    expect(cifar).toMatchObject({ dataset: 'cifar10', datasetTitle: 'CIFAR-10', training: { dataset: 'cifar10', optimizer: 'sgd', learningRate: 0.1, batchSize: 128 } });
    expect(cifar.substitute).toBeUndefined();
    expect(cifar.observed).toMatch(/56-layer plain net has higher training error .* than the 20-layer one.*ResNet-56 has lower error/);
    expect(cifar.paper).toContain('64k iterations');
    const synthetic = degradationPreset(false);
    expect(synthetic.dataset).toBe('synthetic:32x32:10:3');
    expect(synthetic.substitute).toMatch(/^CIFAR-10 is not in the data folder's cache, so this trains on synthetic 32×32×3, 10 classes instead/);
  });
});
