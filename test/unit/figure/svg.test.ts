import { describe, expect, it } from 'vitest';
import { isFigureLayout, toSvg, type FigureLayout } from '../../../shared/figure/svg';
import { fitText, textWidth } from '../../../shared/figure/text';
import { buildTemplate, templateIds } from '../../../shared/templates/index';
import { contains, crosses, figureDocuments, handmade, inside, overlaps, parseSvg, textBox } from './figures';

const LAYOUTS: FigureLayout[] = ['rows', 'column'];

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

  it('lays out in rows unless asked for a column', () => {
    const doc = buildTemplate('resnet18')!;
    expect(toSvg(doc, { layout: 'rows' })).toBe(toSvg(doc));
    expect(toSvg(doc, { layout: 'column' })).not.toBe(toSvg(doc));
    expect(isFigureLayout('column')).toBe(true);
    expect(isFigureLayout('grid')).toBe(false);
  });
});

describe.each(LAYOUTS)('every figure in the %s layout', (layout) => {
  const figures = figureDocuments().map(([name, doc]) => ({ name, doc, svg: parseSvg(toSvg(doc, { legend: true, layout })), text: toSvg(doc, { legend: true, layout }) }));

  it('has no coordinate outside its viewBox', () => {
    for (const { name, svg } of figures) {
      const outside = svg.coordinates.filter((p) => !inside(svg.viewBox, p));
      expect(outside, name).toEqual([]);
      expect(svg.coordinates.length, name).toBeGreaterThan(10);
    }
  });

  it('has no text wider than its box, and no label outside the picture or over a box', () => {
    for (const { name, svg } of figures) {
      for (const { box, texts } of svg.nodes) {
        expect(texts, name).toHaveLength(2);
        for (const t of texts) expect(t.x + t.width, `${name}: ${t.runs.map((r) => r.text).join('')}`).toBeLessThanOrEqual(box.x + box.width);
      }
      for (const t of [...svg.edgeLabels, ...svg.legend]) expect(contains(svg.viewBox, textBox(t)), `${name}: ${t.runs[0]!.text}`).toBe(true);
      for (const t of svg.edgeLabels) for (const { box } of svg.nodes) expect(overlaps(textBox(t), box), `${name}: ${t.runs[0]!.text}`).toBe(false);
    }
  });

  it('draws every edge, orthogonally, through no box but its ends', () => {
    for (const { name, doc, svg, text } of figures) {
      expect(svg.paths, name).toHaveLength(doc.graph.edges.length);
      expect(svg.nodes, name).toHaveLength(doc.graph.nodes.length);
      expect(text, name).not.toMatch(/ C/);
      for (const { d, ends } of svg.paths) {
        // Straight runs are horizontal or vertical; only the rounded corners (Q, at most 4px each way) are not.
        for (let i = 1; i < ends.length; i++) {
          const [a, b] = [ends[i - 1]!, ends[i]!];
          const diagonal = a[0] !== b[0] && a[1] !== b[1];
          if (diagonal) expect(Math.max(Math.abs(a[0] - b[0]), Math.abs(a[1] - b[1])), `${name}: ${d}`).toBeLessThanOrEqual(4);
          for (const { box } of svg.nodes) expect(crosses(box, a, b), `${name}: ${d}`).toBe(false);
        }
      }
    }
  });

  it('labels each layer output with its tensor shape once', () => {
    for (const { name, doc, svg } of figures.filter((f) => templateIds.includes(f.name))) {
      const sources = new Set(doc.graph.edges.map((e) => e.source));
      expect(svg.edgeLabels, name).toHaveLength(sources.size);
    }
  });
});

