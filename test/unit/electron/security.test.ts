/** The Electron main process's guards, as pure functions (no Electron binary needed). */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { itWhen } from '../../skip';
import { saveWithDialog } from '../../../electron/main/dialogs';
import { appProtocolHandler, guardNavigation, lockSession, NAVIGATION_EVENTS, type Navigable, type SessionLike } from '../../../electron/main/guards';
import { guardedHandler, isAppUrl } from '../../../electron/main/ipc';
import { openWindow } from '../../../electron/main/window';
import { contentSecurityPolicy } from '../../../node/host/csp';
import { appRoot } from '../../../node/paths';
import { createService } from '../../../node/service';
import { smallDisk } from '../node/smallDisk';

const service = createService({ transport: 'electron', version: 'test', emit: () => undefined });
const handler = guardedHandler((m, p) => service.handle(m, p));
const app = { senderFrame: { url: 'app://netwright/index.html', parent: null } };

describe('the main window', () => {
  it('turns every Electron security default on', () => {
    class Recorder {
      constructor(readonly options: object) {}
    }
    const { webPreferences } = openWindow(Recorder, '/x/preload.cjs').options as { webPreferences: object };
    expect(webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      disableBlinkFeatures: 'Auxclick',
      preload: '/x/preload.cjs',
    });
  });
  it('has a Content-Security-Policy without eval or inline scripts', () => {
    const csp = contentSecurityPolicy('');
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(csp).not.toMatch(/'unsafe-eval'|script-src[^;]*'unsafe-inline'/);
    expect(csp).toContain("object-src 'none'");
  });
});

