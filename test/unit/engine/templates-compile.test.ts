/**
 * Every template compiles to a tfjs model whose trainable and non-trainable weights add up to
 * the shape engine's counts, and whose output shape is the engine's.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { pickBackend } from '../../../node/engine/backend/choose';
import { compileDocument } from '../../../node/engine/model/compile';
import { inferGraph } from '../../../shared/infer';
import { templates } from '../../../shared/templates/index';

beforeAll(async () => {
  await pickBackend('cpu');
});

const count = (weights: tf.LayerVariable[]) => weights.reduce((n, w) => n + (w.shape as number[]).reduce((a, b) => a * b, 1), 0);

describe('templates compile with tfjs', () => {
  it.each(templates.map((t) => [t.id, t] as const))('%s: tfjs counts the same parameters', (_, t) => {
    const doc = t.build();
    const inf = inferGraph(doc.graph, doc.blocks);
    const last = inf.order.at(-1)!;
    const model = compileDocument(doc);
    try {
      expect(count(model.trainableWeights)).toBe(inf.totals.params);
      expect(count(model.nonTrainableWeights)).toBe(inf.totals.nonTrainable);
      expect(model.countParams()).toBe(inf.totals.params + inf.totals.nonTrainable);
      expect(model.outputs[0]!.shape.slice(1)).toEqual(inf.nodes[last]!.shape);
    } finally {
      model.dispose();
    }
  }, 300_000);
});