describe('the layouts', () => {
  /** A path's straight runs as directions, the rounded corners left out. */
  const directions = (d: string) => {
    const ends = parseSvg(`<svg viewBox="0 0 1 1"><path d="${d}"/></svg>`).paths[0]!.ends;
    const out: string[] = [];
    for (let i = 1; i < ends.length; i++) {
      const [dx, dy] = [ends[i]![0] - ends[i - 1]![0], ends[i]![1] - ends[i - 1]![1]];
      if (Math.abs(dx) <= 4 && Math.abs(dy) <= 4 && dx !== 0 && dy !== 0) continue;
      const dir = dx > 0 ? 'right' : dx < 0 ? 'left' : dy > 0 ? 'down' : 'up';
      if (out.at(-1) !== dir) out.push(dir);
    }
    return out;
  };

  it('rows: an edge to the next row goes right, down, across, down and into its target, inside the picture', () => {
    const svg = parseSvg(toSvg(buildTemplate('resnet18')!));
    const runs = svg.paths.map((p) => directions(p.d));
    const wrapped = runs.filter((r) => r.length > 1);
    expect(wrapped.length).toBeGreaterThan(0);
    for (const r of wrapped) expect(r).toEqual(['right', 'down', 'left', 'down', 'right']);
    expect(runs.filter((r) => r.length === 1).every((r) => r[0] === 'right')).toBe(true);
    expect(svg.viewBox.width).toBeLessThan(2 * svg.viewBox.height * 5);
  });

  it('column: one layer under the other, every edge straight down, its shape beside it', () => {
    const doc = buildTemplate('resnet18')!;
    const svg = parseSvg(toSvg(doc, { layout: 'column' }));
    const xs = new Set(svg.nodes.map((n) => n.box.x));
    expect(xs.size).toBe(1);
    const ys = svg.nodes.map((n) => n.box.y);
    expect(ys).toEqual([...ys].sort((a, b) => a - b));
    for (const p of svg.paths) expect(directions(p.d)).toEqual(['down']);
    expect(svg.edgeLabels.map((t) => t.runs[0]!.text)).toContain('112×112×64');
    for (const t of svg.edgeLabels) expect(t.anchor).toBe('start');
  });

  it('sizes boxes to their titles and shortens what even the widest box cannot hold', () => {
    const resnet = parseSvg(toSvg(buildTemplate('resnet18')!));
    const projection = resnet.nodes.find((n) => n.texts[0]!.runs[0]!.text === 'Residual basic (projection)')!;
    expect(projection.texts[0]!.x + projection.texts[0]!.width).toBeLessThanOrEqual(projection.box.x + projection.box.width);
    const long = parseSvg(toSvg(handmade()));
    const shortened = long.nodes.flatMap((n) => n.texts).filter((t) => t.runs[0]!.text.endsWith('…'));
    expect(shortened.length).toBe(8);
    expect(shortened[0]!.runs[0]!.text.startsWith('conv 0 with a label')).toBe(true);
  });

  it('draws an edge that closes a cycle against the flow, arrow at its start', () => {
    const doc = buildTemplate('lenet5')!;
    const [first, last] = [doc.graph.nodes[1]!.id, doc.graph.nodes.at(-1)!.id];
    doc.graph.edges.push({ id: 'back', source: last, target: first, targetPort: 1 });
    for (const layout of LAYOUTS) {
      const text = toSvg(doc, { layout });
      expect(text.match(/marker-start=/g)).toHaveLength(1);
      const svg = parseSvg(text);
      expect(svg.coordinates.filter((p) => !inside(svg.viewBox, p))).toEqual([]);
    }
  });
});

describe('text widths', () => {
  it('are the sum of the characters’ widths, wider for bold and unknown characters', () => {
    expect(textWidth('', 13)).toBe(0);
    expect(textWidth('ab', 10)).toBeCloseTo(textWidth('a', 10) + textWidth('b', 10));
    expect(textWidth('Conv2D', 13, true)).toBeGreaterThan(textWidth('Conv2D', 13));
    expect(textWidth('字', 10)).toBeGreaterThanOrEqual(10);
    expect(textWidth('i', 10)).toBeLessThan(textWidth('W', 10));
  });

  it('fit: the text when it fits, else its start and an ellipsis within the width, else nothing', () => {
    expect(fitText('Conv2D', 13, true, 200)).toBe('Conv2D');
    const short = fitText('Residual basic (projection)', 13, true, 120);
    expect(short).toMatch(/^Residual.*…$/);
    expect(textWidth(short, 13, true)).toBeLessThanOrEqual(120);
    expect(fitText('Residual', 13, true, 5)).toBe('');
  });
});
