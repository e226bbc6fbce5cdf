/**
 * Damaged files at start-up: a damaged autosave and a damaged settings.json are set aside and
 * reported as start-up notices through the API (`app.notices`: which file, what was ignored);
 * the app starts and answers as usual.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { methods, type Notice } from '../../../shared/api';
import { saveDocument } from '../../../shared/graph/load';
import { lenet5 } from '../../../shared/templates/lenet5';
import { startHost } from '../../../node/host/server';
import { createService } from '../../../node/service';

const dataDirWith = (files: Record<string, string>) => {
  const dir = mkdtempSync(join(tmpdir(), 'netwright-faults-startup-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
};
const good = JSON.stringify({ savedAt: '2026-01-01T00:00:00.000Z', doc: JSON.parse(saveDocument(lenet5())) });

describe('faults: damaged files at start-up', () => {
  it('a damaged autosave is ignored and reported as a notice naming the file; a sound one is still offered back', async () => {
    const dir = dataDirWith({ 'autosave/cut-short.json': good.slice(0, 200), 'autosave/not-a-doc.json': '{"savedAt": "x", "doc": {"format": "png"}}', 'autosave/fine.json': good });
    const service = createService({ transport: 'browser', version: 'test', emit: () => undefined, dataDir: dir });
    const notices = methods['app.notices'].reply.parse(await service.handle('app.notices', {}));
    expect(notices.map((n) => n.file).sort()).toEqual([join(dir, 'autosave', 'cut-short.json'), join(dir, 'autosave', 'not-a-doc.json')]);
    for (const n of notices) expect(n.message).toMatch(/^This autosave is damaged \(.+\); it was ignored, so its work is not offered back\. The file is left as it is\.$/);
    expect(await service.handle('autosave.get', {})).toMatchObject({ session: 'fine', doc: { name: 'LeNet-5' } });
    expect(readFileSync(join(dir, 'autosave', 'cut-short.json'), 'utf8')).toBe(good.slice(0, 200)); // left for the user
    expect(await service.handle('engine.info', {})).toMatchObject({ engine: 'tfjs' });
  });

  it('a damaged settings.json falls back to the defaults, is reported as a notice, and is replaced by the next change', async () => {
    const dir = dataDirWith({ 'settings.json': '{"pythonPath": "/usr/bin/python3",' });
    const service = createService({ transport: 'browser', version: 'test', emit: () => undefined, dataDir: dir });
    const notices = (await service.handle('app.notices', {})) as Notice[];
    expect(notices).toEqual([
      { file: join(dir, 'settings.json'), message: expect.stringMatching(/^The settings file is damaged \(.+\); the default settings are used until a setting is changed, which replaces it\.$/) },
    ]);
    expect(await service.handle('settings.get', {})).toEqual({});
    expect(await service.handle('settings.set', { pythonPath: '/opt/python' })).toEqual({ pythonPath: '/opt/python' });
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8'))).toEqual({ pythonPath: '/opt/python' });
  });

  it('a settings.json of the wrong shape is a notice too; a sound data folder has none', async () => {
    const wrong = dataDirWith({ 'settings.json': '{"pythonPath": 42}' });
    const notices = (await createService({ transport: 'browser', version: 'test', emit: () => undefined, dataDir: wrong }).handle('app.notices', {})) as Notice[];
    expect(notices).toMatchObject([{ file: join(wrong, 'settings.json'), message: expect.stringMatching(/^The settings file is damaged/) }]);
    const sound = dataDirWith({ 'settings.json': '{"pythonPath": "/usr/bin/python3"}', 'autosave/fine.json': good });
    expect(await createService({ transport: 'browser', version: 'test', emit: () => undefined, dataDir: sound }).handle('app.notices', {})).toEqual([]);
  });

  it('the browser-mode host starts on a data folder with both damaged, reports both over its WebSocket and answers engine.info', async () => {
    const dir = dataDirWith({ 'settings.json': 'not json', 'autosave/broken.json': '{"savedAt": "x", "doc": {"format": "netwr' });
    const root = dataDirWith({ 'index.html': '<!doctype html><title>Netwright</title>' });
    const host = await startHost({ port: 0, version: 'test', root, dataDir: dir });
    try {
      const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api?token=${host.token}`, { origin: `http://127.0.0.1:${host.port}` });
      await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
      const ask = (id: number, method: string) =>
        new Promise<any>((resolve) => {
          ws.once('message', (data) => resolve(JSON.parse(String(data))));
          ws.send(JSON.stringify({ id, method, payload: {} }));
        });
      const notices = await ask(1, 'app.notices');
      expect(notices).toMatchObject({ id: 1, ok: true });
      expect((notices.reply as Notice[]).map((n) => n.file).sort()).toEqual([join(dir, 'autosave', 'broken.json'), join(dir, 'settings.json')]);
      expect(await ask(2, 'engine.info')).toMatchObject({ id: 2, ok: true, reply: { engine: 'tfjs', transport: 'browser' } });
      ws.close();
    } finally {
      await host.close();
    }
  });
});
