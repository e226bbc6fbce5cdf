/**
 * Exporting twice the layers costs twice the work, not four times: a 50,000-layer document once
 * took 88 s to export to PyTorch (issue #21). Counted in operations (test/unit/growth.ts), never
 * in time: each super-linear step removed then (an Array.find per layer, a chain walked again from
 * each of its layers, names "conv_2", "conv_3"… tried from the start each time) made this 2.4–3.5.
 */
import { describe, expect, it } from 'vitest';
import { toKeras, toPyTorch, toTfjs } from '../../../shared/codegen/index';
import { growingDocument, growth } from '../growth';

describe('code export grows linearly with the graph', () => {
  it.each([
    ['PyTorch', toPyTorch],
    ['Keras', toKeras],
    ['TensorFlow.js', toTfjs],
  ])('%s: 1,600 layers cost about twice 800', (_, write) => {
    const ratio = growth(growingDocument, write, 800);
    expect(ratio).toBeGreaterThan(1.8);
    expect(ratio).toBeLessThan(2.2);
  });
});
