/**
 * Document migrations: every entry of the table has a fixture saved by the version it upgrades
 * (so each future migration needs one), and each fixture loads into a valid current document.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDocument } from '../../../shared/graph/load';
import { migrations } from '../../../shared/graph/migrations';
import { DEFAULT_TRAINING, VERSION } from '../../../shared/graph/schema';

const fixture = (v: number) => join(__dirname, '..', '..', 'fixtures', 'migrations', `v${v}.netwright.json`);

describe('migrations', () => {
  it('has one for every older version, and a fixture for each', () => {
    const versions = Object.keys(migrations).map(Number).sort((a, b) => a - b);
    expect(versions).toEqual(Array.from({ length: VERSION - 1 }, (_, i) => i + 1));
    for (const v of versions) {
      expect(existsSync(fixture(v)), `test/fixtures/migrations/v${v}.netwright.json`).toBe(true);
      expect(JSON.parse(readFileSync(fixture(v), 'utf8')).version).toBe(v);
    }
  });

  it('loads every fixture as a current, valid document', () => {
    for (const v of Object.keys(migrations).map(Number)) {
      const loaded = loadDocument(readFileSync(fixture(v), 'utf8'));
      expect(loaded.ok, JSON.stringify(!loaded.ok && loaded.error)).toBe(true);
      if (loaded.ok) expect(loaded.doc.version).toBe(VERSION);
    }
  });

  it('1 → 2 keeps the v1 settings, maps the dataset and fills the new fields (momentum 0, as v1 trained)', () => {
    const loaded = loadDocument(readFileSync(fixture(1), 'utf8'));
    if (!loaded.ok) throw new Error(loaded.error.message);
    expect(loaded.doc.training).toEqual({
      dataset: 'mnist',
      validationSplit: 0.2,
      epochs: 4,
      batchSize: 64,
      learningRate: 0.05,
      optimizer: 'sgd',
      momentum: 0,
      schedule: { kind: 'none' },
      weightDecay: 0,
      normalization: 'scale',
      augmentation: { flip: false, crop: 0 },
      seed: 7,
    });
    expect(Object.keys(loaded.doc.training).sort()).toEqual(Object.keys(DEFAULT_TRAINING).sort());
    // The graph is untouched.
    expect(loaded.doc.graph.nodes.map((n) => n.label)).toEqual(['Input', 'C1', 'S2', 'C3', 'S4', 'Flatten', 'C5', 'F6', 'Output']);
  });

  it('1 → 2 leaves a document without training settings for validation to report', () => {
    const doc = JSON.parse(readFileSync(fixture(1), 'utf8'));
    delete doc.training;
    const loaded = loadDocument(JSON.stringify(doc));
    expect(loaded).toMatchObject({ ok: false, error: { code: 'invalid', path: 'training' } });
  });

  it('2 → 3 changes nothing: a v2 document has no frozen nodes and no learning-rate factors', () => {
    const raw = JSON.parse(readFileSync(fixture(2), 'utf8'));
    const loaded = loadDocument(JSON.stringify(raw));
    if (!loaded.ok) throw new Error(loaded.error.message);
    expect(loaded.doc).toEqual({ ...raw, version: VERSION });
    const nodes = [...loaded.doc.graph.nodes, ...loaded.doc.blocks.flatMap((b) => b.graph.nodes)];
    expect(nodes.length).toBeGreaterThan(8);
    for (const n of nodes) {
      expect(n.frozen).toBeUndefined();
      expect(n.lrFactor).toBeUndefined();
    }
  });

  it('3 keeps frozen and lrFactor, and refuses frozen: false or a negative factor', () => {
    const raw = JSON.parse(readFileSync(fixture(2), 'utf8'));
    raw.version = 3;
    raw.graph.nodes[1].frozen = true;
    raw.graph.nodes[2].frozen = true;
    raw.graph.nodes[7].lrFactor = 10;
    const loaded = loadDocument(JSON.stringify(raw));
    if (!loaded.ok) throw new Error(loaded.error.message);
    expect(loaded.doc.graph.nodes.filter((n) => n.frozen).map((n) => n.id)).toEqual(['stem', 'inception-a']);
    expect(loaded.doc.graph.nodes[7]!.lrFactor).toBe(10);
    raw.graph.nodes[1].frozen = false;
    expect(loadDocument(JSON.stringify(raw))).toMatchObject({ ok: false, error: { code: 'invalid', path: 'graph.nodes.1.frozen' } });
    raw.graph.nodes[1].frozen = true;
    raw.graph.nodes[7].lrFactor = -1;
    expect(loadDocument(JSON.stringify(raw))).toMatchObject({ ok: false, error: { code: 'invalid', path: 'graph.nodes.7.lrFactor' } });
  });
});
