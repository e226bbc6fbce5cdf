/**
 * The loader under fire: seeded random documents and mutations of real ones. None may crash it,
 * and whatever it accepts must be a valid document whose references hold and which saves and
 * loads back to itself. Seeds that once failed are kept in test/fixtures/fuzz-regressions.json.
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDocument, loadValue, saveDocument } from '../../../shared/graph/load';
import { DocumentSchema } from '../../../shared/graph/schema';
import { templates } from '../../../shared/templates/index';

const RUNS = 10_000;
const SEED = 20261126;
const regressions = JSON.parse(readFileSync(join(__dirname, '..', '..', 'fixtures', 'fuzz-regressions.json'), 'utf8')) as { seed: number; path: string }[];

/** What must hold for any input: no throw; an accepted document is valid and round-trips. */
function check(input: unknown) {
  const r = typeof input === 'string' ? loadDocument(input) : loadValue(input);
  if (!r.ok) {
    expect(typeof r.error.message).toBe('string');
    return false;
  }
  expect(DocumentSchema.safeParse(r.doc).success).toBe(true);
  const ids = new Set(r.doc.graph.nodes.map((n) => n.id));
  for (const e of r.doc.graph.edges) expect(ids.has(e.source) && ids.has(e.target)).toBe(true);
  expect(loadDocument(saveDocument(r.doc))).toEqual({ ok: true, doc: r.doc });
  return true;
}

const small = templates.filter((t) => ['lenet5', 'googlenet', 'resnet18', 'mini-vgg'].includes(t.id)).map((t) => JSON.parse(saveDocument(t.build())));

/** A mutation: set a random path of a real document to a random JSON value, or delete it. */
const mutated = fc
  .tuple(fc.constantFrom(...small), fc.array(fc.nat(), { minLength: 1, maxLength: 6 }), fc.oneof(fc.jsonValue(), fc.constant(undefined)))
  .map(([doc, steps, value]) => {
    const copy = structuredClone(doc);
    let at: any = copy;
    for (let i = 0; i < steps.length - 1 && at && typeof at === 'object'; i++) {
      const keys = Object.keys(at);
      if (keys.length === 0) break;
      const next = at[keys[steps[i]! % keys.length]!];
      if (!next || typeof next !== 'object') break;
      at = next;
    }
    const keys = Object.keys(at ?? {});
    if (keys.length && at && typeof at === 'object') {
      const key = keys[steps.at(-1)! % keys.length]!;
      if (value === undefined) delete at[key];
      else at[key] = value;
    }
    return copy;
  });

const arbitrary = fc.oneof(
  { weight: 3, arbitrary: mutated },
  { weight: 1, arbitrary: fc.jsonValue() },
  { weight: 1, arbitrary: fc.string() },
  { weight: 1, arbitrary: fc.record({ format: fc.constant('netwright'), version: fc.oneof(fc.integer(), fc.double()), graph: fc.jsonValue() }) },
);

describe('loader fuzzing', () => {
  it(`survives ${RUNS.toLocaleString('en-US')} random and mutated documents (seed ${SEED})`, () => {
    let accepted = 0;
    fc.assert(
      fc.property(arbitrary, (input) => {
        if (check(input)) accepted++;
      }),
      { numRuns: RUNS, seed: SEED },
    );
    console.log(`loader fuzz: ${RUNS} cases, ${accepted} accepted as valid documents, ${RUNS - accepted} refused with a message`);
    expect(accepted).toBeGreaterThan(100);
  });

  it.each(regressions.map((r) => [r.seed, r] as const))('keeps regression seed %i', (_, r) => {
    fc.assert(fc.property(arbitrary, (input) => void check(input)), { seed: r.seed, path: r.path, numRuns: 1 });
  });

  it('saves and loads back every template unchanged', () => {
    for (const t of templates) {
      const doc = t.build();
      expect(loadDocument(saveDocument(doc))).toEqual({ ok: true, doc });
    }
  });
});
