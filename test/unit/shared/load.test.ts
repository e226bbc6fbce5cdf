import { describe, expect, it } from 'vitest';
import { loadDocument, saveDocument } from '../../../shared/graph/load';
import { lenet5 } from '../../../shared/templates/lenet5';

const text = (mutate: (doc: Record<string, any>) => void) => {
  const doc = JSON.parse(saveDocument(lenet5()));
  mutate(doc);
  return JSON.stringify(doc);
};

describe('loadDocument', () => {
  it('gives back exactly what was saved', () => {
    const doc = lenet5();
    const loaded = loadDocument(saveDocument(doc));
    expect(loaded).toEqual({ ok: true, doc });
  });

  it.each([
    ['not JSON', '{ "format": ', 'notJson', /^The file is not JSON: /],
    ['not a Netwright document', '{"nodes": []}', 'notNetwright', /not a Netwright document/],
    ['an array', '[1, 2]', 'notNetwright', /not a Netwright document/],
    ['a version newer than the app', text((d) => (d.version = 99)), 'versionTooNew', /version 99, newer than this app understands \(3\)/],
    ['a missing version', text((d) => delete d.version), 'invalid', /no valid "version"/],
    ['a bad field, with its path', text((d) => (d.graph.nodes[1].position.x = 'left')), 'invalid', /^Invalid document at "graph\.nodes\.1\.position\.x": /],
    ['a duplicate id', text((d) => (d.graph.nodes[2].id = d.graph.nodes[1].id)), 'duplicateId', /share the id "c1"/],
    ['an edge to a missing node', text((d) => (d.graph.edges[0].target = 'ghost')), 'missingNode', /Edge "e0" in the graph points to a node "ghost" that does not exist/],
    [
      'a cycle, named',
      text((d) => d.graph.edges.push({ id: 'back', source: d.graph.nodes[3].id, target: d.graph.nodes[1].id, targetPort: 0 })),
      'cycle',
      /^The graph has a cycle \(C1 → \S+ → \S+ → C1\); a network must flow one way\.$/,
    ],
    ['an unknown kind', text((d) => (d.graph.nodes[1].kind = 'Conv9D')), 'unknownKind', /Node "c1" has an unknown kind "Conv9D"/],
  ])('refuses %s with a specific error', (_, input, code, message) => {
    const r = loadDocument(input);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe(code);
      expect(r.error.message).toMatch(message);
    }
  });
});
