/** The store's actions: loading, fixes, and routing trainer events to the right run. */
import { beforeEach, describe, expect, it } from 'vitest';
import { inferenceOf } from '../../../shared/document/inference';
import { loadDocument } from '../../../shared/graph/load';
import { emptyDocument } from '../../../shared/graph/schema';
import { inferGraph } from '../../../shared/infer';
import { lenet5 } from '../../../shared/templates/lenet5';
import { useApp } from '../../../renderer/src/store/store';
import { flowNodesOf } from '../../../renderer/src/canvas/flowElements';

const store = () => useApp.getState();

beforeEach(() => {
  store().replaceDocument(lenet5());
});

describe('store', () => {
  it('derives the inference once per graph', () => {
    const doc = store().doc;
    expect(inferenceOf(doc)).toBe(inferenceOf(doc));
    expect(inferenceOf(doc).totals.params).toBe(61_706);
    store().rename('Same graph');
    expect(inferenceOf(store().doc)).toBe(inferenceOf(doc));
    store().setLabel('c1', 'first');
    expect(inferenceOf(store().doc)).not.toBe(inferenceOf(doc));
  });

  it('gives the canvas the very same flow nodes after an edit of parameters, so that it does not re-render', () => {
    const before = flowNodesOf(store());
    expect(flowNodesOf(store())).toBe(before);
    store().setParams('c1', { filters: 12 });
    expect(flowNodesOf(store())).toBe(before);
    store().setLabel('c1', 'first');
    const renamed = flowNodesOf(store());
    expect(renamed).not.toBe(before);
    expect(renamed.find((n) => n.id === 'c1')!.ariaLabel).toBe('Conv2D first');
    expect(renamed.filter((n, i) => n !== before[i]).map((n) => n.id)).toEqual(['c1']);
    store().selectNode('s2');
    expect(flowNodesOf(store()).find((n) => n.selected)!.id).toBe('s2');
  });

  it('keeps the open document when a file does not load, and says why', () => {
    const before = store().doc;
    const result = loadDocument('{ nope');
    if (result.ok) throw new Error('expected a failure');
    store().openFailed(result.error, 'nope.json');
    expect(store().doc).toBe(before);
    expect(store().loadError?.code).toBe('notJson');
    expect(store().alert?.message).toMatch(/^Could not open nope\.json: The file is not JSON/);
    store().replaceDocument(emptyDocument());
    expect(store().alert).toBeNull();
  });

  it('applies a fix that changes parameters', () => {
    store().setParams('c1', { kernel: 40, padding: 'valid' });
    const error = inferenceOf(store().doc).nodes['c1']!.error!;
    expect(error.message).toContain('(28 + 2·0 − 40) / 1 + 1 = -11');
    store().applyFix('c1', error.fixes[0]!);
    expect(inferGraph(store().doc.graph).errors).toEqual([]);
  });

  it('takes events of its own run only, and none after the run ended', () => {
    store().trainRequested();
    store().trainEvent({ type: 'train', runId: 'r1', event: { type: 'start', engine: 'tfjs', backend: 'wasm', epochs: 3, batchesPerEpoch: 5, trainSamples: 160, valSamples: 10 } });
    expect(store().training).toMatchObject({ runId: 'r1', status: 'running', backend: 'wasm' });
    store().trainStarted('r1');
    store().trainEvent({ type: 'train', runId: 'old', event: { type: 'batch', epoch: 1, batch: 1, batches: 5, loss: 1, acc: 0 } });
    expect(store().training.points).toEqual([]);
    store().trainEvent({ type: 'train', runId: 'r1', event: { type: 'batch', epoch: 1, batch: 1, batches: 5, loss: 1, acc: 0 } });
    expect(store().training.points).toHaveLength(1);
    store().trainEnded('stopped');
    store().trainEvent({ type: 'train', runId: 'r1', event: { type: 'batch', epoch: 1, batch: 2, batches: 5, loss: 1, acc: 0 } });
    expect(store().training).toMatchObject({ status: 'stopped', points: [{ step: 1 }] });
  });

  it('shows a trainer error in the alert banner', () => {
    store().trainRequested();
    store().trainStarted('r2');
    store().trainEvent({ type: 'train', runId: 'r2', event: { type: 'error', message: 'MNIST images are 28×28×1' } });
    expect(store().training.status).toBe('error');
    expect(store().alert).toEqual({ source: 'train', message: 'Training failed: MNIST images are 28×28×1' });
  });
});
