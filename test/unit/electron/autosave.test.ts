import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { autosaveStore } from '../../../electron/autosave';
import { createService } from '../../../electron/service';
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

  it('writes the newest document last, and a clear is not undone by a write queued before it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'netwright-autosave-'));
    const store = autosaveStore(dir);
    const doc = lenet5();
    const writes = Array.from({ length: 10 }, (_, i) => store.save({ ...doc, name: `v${i}` }));
    await Promise.all(writes);
    expect((await store.load())?.doc.name).toBe('v9');

    void store.save({ ...doc, name: 'late' });
    await store.clear();
    expect(await store.load()).toBeNull();
    await store.save({ ...doc, name: 'after' });
    expect((await store.load())?.doc.name).toBe('after');
  });

  it('is reached through the engine service: save, get, clear', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'netwright-autosave-'));
    const service = createService({ transport: 'browser', version: 'test', emit: () => undefined, dataDir: dir });
    expect(await service.handle('autosave.get', {})).toBeNull();
    const { savedAt } = (await service.handle('autosave.save', { doc: lenet5() })) as { savedAt: string };
    expect(await service.handle('autosave.get', {})).toEqual({ savedAt, doc: lenet5() });
    await expect(service.handle('autosave.save', { doc: { format: 'netwright' } })).rejects.toThrow(/Invalid request for autosave.save/);
    expect(await service.handle('autosave.clear', {})).toEqual({ cleared: true });
    expect(await service.handle('autosave.get', {})).toBeNull();
  });

  it('ignores a damaged autosave instead of failing the start', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'netwright-autosave-'));
    writeFileSync(join(dir, 'autosave.netwright.json'), '{"savedAt": "x", "doc": {"format": "netwr');
    expect(await autosaveStore(dir).load()).toBeNull();
  });
});
