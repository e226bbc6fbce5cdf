/** Which layers of an expanded document are frozen, and at what learning-rate factor: a frozen block instance freezes every layer inside it. */
import { describe, expect, it } from 'vitest';
import { expandDocument } from '../../../shared/blocks/expand';
import { trainingFlags } from '../../../shared/trainable';
import { buildTemplate } from '../../../shared/templates';

describe('trainingFlags', () => {
  it('gives a block instance\'s flags to every layer inside it, and a node\'s own to it', () => {
    const doc = buildTemplate('resnet18')!;
    const nodes = doc.graph.nodes.map((n) => (n.id === 'layer1-0' ? { ...n, frozen: true as const } : n.id === 'fc' ? { ...n, lrFactor: 10 } : n.id === 'layer2-0' ? { ...n, lrFactor: 0.5 } : n));
    const marked = { ...doc, graph: { ...doc.graph, nodes } };
    const flags = trainingFlags(marked, expandDocument(marked));
    const inner = [...flags.keys()].filter((id) => id.startsWith('layer1-0/'));
    expect(inner.length).toBeGreaterThan(4);
    for (const id of inner) expect(flags.get(id)).toEqual({ frozen: true, lrFactor: 1 });
    expect(flags.get('fc')).toEqual({ frozen: false, lrFactor: 10 });
    expect([...flags.keys()].filter((id) => id.startsWith('layer2-0/')).map((id) => flags.get(id)!.lrFactor)).toContain(0.5);
    expect([...flags.keys()].some((id) => id.startsWith('layer1-1/'))).toBe(false);
  });
});
