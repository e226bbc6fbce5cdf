import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { autosaveStore } from '../../../electron/autosave';
import { lenet5 } from '../../../shared/templates/lenet5';

describe('autosave', () => {
  it('keeps the last document, atomically, and gives it back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'netwright-autosave-'));
    const store = autosaveStore(dir);
    expect(await store.load()).toBeNull();
    const doc = lenet5();
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.save({ ...doc, name: `v${i}` })));
    const back = await store.load();
    expect(back?.doc.graph).toEqual(doc.graph);
    expect(back?.doc.name).toMatch(/^v\d+$/);
    // No temporary files are left behind.
    expect(readdirSync(dir)).toEqual(['autosave.netwright.json']);
    await store.clear();
    expect(await store.load()).toBeNull();
  });

  it('ignores a damaged autosave instead of failing the start', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'netwright-autosave-'));
    writeFileSync(join(dir, 'autosave.netwright.json'), '{"savedAt": "x", "doc": {"format": "netwr');
    expect(await autosaveStore(dir).load()).toBeNull();
  });
});
