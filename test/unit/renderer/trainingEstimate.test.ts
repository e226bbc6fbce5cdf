/** When the estimate asks the engine again, how it writes time per epoch, and which engine it timed. */
import { describe, expect, it } from 'vitest';
import { buildTemplate } from '../../../shared/templates';
import { speedText } from '../../../renderer/src/training/progress';
import { estimateKey } from '../../../renderer/src/store/trainingView';

const lenet = buildTemplate('lenet5')!;

describe('estimateKey', () => {
  it('ignores where the layers sit on the canvas', () => {
    const moved = { ...lenet, graph: { ...lenet.graph, nodes: lenet.graph.nodes.map((n) => ({ ...n, position: { x: n.position.x + 50, y: 0 } })) } };
    expect(estimateKey(moved, 'tfjs')).toBe(estimateKey(lenet, 'tfjs'));
  });

  it('changes with a layer parameter, a training setting or the engine', () => {
    const base = estimateKey(lenet, 'tfjs');
    const [first, ...rest] = lenet.graph.nodes;
    const widened = { ...lenet, graph: { ...lenet.graph, nodes: [{ ...first!, params: { ...first!.params, extra: 1 } }, ...rest] } };
    expect(estimateKey(widened, 'tfjs')).not.toBe(base);
    expect(estimateKey({ ...lenet, training: { ...lenet.training, batchSize: 64 } }, 'tfjs')).not.toBe(base);
    expect(estimateKey(lenet, 'torch')).not.toBe(base);
  });
});

describe('speedText', () => {
  it('names the engine the speed was measured on', () => {
    const time = { backend: 'cpu', samplesPerSecond: 1949.6, valSamplesPerSecond: 5848.8, epochOverheadSeconds: 0, trainSamples: 8000, valSamples: 2000, secondsPerEpoch: 4.26 };
    expect(speedText({ ...time, engine: 'torch' })).toBe('4.3 s per epoch · 1,950 samples/s (torch · cpu)');
    expect(speedText({ ...time, engine: 'tfjs', backend: 'wasm' })).toBe('4.3 s per epoch · 1,950 samples/s (tfjs · wasm)');
  });
});
