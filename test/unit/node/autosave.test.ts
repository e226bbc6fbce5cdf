import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { autosaveStore, LEASE_MS } from '../../../node/autosave';
import { createService } from '../../../node/service';
import { lenet5 } from '../../../shared/templates/lenet5';

const folder = () => mkdtempSync(join(tmpdir(), 'netwright-autosave-'));

/** A store on a clock the test moves. */
function clocked(dir = folder()) {
  const clock = { t: 1_000_000 };
  return { dir, clock, store: autosaveStore(dir, () => clock.t) };
}

describe('autosave', () => {
  it('keeps each window\'s last document, atomically, newest last, and leaves no temporary file', async () => {
    const { dir, clock, store } = clocked();
    const doc = lenet5();
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.save('window-a', { ...doc, name: `v${i}` })));
    clock.t += LEASE_MS;
    const back = await store.orphan();
    expect(back).toMatchObject({ session: 'window-a', doc: { name: 'v19', graph: doc.graph } });
    expect(readdirSync(join(dir, 'autosave'))).toEqual(['window-a.json']);
  });

  it('offers only the work of windows that are gone, the newest first — never an open window\'s', async () => {
    const { clock, store } = clocked();
    await store.save('gone-1', { ...lenet5(), name: 'older' }, new Date(1000));
    await store.save('gone-2', { ...lenet5(), name: 'newer' }, new Date(2000));
    clock.t += LEASE_MS / 2;
    await store.save('open', { ...lenet5(), name: 'still open' }, new Date(3000));
    expect(await store.orphan()).toBeNull(); // all three were heard from within the lease
    clock.t += LEASE_MS / 2;
    expect((await store.orphan())?.doc.name).toBe('newer'); // gone-1 and gone-2 expired
    store.renew('open');
    await store.clear('gone-2');
    expect((await store.orphan())?.doc.name).toBe('older');
    clock.t += LEASE_MS;
    expect((await store.orphan())?.doc.name).toBe('still open'); // the open one stopped renewing
  });

  it('a clear is not undone by a write queued before it', async () => {
    const { clock, store } = clocked();
    void store.save('w', { ...lenet5(), name: 'late' });
    await store.clear('w');
    clock.t += LEASE_MS;
    expect(await store.orphan()).toBeNull();
  });

  it('ignores a damaged autosave instead of failing the start, and refuses ids that are not file names', async () => {
    const { dir, clock, store } = clocked();
    mkdirSync(join(dir, 'autosave'));
    writeFileSync(join(dir, 'autosave', 'broken.json'), '{"savedAt": "x", "doc": {"format": "netwr');
    clock.t += LEASE_MS;
    expect(await store.orphan()).toBeNull();
    expect(() => store.renew('../escape')).toThrow(/Invalid autosave session/);
  });

  it('is reached through the engine service: save, renew, get, clear', async () => {
    const service = createService({ transport: 'browser', version: 'test', emit: () => undefined, dataDir: folder() });
    expect(await service.handle('autosave.get', {})).toBeNull();
    await service.handle('autosave.save', { session: 'abc-1', doc: lenet5() });
    expect(await service.handle('autosave.renew', { session: 'abc-1' })).toEqual({});
    expect(await service.handle('autosave.get', {})).toBeNull(); // its window is open
    await expect(service.handle('autosave.save', { session: '../x', doc: lenet5() })).rejects.toThrow(/Invalid request for autosave.save at "session"/);
    await expect(service.handle('autosave.save', { session: 'abc-1', doc: { format: 'netwright' } })).rejects.toThrow(/Invalid request for autosave.save/);
    expect(await service.handle('autosave.clear', { session: 'abc-1' })).toEqual({ cleared: true });
  });

  it('gives a reloaded window its own work back at once, with its file, whatever its lease; another window gets it only once it is gone', async () => {
    const service = createService({ transport: 'browser', version: 'test', emit: () => undefined, dataDir: folder() });
    const file = { name: 'net.netwright.json', path: '/nets/net.netwright.json' };
    // The page's last write (sent as it unloaded) lands before its reload asks: the ask waits for it.
    void service.handle('autosave.save', { session: 'tab-1', doc: { ...lenet5(), name: 'first' } });
    void service.handle('autosave.save', { session: 'tab-1', doc: { ...lenet5(), name: 'last' }, file });
    expect(await service.handle('autosave.get', { session: 'tab-1' })).toMatchObject({ session: 'tab-1', doc: { name: 'last' }, file });
    expect(await service.handle('autosave.get', { session: 'tab-2' })).toBeNull(); // tab-1 is still open
    expect(await service.handle('autosave.get', {})).toBeNull();
  });
});
