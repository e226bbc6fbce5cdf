/**
 * The recent files (node/recent.ts) and the service's files by path: the last 10 documents
 * opened or saved, newest first, shared by both shells through the data folder; files that are
 * gone leave the list; a damaged list reads as empty and a failed write never throws. The browser
 * mode reads and writes by path only the files in that list; the desktop app any .json file.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRecent, RECENT_LIMIT, recentStore, withRecent } from '../../../node/recent';
import { createService } from '../../../node/service';
import { saveDocument } from '../../../shared/graph/load';
import { lenet5 } from '../../../shared/templates/lenet5';

const folder = () => mkdtempSync(join(tmpdir(), 'netwright-recent-'));
const everyFileExists = { exists: async () => true };

describe('the recent files', () => {
  it('put the newest first, once, and keep the last 10', async () => {
    const store = recentStore(folder(), everyFileExists);
    for (let i = 0; i < 12; i++) await store.add(`/nets/n${i}.netwright.json`);
    await store.add('/nets/n5.netwright.json');
    const list = await store.list();
    expect(list).toHaveLength(RECENT_LIMIT);
    expect(list.slice(0, 3)).toEqual([
      { name: 'n5.netwright.json', path: '/nets/n5.netwright.json' },
      { name: 'n11.netwright.json', path: '/nets/n11.netwright.json' },
      { name: 'n10.netwright.json', path: '/nets/n10.netwright.json' },
    ]);
    expect(list.map((f) => f.name)).not.toContain('n0.netwright.json');
    expect(withRecent(list, '/nets/n5.netwright.json')).toEqual(list);
  });

  it('keep two quick changes, in order', async () => {
    const store = recentStore(folder(), everyFileExists);
    await Promise.all([store.add('/a.json'), store.add('/b.json'), store.add('/c.json')]);
    expect((await store.list()).map((f) => f.path)).toEqual(['/c.json', '/b.json', '/a.json']);
  });

  it('drop the files that no longer exist, from the file too', async () => {
    const dir = folder();
    const kept = join(dir, 'kept.netwright.json');
    writeFileSync(kept, '{}');
    const store = recentStore(dir);
    await store.add(join(dir, 'gone.netwright.json'));
    await store.add(kept);
    expect(await store.list()).toEqual([{ name: 'kept.netwright.json', path: kept }]);
    expect(JSON.parse(readFileSync(store.path, 'utf8'))).toEqual([{ name: 'kept.netwright.json', path: kept }]);
  });

  it('read a damaged or odd list as what can be used of it', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'recent.json'), '{ not json');
    expect(await recentStore(dir, everyFileExists).list()).toEqual([]);
    expect(parseRecent([{ path: '/a.json' }, { path: 7 }, null, 'x', { path: '' }, { path: '/a.json' }, { path: '/b.json', name: 'lies' }])).toEqual([
      { name: 'a.json', path: '/a.json' },
      { name: 'b.json', path: '/b.json' },
    ]);
    expect(parseRecent({ files: [] })).toEqual([]);
  });

  it('never throw when they cannot be written: the app goes on, and says so once on stderr', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'blocker'), '');
    const warned: string[] = [];
    const store = recentStore(join(dir, 'blocker', 'data'), { ...everyFileExists, warn: (m) => warned.push(m) });
    await expect(store.add('/a.json')).resolves.toEqual([{ name: 'a.json', path: '/a.json' }]);
    expect(warned).toEqual([expect.stringMatching(/^The recent files could not be kept \(A part of its path is not a folder\)/)]);
  });
});

describe('the service’s files by path', () => {
  const doc = saveDocument(lenet5());

  function setUp(transport: 'browser' | 'electron') {
    const dataDir = folder();
    const files = folder();
    const changes: string[][] = [];
    const service = createService({ transport, version: 'test', emit: () => undefined, dataDir, anyPath: transport === 'electron', recentChanged: (list) => changes.push(list.map((f) => f.name)) });
    return { service, files, dataDir, changes };
  }

  it('in the desktop app: any .json file reads and writes back (atomically), and becomes the newest recent file', async () => {
    const { service, files, changes } = setUp('electron');
    const path = join(files, 'net.netwright.json');
    writeFileSync(path, doc);
    expect(await service.handle('file.read', { path })).toEqual({ name: 'net.netwright.json', path, text: doc });
    await service.handle('file.write', { path, text: '{"saved":true}' });
    expect(readFileSync(path, 'utf8')).toBe('{"saved":true}');
    expect(await service.handle('recent.list', {})).toEqual({ files: [{ name: 'net.netwright.json', path }] });
    expect(changes).toEqual([['net.netwright.json'], ['net.netwright.json']]);
  });

  it('refuses what is not an absolute path to a .json file, and says why a read failed', async () => {
    const { service, files } = setUp('electron');
    await expect(service.handle('file.read', { path: 'relative.json' })).rejects.toThrow(/Not a document path: relative\.json/);
    await expect(service.handle('file.write', { path: join(files, 'notes.txt'), text: 'x' })).rejects.toThrow(/Not a document path/);
    await expect(service.handle('file.read', { path: join(files, 'missing.json') })).rejects.toThrow(/missing\.json no longer exists\./);
  });

  it('in the browser mode: only the files of the recent list, which the desktop app shares through the data folder', async () => {
    const { service, files, dataDir } = setUp('browser');
    const listed = join(files, 'listed.netwright.json');
    const other = join(files, 'other.netwright.json');
    writeFileSync(listed, doc);
    writeFileSync(other, doc);
    await expect(service.handle('file.read', { path: listed })).rejects.toThrow(/only the files in the recent list/);
    await expect(service.handle('file.write', { path: other, text: '{}' })).rejects.toThrow(/only the files in the recent list/);
    expect(readFileSync(other, 'utf8')).toBe(doc);
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(join(dataDir, 'recent.json'), JSON.stringify([{ path: listed }]));
    expect(((await service.handle('file.read', { path: listed })) as { text: string }).text).toBe(doc);
    await service.handle('file.write', { path: listed, text: '{"back":1}' });
    expect(readFileSync(listed, 'utf8')).toBe('{"back":1}');
    rmSync(listed);
    expect(await service.handle('recent.list', {})).toEqual({ files: [] });
  });

  it('leaves the dialogs and the window to the desktop app: the browser mode says so, or does nothing', async () => {
    const { service } = setUp('browser');
    await expect(service.handle('file.export', { name: 'a.py', text: 'x' })).rejects.toThrow(/needs the desktop app/);
    await expect(service.handle('file.exportFiles', { files: [{ name: 'a.bin', base64: 'AA==' }] })).rejects.toThrow(/needs the desktop app/);
    expect(await service.handle('app.ready', { menu: [] })).toEqual({ open: [] });
    expect(await service.handle('app.window', { title: 'x', edited: true, path: null })).toEqual({});
    expect(await service.handle('app.close', {})).toEqual({});
  });

  it('hands the desktop app its window’s messages', async () => {
    const seen: unknown[] = [];
    const service = createService({
      transport: 'electron',
      version: 'test',
      emit: () => undefined,
      dataDir: folder(),
      appReady: (menu) => (seen.push(menu), ['/waiting.json']),
      windowState: (s) => seen.push(s),
      closeWindow: () => seen.push('close'),
      exportFile: async (name, data) => (seen.push([name, [...(data as Uint8Array)]]), '/out/' + name),
    });
    const menu = [{ menu: 'File', items: [{ id: 'save', label: 'Save', keys: ['Mod+S'] }, { separator: true }] }];
    expect(await service.handle('app.ready', { menu })).toEqual({ open: ['/waiting.json'] });
    await service.handle('app.window', { title: '• a — Netwright', edited: true, path: '/a.json' });
    await service.handle('app.close', {});
    expect(await service.handle('file.export', { name: 'f.png', text: 'AQI=', base64: true })).toEqual({ path: '/out/f.png' });
    expect(seen).toEqual([menu, { title: '• a — Netwright', edited: true, path: '/a.json' }, 'close', ['f.png', [1, 2]]]);
    await expect(service.handle('app.ready', { menu: [{ menu: 'Tools', items: [] }] })).rejects.toThrow(/Invalid request for app\.ready/);
  });
});
