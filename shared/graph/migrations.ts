/**
 * Migrations from every older document version to the current one. `migrations[v]` turns a
 * version-v document into version v+1. Version 1 is the first, so the table is empty; a test
 * checks that every entry has a fixture that exercises it.
 */
export type Migration = (doc: Record<string, unknown>) => Record<string, unknown>;

export const migrations: Record<number, Migration> = {};

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
