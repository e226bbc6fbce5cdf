/** Auto-layout with ELK: layers left to right (or top down), branches in parallel lanes, long graphs in rows. */
import { describe, expect, it } from 'vitest';
import { GraphBuilder } from '../../../shared/blocks/builder';
import type { Graph } from '../../../shared/graph/schema';
import { googlenet } from '../../../shared/templates/googlenet';
import { boxesOf, positionsOf, toElkGraph, type Direction } from '../../../renderer/src/layout/elkGraph';
import { foldIntoRows, rowsFor } from '../../../renderer/src/layout/rows';
import { layoutDocument } from '../../../renderer/src/layout/layoutDocument';
import { runElk } from '../../../renderer/src/layout/runElk';
import { needsLayout } from '../../../renderer/src/commands/layout';
import { lenet5 } from '../../../shared/templates/lenet5';

const SIZE = { width: 160, height: 45 };

async function layout(graph: Graph, direction: Direction) {
  const [laidOut] = await runElk([toElkGraph(graph, () => SIZE, { direction })]);
  return positionsOf(laidOut!);
}

/** An Inception-like module: four branches from `x`, two of them two layers deep, concatenated. */
function branches() {
  const g = new GraphBuilder();
  const x = g.add('Input', { height: 28, width: 28, channels: 192 }, [], 'x');
  const b1 = g.add('Conv2D', { filters: 64, kernel: 1 }, x, 'b1');
  const r3 = g.add('Conv2D', { filters: 96, kernel: 1 }, x, 'r3');
  const r5 = g.add('Conv2D', { filters: 16, kernel: 1 }, x, 'r5');
  const p = g.add('MaxPool2D', { size: 3, stride: 1, padding: 1 }, x, 'p');
  const b2 = g.add('Conv2D', { filters: 128, kernel: 3, padding: 1 }, r3, 'b2');
  const b3 = g.add('Conv2D', { filters: 32, kernel: 5, padding: 2 }, r5, 'b3');
  const b4 = g.add('Conv2D', { filters: 32, kernel: 1 }, p, 'b4');
  g.add('Concatenate', { inputs: 4 }, [b1, b2, b3, b4], 'cat');
  return g.graph;
}

describe('auto-layout', () => {
  it('places every layer after the ones that feed it, left to right', async () => {
    const graph = branches();
    const at = await layout(graph, 'RIGHT');
    for (const e of graph.edges) expect(at.get(e.source)!.x + SIZE.width).toBeLessThan(at.get(e.target)!.x);
  });

  it('keeps parallel branches in lanes, in the order of the merge’s inputs', async () => {
    const at = await layout(branches(), 'RIGHT');
    const y = (id: string) => at.get(id)!.y;
    // Each two-layer branch is one straight lane.
    expect(y('r3')).toBe(y('b2'));
    expect(y('r5')).toBe(y('b3'));
    expect(y('p')).toBe(y('b4'));
    // Input 1 of the concatenation is the top lane, input 4 the bottom one.
    expect(y('b1')).toBeLessThan(y('b2'));
    expect(y('b2')).toBeLessThan(y('b3'));
    expect(y('b3')).toBeLessThan(y('b4'));
  });

  it('lays out top to bottom, the branches side by side from the left', async () => {
    const graph = branches();
    const at = await layout(graph, 'DOWN');
    for (const e of graph.edges) expect(at.get(e.source)!.y + SIZE.height).toBeLessThan(at.get(e.target)!.y);
    const x = (id: string) => at.get(id)!.x;
    expect(x('b1')).toBeLessThan(x('b2'));
    expect(x('b3')).toBeLessThan(x('b4'));
  });

  it('folds a long chain into rows that read left to right', async () => {
    const g = new GraphBuilder();
    let x = g.add('Input', { height: 8, width: 8, channels: 1 });
    for (let i = 0; i < 30; i++) x = g.add('Activation', {}, x);
    const [laidOut] = await runElk([toElkGraph(g.graph, () => SIZE, { direction: 'RIGHT' })]);
    // 31 layers of 160 + 96 px: no zoom fits 940 × 560 px readably, so rows as wide as the view at 0.75.
    const rows = rowsFor({ width: laidOut!.width!, height: laidOut!.height! }, { width: 940, height: 560 }, 56);
    expect(rows).toBe(Math.ceil((31 * 256 - 96) * 0.75 / (940 / 1.2)));
    const at = foldIntoRows(boxesOf(laidOut!), rows, 56);
    const ys = [...new Set([...at.values()].map((p) => p.y))].sort((a, b) => a - b);
    expect(ys).toHaveLength(rows);
    const ids = g.graph.nodes.map((n) => n.id);
    for (let i = 1; i < ids.length; i++) {
      const [a, b] = [at.get(ids[i - 1]!)!, at.get(ids[i]!)!];
      // The next layer is to the right on the same row, or starts the next row.
      if (a.y === b.y) expect(b.x).toBeGreaterThan(a.x);
      else expect(b.y).toBeGreaterThan(a.y);
    }
    // Every row fits the view at the readable zoom.
    expect(Math.max(...[...at.values()].map((p) => p.x)) + SIZE.width).toBeLessThanOrEqual((940 / 1.2 / 0.75) * 1.1);
  });

  it('lays out a template and its block definitions, keeping the graph otherwise the same', async () => {
    const doc = googlenet();
    const out = await layoutDocument(doc, { direction: 'RIGHT', view: { width: 960, height: 600 } });
    expect(out.graph.edges).toBe(doc.graph.edges);
    expect(out.graph.nodes.map((n) => n.id)).toEqual(doc.graph.nodes.map((n) => n.id));
    const rows = new Set(out.graph.nodes.map((n) => n.position.y));
    expect(rows.size).toBeGreaterThan(1);
    const inception = out.blocks[0]!.graph.nodes;
    const y = (label: string) => inception.find((n) => n.label === label)!.position.y;
    expect(y('3×3 reduce')).toBe(y('3×3'));
    expect(y('pool 3×3')).toBe(y('pool proj'));
    expect(y('1×1')).toBeLessThan(y('3×3'));
  });

  it('knows a graph that needs a layout to be read: one long row, or layers on top of each other', async () => {
    const row = lenet5();
    expect(needsLayout(row)).toBe(true);
    expect(needsLayout(await layoutDocument(row, { direction: 'RIGHT', view: { width: 940, height: 560 } }))).toBe(false);
    const stacked = { ...row, graph: { ...row.graph, nodes: row.graph.nodes.map((n) => ({ ...n, position: { x: 0, y: 0 } })) } };
    expect(needsLayout(stacked)).toBe(true);
  });
});
