/**
 * Migrations from every older document version to the current one. `migrations[v]` turns a
 * version-v document into version v+1. A test checks that every entry has a fixture
 * (test/fixtures/migrations/v<v>.netwright.json) that exercises it.
 */
export type Migration = (doc: Record<string, unknown>) => Record<string, unknown>;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * 1 → 2: training settings gain run control. The dataset stays (v1 knew only `mnist`); the
 * new fields take their defaults, except momentum: v1's SGD had none, so a migrated document
 * keeps training the way it did (momentum 0).
 */
function v1to2(doc: Record<string, unknown>): Record<string, unknown> {
  if (!isRecord(doc.training)) return doc; // validation reports it
  const old = doc.training;
  return {
    ...doc,
    training: {
      dataset: old.dataset === 'mnist' || old.dataset === undefined ? 'mnist' : old.dataset,
      validationSplit: 0.2,
      epochs: old.epochs,
      batchSize: old.batchSize,
      learningRate: old.learningRate,
      optimizer: old.optimizer,
      momentum: 0,
      schedule: { kind: 'none' },
      weightDecay: 0,
      normalization: 'scale',
      augmentation: { flip: false, crop: 0 },
      seed: old.seed,
    },
  };
}

/**
 * 2 → 3: nodes may carry `frozen: true` and `lrFactor` (transfer learning). A v2 document has
 * no frozen nodes and no learning-rate factors, so every node stays trainable at the full rate:
 * nothing to change.
 */
function v2to3(doc: Record<string, unknown>): Record<string, unknown> {
  return doc;
}

export const migrations: Record<number, Migration> = { 1: v1to2, 2: v2to3 };

/** Apply every migration from `from` up to `to`, e.g. `migrate(doc, 1, 3)` runs 1→2 and 2→3. */
export function migrate(doc: Record<string, unknown>, from: number, to: number): Record<string, unknown> {
  let out = doc;
  for (let v = from; v < to; v++) {
    const step = migrations[v];
    if (!step) throw new Error(`no migration from version ${v} to ${v + 1}`);
    out = { ...step(out), version: v + 1 };
  }
  return out;
}
