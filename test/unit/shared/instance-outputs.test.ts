/**
 * Each block instance's output layer, as the expanded graph wires it: the node the edges that
 * left the instance now come from. ResNet-18's and GoogLeNet's instances, and a block nested in
 * a block (DenseNet's dense block of dense layers).
 */
import { describe, expect, it } from 'vitest';
import { instanceOutputs } from '../../../shared/blocks/outputs';
import { expandDocument } from '../../../shared/blocks/expand';
import { buildTemplate } from '../../../shared/templates/index';

describe('instanceOutputs', () => {
  it.each(['resnet18', 'googlenet', 'resnet56-cifar'])('%s: every top-level instance ends in the layer its outgoing edges leave from once expanded', (id) => {
    const doc = buildTemplate(id)!;
    const expanded = expandDocument(doc);
    const outputs = instanceOutputs(doc);
    const topLevel = doc.graph.nodes.filter((n) => n.kind.startsWith('block:'));
    expect(outputs.filter((o) => !o.node.includes('/')).map((o) => o.node)).toEqual(topLevel.map((n) => n.id));
    for (const o of outputs.filter((x) => !x.node.includes('/'))) {
      // The edges from inside the instance to the rest of the network, once expanded.
      const leaving = expanded.graph.edges.filter((e) => e.source.startsWith(`${o.node}/`) && !e.target.startsWith(`${o.node}/`));
      expect(leaving.length).toBeGreaterThan(0);
      expect(new Set(leaving.map((e) => e.source))).toEqual(new Set([o.layer]));
    }
  });

  it("follows a block nested in a block to the inner one's layer, with the labels as the expanded graph writes them", () => {
    const doc = buildTemplate('densenet121')!;
    const expanded = new Map(expandDocument(doc).graph.nodes.map((n) => [n.id, n]));
    const outputs = instanceOutputs(doc);
    const nested = outputs.filter((o) => o.node.split('/').length === 2);
    expect(nested.length).toBe(6 + 12 + 24 + 16);
    const outer = outputs.find((o) => !o.node.includes('/') && o.layer.split('/').length === 3)!;
    // A dense block's output is its last dense layer's concatenation, two levels down.
    expect(expanded.get(outer.layer)!.kind).toBe('Concatenate');
    expect(expanded.get(outer.layer)!.label).toBe(`${outer.label}/${outputs.find((o) => o.node === outer.layer.split('/').slice(0, 2).join('/'))!.label.split('/')[1]}/concat`);
  });
});
