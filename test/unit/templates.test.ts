import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { saveDocument } from '../../shared/graph/load';
import { inferGraph } from '../../shared/infer';
import { templates } from '../../shared/templates/index';

describe('stored templates', () => {
  it.each(templates.map((t) => [t.id, t] as const))('templates/%s.netwright.json is what its builder makes (run `npm run templates`)', (id, t) => {
    const stored = readFileSync(join(__dirname, '..', '..', 'templates', `${id}.netwright.json`), 'utf8');
    expect(stored).toBe(saveDocument(t.build()));
  });
  it.each(templates.map((t) => [t.id, t] as const))('%s has no shape error', (_, t) => {
    expect(inferGraph(t.build().graph).errors).toEqual([]);
  });
});
