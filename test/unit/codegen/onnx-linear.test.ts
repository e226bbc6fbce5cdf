/**
 * ONNX export grows linearly with the graph, as the code generators do (linear.test.ts): counted
 * in operations (test/unit/growth.ts), never in time. Every layer of the growing document is a
 * 3×3 convolution of 8 channels or a BatchNorm of 8, so one set of weights fits them all.
 */
import { describe, expect, it } from 'vitest';
import { toOnnx, type LayerWeights } from '../../../shared/codegen/onnx/index';
import { growingDocument, growth } from '../growth';

const eight = () => new Float32Array(8);
const same: LayerWeights = { kernel: new Float32Array(3 * 3 * 8 * 8), gamma: eight(), beta: eight(), moving_mean: eight(), moving_variance: eight() };
/** The same weights for every layer, handed out without a lookup. */
class SameWeights extends Map<string, LayerWeights> {
  override get(): LayerWeights {
    return same;
  }
}

describe('ONNX export grows linearly with the graph', () => {
  it('1,600 layers cost about twice 800', () => {
    const ratio = growth(growingDocument, (doc) => toOnnx(doc, { weights: new SameWeights(), from: 'zeros' }), 800);
    expect(ratio).toBeGreaterThan(1.8);
    expect(ratio).toBeLessThan(2.2);
  });
});
