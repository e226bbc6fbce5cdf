import { describe, expect, it } from 'vitest';
import { toSvg } from '../../../shared/figure/svg';
import { buildTemplate } from '../../../shared/templates/index';

describe('figure export (SVG)', () => {
  it('draws every layer with its parameters and shape, every edge with its tensor, and a legend', () => {
    const svg = toSvg(buildTemplate('lenet5')!, { legend: true });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trim().endsWith('</svg>')).toBe(true);
    expect(svg.match(/<g class="node">/g)).toHaveLength(9);
    expect(svg.match(/<g class="edge">/g)).toHaveLength(8);
    expect(svg).toContain('Conv2D <tspan class="caption">6@5×5</tspan>');
    expect(svg).toContain('C1 · 28×28×6');
    expect(svg).toContain('class="edge-label">5×5×16</text>');
    for (const legend of ['Input', 'Convolution', 'Pooling', 'Reshape', 'Dense']) expect(svg).toContain(`class="legend">${legend}</text>`);
    expect(svg).not.toMatch(/button|handle|react-flow/);
  });

  it('draws skip connections and block instances (dashed) and only the selection when asked', () => {
    const doc = buildTemplate('resnet18')!;
    const svg = toSvg(doc);
    expect(svg.match(/stroke-dasharray="4 2"/g)).toHaveLength(8);
    const first = new Set(doc.graph.nodes.slice(0, 3).map((n) => n.id));
    const part = toSvg(doc, { only: first });
    expect(part.match(/<g class="node">/g)).toHaveLength(3);
    expect(part.match(/<g class="edge">/g)).toHaveLength(2);
  });

  it('escapes labels', () => {
    const doc = buildTemplate('lenet5')!;
    doc.graph.nodes[1]!.label = '<script>&"';
    expect(toSvg(doc)).toContain('&lt;script&gt;&amp;&quot;');
  });
});