describe('the IPC wrapper', () => {
  it('accepts only the app page, top-level', () => {
    expect(isAppUrl('app://netwright/index.html')).toBe(true);
    expect(isAppUrl('app://evil/index.html')).toBe(false);
    expect(isAppUrl('https://netwright/index.html')).toBe(false);
    expect(isAppUrl('file:///etc/passwd')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
  });

  it('refuses calls from another frame, a subframe or no frame', async () => {
    await expect(handler({ senderFrame: { url: 'https://example.com/', parent: null } }, 'engine.info', {})).rejects.toThrow(/does not come from the Netwright window/);
    await expect(handler({ senderFrame: { url: 'app://netwright/index.html', parent: {} } }, 'engine.info', {})).rejects.toThrow(/does not come from the Netwright window/);
    await expect(handler({ senderFrame: null }, 'engine.info', {})).rejects.toThrow(/does not come from the Netwright window/);
    await expect(handler(app, 'engine.info', {})).resolves.toMatchObject({ engine: 'tfjs', transport: 'electron' });
  });

  it.each([
    ['an unknown method', 'fs.readFile', {}, /Unknown API method "fs.readFile"/],
    ['a method of the wrong type', 42, {}, /Unknown API method 42/],
    ['a prototype key as method', '__proto__', {}, /Unknown API method "__proto__"/],
    ['a wrong payload type', 'templates.get', { id: 7 }, /Invalid request for templates.get at "id"/],
    ['a payload that is not an object', 'summary', 'doc', /Invalid request for summary/],
    ['a __proto__ key in the document', 'summary', JSON.parse('{"doc": {"__proto__": {"format": "netwright"}}}'), /Invalid request for summary at "doc\.format"/],
    ['NaN sizes', 'train.start', { doc: { format: 'netwright' }, options: { epochs: NaN } }, /Invalid request for train.start/],
    ['a huge array', 'summary', { doc: { format: 'netwright', version: 1, name: '', graph: { nodes: new Array(200_000).fill(0), edges: [] }, blocks: [], training: {} } }, /Invalid request for summary/],
  ])('refuses %s with a clear error', async (_, method, payload, message) => {
    await expect(handler(app, method, payload)).rejects.toThrow(message);
  });
});

describe('navigation, permissions and the app protocol', () => {
  /** A stand-in webContents: its listeners, and whether each navigation was prevented. */
  function contents() {
    const listeners = new Map<string, (e: { url?: string; preventDefault(): void }, url?: string) => void>();
    const navigable: Navigable = { on: (event, listener) => listeners.set(event, listener) };
    guardNavigation(navigable);
    const prevented = (event: string, details: { url?: string }, url?: string) => {
      let stopped = false;
      listeners.get(event)!({ ...details, preventDefault: () => (stopped = true) }, url);
      return stopped;
    };
    return { listeners, prevented };
  }

  it('keeps the window and its frames on the app page: will-navigate, will-redirect and will-frame-navigate', () => {
    const { listeners, prevented } = contents();
    const events = ['will-frame-navigate', 'will-navigate', 'will-redirect'];
    expect([...listeners.keys()].sort()).toEqual(events);
    expect([...NAVIGATION_EVENTS].sort()).toEqual(events);
    for (const event of events) {
      expect(prevented(event, { url: 'https://evil.example/' })).toBe(true);
      expect(prevented(event, { url: 'app://other/index.html' })).toBe(true);
      expect(prevented(event, { url: 'file:///etc/passwd' })).toBe(true);
      expect(prevented(event, {}, 'http://127.0.0.1:8080/')).toBe(true); // older listeners' URL argument
      expect(prevented(event, {})).toBe(true); // no URL at all
      expect(prevented(event, { url: 'app://netwright/index.html' })).toBe(false);
    }
  });

  it('refuses every permission, asked for or only checked, and puts the policy on every response', () => {
    const set: Partial<Record<'request' | 'check' | 'headers', unknown>> = {};
    const session: SessionLike = {
      setPermissionRequestHandler: (h) => (set.request = h),
      setPermissionCheckHandler: (h) => (set.check = h),
      webRequest: { onHeadersReceived: (l) => (set.headers = l) },
    };
    lockSession(session);
    const granted: boolean[] = [];
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read']) {
      (set.request as Parameters<SessionLike['setPermissionRequestHandler']>[0])({}, permission, (ok) => granted.push(ok));
      granted.push((set.check as Parameters<SessionLike['setPermissionCheckHandler']>[0])({}, permission));
    }
    expect(granted).toEqual(new Array(8).fill(false));
    let headers: Record<string, string[]> = {};
    (set.headers as Parameters<SessionLike['webRequest']['onHeadersReceived']>[0])({ responseHeaders: { 'X-Other': ['1'] } }, (r) => (headers = r.responseHeaders));
    expect(headers).toEqual({ 'X-Other': ['1'], 'Content-Security-Policy': [contentSecurityPolicy('')] });
  });

  it('the app:// protocol serves its own host only: app://netwright/…; any other host, or a path outside the app, is 404', async () => {
    const root = mkdtempSync(join(tmpdir(), 'netwright-protocol-'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>Netwright</title>');
    const serve = appProtocolHandler(root);
    const page = await serve({ url: 'app://netwright/index.html' });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Netwright</title>');
    expect(page.headers.get('content-security-policy')).toBe(contentSecurityPolicy(''));
    for (const url of ['app://evil/index.html', 'app://netwright.evil/index.html', 'app://NETWRIGHT.example/index.html', 'app://netwright/%2e%2e/%2e%2e/etc/passwd', 'app://netwright/missing.js', 'https://netwright/index.html', 'not a url']) {
      expect((await serve({ url })).status, url).toBe(404);
    }
  });
});

describe('the packaged app', () => {
  it('electron-builder.yml flips the fuses: no run-as-node, NODE_OPTIONS or --inspect; encrypted cookies; only the integrity-checked app.asar', () => {
    const yml = readFileSync(join(appRoot, 'electron-builder.yml'), 'utf8');
    const block = /^electronFuses:\n((?:[ ]{2}.*\n?)+)/m.exec(yml);
    expect(block, 'an electronFuses: block').not.toBeNull();
    const fuses = Object.fromEntries(block![1]!.trim().split('\n').map((line) => line.trim().split(/:\s*/) as [string, string]));
    expect(fuses).toEqual({
      runAsNode: 'false',
      enableCookieEncryption: 'true',
      enableNodeOptionsEnvironmentVariable: 'false',
      enableNodeCliInspectArguments: 'false',
      onlyLoadAppFromAsar: 'true',
      enableEmbeddedAsarIntegrityValidation: 'true',
    });
  });

  it('the main process wires the guards, the last-resort handler and the atomic Save', () => {
    const main = readFileSync(join(appRoot, 'electron', 'main.ts'), 'utf8');
    for (const use of ['installLastResort(process', 'guardNavigation(', 'lockSession(session.defaultSession)', "protocol.handle('app', appProtocolHandler(", 'saveWithDialog(', "app.on('web-contents-created'"]) expect(main).toContain(use);
    expect(main).not.toMatch(/\bwriteFile\(/); // a plain write could leave half a file
  });
});

describe('faults: a full disk while saving from the desktop app', () => {
  const disk = smallDisk();
  afterAll(() => disk.unmount());

  it('Save writes the chosen file atomically, and a cancelled dialog writes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'netwright-save-'));
    const file = join(dir, 'net.netwright.json');
    expect(await saveWithDialog(async () => ({ canceled: true }), 'net.netwright.json', '{}')).toBeNull();
    expect(await saveWithDialog(async (o) => ({ canceled: false, filePath: join(dir, o.defaultPath) }), 'net.netwright.json', '{"v": 1}')).toBe(file);
    expect(readFileSync(file, 'utf8')).toBe('{"v": 1}');
    expect(readdirSync(dir)).toEqual(['net.netwright.json']);
  });

  itWhen(disk.mounted, 'tmpfs')('on a real full tmpfs: the saved file stays as it was, no temporary file, and the error names the file', async () => {
    const file = join(disk.dir, 'net.netwright.json');
    const show = async () => ({ canceled: false, filePath: file });
    await saveWithDialog(show, 'net.netwright.json', 'the version saved before');
    disk.fill();
    await expect(saveWithDialog(show, 'net.netwright.json', 'x'.repeat(64 * 1024))).rejects.toThrow(`No space left on device while writing ${file}`);
    expect(readFileSync(file, 'utf8')).toBe('the version saved before');
    expect(readdirSync(disk.dir).sort()).toEqual(['filler', 'net.netwright.json']);
    disk.free();
  });
});
