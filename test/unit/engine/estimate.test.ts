/** Memory and time before a run: the model's arithmetic, the warning and the batch size it suggests. */
import { describe, expect, it } from 'vitest';
import { estimateRun, memoryAt, WASM_HEAP_LIMIT } from '../../../node/engine/budget/estimate';
import { inferGraph } from '../../../shared/infer';
import { lenet5 } from '../../../shared/templates/lenet5';
import { buildTemplate } from '../../../shared/templates/index';
import { freezeBefore } from '../../../shared/document/transfer';

const GiB = 2 ** 30;

describe('memoryAt', () => {
  it('counts weights, gradients, optimizer slots and activations × batch from the inference totals', () => {
    const doc = lenet5();
    const { totals } = inferGraph(doc.graph, doc.blocks);
    const m = memoryAt(doc, { optimizer: 'adam', momentum: 0 }, 32);
    expect(m.weights).toBe(61706 * 4);
    expect(m.gradients).toBe(61706 * 4);
    expect(m.optimizerState).toBe(2 * 61706 * 4);
    expect(m.activations).toBe(3 * totals.activationBytes * 32);
    expect(m.total).toBe(m.weights + m.gradients + m.optimizerState + m.activations);
    expect(memoryAt(doc, { optimizer: 'sgd', momentum: 0 }, 32).optimizerState).toBe(0);
    expect(memoryAt(doc, { optimizer: 'sgd', momentum: 0.9 }, 32).optimizerState).toBe(61706 * 4);
  });

  it('counts no gradients or optimizer state for frozen layers (ResNet-18 frozen before fc: only fc\'s 513,000)', () => {
    const doc = freezeBefore(buildTemplate('resnet18')!, 'fc');
    const m = memoryAt(doc, { optimizer: 'adam', momentum: 0 }, 8);
    const all = memoryAt(buildTemplate('resnet18')!, { optimizer: 'adam', momentum: 0 }, 8);
    expect(m.gradients).toBe(513_000 * 4);
    expect(m.optimizerState).toBe(2 * 513_000 * 4);
    expect(m.weights).toBe(all.weights);
    expect(all.gradients).toBe(11_689_512 * 4);
  });
});

describe('estimateRun', () => {
  it('says LeNet-5 fits, and turns a probe into seconds per epoch', () => {
    const e = estimateRun(lenet5(), { optimizer: 'adam', momentum: 0, batchSize: 32 }, { totalMemory: 8 * GiB, freeMemory: 6 * GiB, backend: 'wasm' }, {
      type: 'probe',
      engine: 'tfjs',
      backend: 'wasm',
      samplesPerSecond: 1000,
      trainSamples: 8000,
      valSamples: 3000,
    });
    expect(e.fits).toBe(true);
    expect(e.warning).toBeUndefined();
    expect(e.available).toEqual({ totalMemory: 8 * GiB, freeMemory: 6 * GiB, limit: WASM_HEAP_LIMIT, limitReason: "the wasm backend's 4 GiB heap" });
    // Validation not timed (the torch probe's case): taken as 3× the training speed.
    expect(e.time).toEqual({ engine: 'tfjs', backend: 'wasm', samplesPerSecond: 1000, valSamplesPerSecond: 3000, epochOverheadSeconds: 0, trainSamples: 8000, valSamples: 3000, secondsPerEpoch: 9 });
  });

  it('adds validation at its own timed speed and the epoch report\'s fixed cost', () => {
    const e = estimateRun(lenet5(), { optimizer: 'adam', momentum: 0, batchSize: 32 }, { totalMemory: 8 * GiB, freeMemory: 6 * GiB, backend: 'wasm' }, {
      type: 'probe',
      engine: 'tfjs',
      backend: 'wasm',
      samplesPerSecond: 1000,
      valSamplesPerSecond: 6000,
      epochOverheadSeconds: 0.25,
      trainSamples: 8000,
      valSamples: 3000,
    });
    expect(e.time?.secondsPerEpoch).toBe(8 + 0.5 + 0.25);
  });

  it('warns when VGG-16 at batch 256 will not fit, and suggests a batch size that does', () => {
    const vgg = buildTemplate('vgg16')!;
    const e = estimateRun(vgg, { optimizer: 'adam', momentum: 0, batchSize: 256 }, { totalMemory: 16 * GiB, freeMemory: 12 * GiB, backend: 'wasm' });
    expect(e.fits).toBe(false);
    expect(e.suggestedBatchSize).toBeLessThan(256);
    expect(memoryAt(vgg, { optimizer: 'adam', momentum: 0 }, e.suggestedBatchSize!).total).toBeLessThanOrEqual(0.8 * WASM_HEAP_LIMIT);
    expect(memoryAt(vgg, { optimizer: 'adam', momentum: 0 }, e.suggestedBatchSize! * 2).total).toBeGreaterThan(0.8 * WASM_HEAP_LIMIT);
    expect(e.warning).toMatch(/^This run needs about [\d.]+ GiB \([\d.]+ GiB of it activations for a batch of 256\), and the wasm backend's 4 GiB heap allows 4\.0 GiB: it will not fit — try a batch size of \d+\.$/);
    expect(e.time).toBeUndefined();
  });

  it('holds a torch run on CUDA to the GPU’s memory, not the machine’s', () => {
    const vgg = buildTemplate('vgg16')!;
    const settings = { optimizer: 'adam', momentum: 0, batchSize: 256 } as const;
    const machine = { totalMemory: 128 * GiB, freeMemory: 120 * GiB, backend: 'torch' };
    expect(estimateRun(vgg, settings, machine).fits).toBe(true);
    const e = estimateRun(vgg, settings, { ...machine, gpuMemory: 16 * GiB });
    expect(e.fits).toBe(false);
    expect(e.available).toMatchObject({ limit: 16 * GiB, limitReason: "the GPU's memory" });
    expect(e.warning).toMatch(/and the GPU's memory allows 16\.0 GiB: it will not fit — try a batch size of \d+\.$/);
    expect(memoryAt(vgg, settings, e.suggestedBatchSize!).total).toBeLessThanOrEqual(0.8 * 16 * GiB);
  });
});
