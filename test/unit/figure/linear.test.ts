/**
 * Drawing twice the layers costs twice the work, not four times (issue #21), counted in operations
 * (test/unit/growth.ts), never in time. Finding each label's edge by a scan of every edge made
 * the rows layout 3.4.
 */
import { describe, expect, it } from 'vitest';
import { toSvg } from '../../../shared/figure/svg';
import { growingDocument, growth } from '../growth';

describe('the SVG figure grows linearly with the graph', () => {
  it.each(['rows', 'column'] as const)('%s: 1,600 layers cost about twice 800', (layout) => {
    const ratio = growth(growingDocument, (doc) => toSvg(doc, { legend: true, layout }), 800);
    expect(ratio).toBeGreaterThan(1.8);
    expect(ratio).toBeLessThan(2.2);
  });
});
