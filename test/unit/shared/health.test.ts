/**
 * The health thresholds and words (shared/health.ts): which figures make which warning, with the
 * figure and hint it shows; a block instance gathers its inner layers' figures; the event parses
 * from JSON, where a figure that blew up is null.
 */
import { describe, expect, it } from 'vitest';
import { TrainEventSchema } from '../../../shared/api';
import { healthLine, healthOfNode, healthWarnings, nodeWarnings, warningText, type NodeHealth } from '../../../shared/health';

const node = (h: Partial<NodeHealth>): NodeHealth => ({ node: 'c1', layer: 'C1', weightNorm: 1, gradNorm: 0.5, updateRatio: 0.001, ...h });

describe('nodeWarnings', () => {
  it('is silent on healthy figures', () => {
    expect(nodeWarnings(node({}))).toEqual([]);
    expect(nodeWarnings(node({ dead: 0.5, units: 6 }))).toEqual([]);
  });

  it('flags an exploding gradient from the update ratio, the gradient norm, or a step that is not finite', () => {
    expect(nodeWarnings(node({ updateRatio: 4.8 }))).toEqual([{ node: 'c1', issue: 'exploding', figure: '‖Δw‖/‖w‖ = 4.8 per step (healthy ≈ 0.001), gradient norm 0.5', hint: 'Lower the learning rate (e.g. ÷10), or add BatchNorm.' }]);
    expect(nodeWarnings(node({ gradNorm: 5e4 }))[0]).toMatchObject({ issue: 'exploding', figure: 'gradient norm 5.0e+4' });
    expect(nodeWarnings(node({ gradNorm: null, updateRatio: null }))[0]).toMatchObject({ issue: 'exploding', figure: 'gradient norm NaN/∞, ‖Δw‖/‖w‖ NaN/∞: the step is not finite' });
  });

  it('flags a vanishing gradient relative to the weights, and dead units above half', () => {
    expect(nodeWarnings(node({ gradNorm: 1e-9, updateRatio: 1e-9 }))).toEqual([{ node: 'c1', issue: 'vanishing', figure: '‖∇w‖/‖w‖ = 1.0e-9', hint: 'Add BatchNorm, or use a residual block so the gradient has a short path back.' }]);
    const dead = nodeWarnings(node({ dead: 0.75, units: 32 }));
    expect(dead).toEqual([{ node: 'c1', issue: 'dead', figure: '75 % of 32 units were zero for the whole batch', hint: 'Lower the learning rate, or add BatchNorm before the ReLU.' }]);
    expect(warningText(dead[0]!)).toBe('c1 — Dead units: 75 % of 32 units were zero for the whole batch. Lower the learning rate, or add BatchNorm before the ReLU.');
  });
});

describe('a health event', () => {
  const event = {
    type: 'health' as const,
    epoch: 1,
    batch: 4,
    step: 4,
    nodes: [node({ node: 'b1/conv', updateRatio: 2 }), node({ node: 'b1/relu', layer: 'b1_relu', weightNorm: undefined, gradNorm: undefined, updateRatio: undefined, dead: 0.9, units: 10 }), node({ node: 'b10/conv' })],
  };

  it('gives a block instance its inner layers\' figures, and no other instance\'s', () => {
    expect(healthOfNode(event, 'b1').map((n) => n.node)).toEqual(['b1/conv', 'b1/relu']);
    expect(healthWarnings({ nodes: healthOfNode(event, 'b1') }).map((w) => [w.node, w.issue])).toEqual([
      ['b1/conv', 'exploding'],
      ['b1/relu', 'dead'],
    ]);
    expect(healthOfNode(event, 'b10')).toHaveLength(1);
    expect(healthLine(event.nodes[0]!)).toBe('‖∇w‖ 0.5 · ‖Δw‖/‖w‖ 2');
  });

  it('parses as a trainer event from JSON, where NaN and ∞ became null', () => {
    const sent = JSON.parse(JSON.stringify({ ...event, nodes: [{ node: 'c1', layer: 'C1', weightNorm: 1, gradNorm: Number.NaN, updateRatio: Number.POSITIVE_INFINITY }] }));
    const parsed = TrainEventSchema.parse(sent);
    expect(parsed.type === 'health' && nodeWarnings(parsed.nodes[0]!)[0]!.issue).toBe('exploding');
    expect(TrainEventSchema.safeParse({ ...event, nodes: [{ node: 'c1', layer: 'C1', dead: 1.5 }] }).success).toBe(false);
  });
});
