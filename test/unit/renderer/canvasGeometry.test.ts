/** The overview's geometry, the size estimate that spares React Flow measuring every layer, and when a flow node is kept. */
import { describe, expect, it } from 'vitest';
import { lenet5 } from '../../../shared/templates/lenet5';
import { estimatedNode, portsInUse } from '../../../renderer/src/canvas/nodeEstimate';
import { boundsOf, draggedBoxes, fitInto, overviewBoxes, sameLayout } from '../../../renderer/src/canvas/overviewGeometry';
import { sameOnCanvas } from '../../../renderer/src/canvas/flowElements';
import type { GraphNode } from '../../../shared/graph/schema';
import { emptyView } from '../../../renderer/src/store/flowChanges';

describe('overview geometry', () => {
  it('places boxes where nodes are, mid-drag too, with measured or typical sizes', () => {
    const doc = lenet5();
    const c1 = doc.graph.nodes[1]!;
    const boxes = overviewBoxes(doc.graph.nodes, { c1: { width: 200, height: 60 } });
    expect(boxes.get('c1')).toEqual({ ...c1.position, width: 200, height: 60 });
    expect(boxes.get('s2')).toMatchObject({ width: 160, height: 44 });
    expect(overviewBoxes([c1], emptyView.measured).get('c1')).toMatchObject(c1.position);
    // Mid-drag, only the dragged layers get boxes of their own, where they are now.
    const moved = draggedBoxes(boxes, { c1: { x: 5, y: 7 } });
    expect([...moved]).toEqual([['c1', { x: 5, y: 7, width: 200, height: 60 }]]);
  });

  it('fits the bounds of everything, centred, with a margin', () => {
    const bounds = boundsOf([{ x: 0, y: 0, width: 100, height: 10 }], { x: -100, y: 0, width: 100, height: 500 })!;
    expect(bounds).toEqual({ x: -100, y: 0, width: 200, height: 500 });
    const fit = fitInto({ x: 0, y: 0, width: 1000, height: 500 }, 110, 110);
    expect(fit.k).toBeCloseTo(0.1);
    expect(fit.x).toBeCloseTo(-50);
    expect(fit.y).toBeCloseTo(-300);
    expect(boundsOf([])).toBeUndefined();
  });
});

describe('node estimates', () => {
  it('gives every node the input handles its edges use', () => {
    const edges = [
      { id: 'a', source: 'x', target: 'cat', targetPort: 0 },
      { id: 'b', source: 'y', target: 'cat', targetPort: 2 },
      { id: 'c', source: 'cat', target: 'z', targetPort: 0 },
    ];
    const ports = portsInUse(edges);
    expect(ports.get('cat')).toBe(3);
    expect(ports.get('z')).toBe(1);
    expect(portsInUse(edges)).toBe(ports);
    const est = estimatedNode(3, false);
    expect(est.handles.map((h) => h.id)).toEqual(['in-0', 'in-1', 'in-2', 'out']);
    expect(est.handles.at(-1)).toMatchObject({ type: 'source', x: est.initialWidth, y: est.initialHeight / 2 });
    expect(estimatedNode(1, true).handles[0]).toMatchObject({ position: 'top', x: est.initialWidth / 2, y: 0 });
  });
});

describe('sameLayout', () => {
  const node = (id: string, x: number, kind = 'Conv2D', params: Record<string, unknown> = { filters: 8 }) => ({ id, kind, params, position: { x, y: 0 } }) as GraphNode;
  const a = [node('in', 0, 'Input'), node('c1', 240)];

  it('holds when only parameters changed (the overview need not repaint)', () => {
    expect(sameLayout(a, a)).toBe(true);
    expect(sameLayout(a, [a[0]!, node('c1', 240, 'Conv2D', { filters: 16 })])).toBe(true);
  });

  it('fails when a layer moved, changed kind, was added, removed or reordered', () => {
    expect(sameLayout(a, [a[0]!, node('c1', 241)])).toBe(false);
    expect(sameLayout(a, [a[0]!, node('c1', 240, 'MaxPool2D')])).toBe(false);
    expect(sameLayout(a, [...a, node('c2', 480)])).toBe(false);
    expect(sameLayout(a, [a[0]!])).toBe(false);
    expect(sameLayout(a, [a[1]!, a[0]!])).toBe(false);
  });
});

describe('sameOnCanvas', () => {
  const conv = { id: 'c1', kind: 'Conv2D', label: 'C1', params: { filters: 6 }, position: { x: 0, y: 0 } } as GraphNode;

  it('keeps a node React Flow already has when only its parameters changed', () => {
    expect(sameOnCanvas(conv, { ...conv, params: { filters: 16 } })).toBe(true);
    expect(sameOnCanvas(conv, { ...conv, position: { x: 0, y: 0 } })).toBe(true);
  });

  it('rebuilds it when its kind, label or position changed', () => {
    expect(sameOnCanvas(conv, { ...conv, kind: 'MaxPool2D' })).toBe(false);
    expect(sameOnCanvas(conv, { ...conv, label: 'conv one' })).toBe(false);
    expect(sameOnCanvas(conv, { ...conv, position: { x: 1, y: 0 } })).toBe(false);
  });
});
