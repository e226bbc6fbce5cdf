/** The Electron main process's guards, as pure functions (no Electron binary needed). */
import { describe, expect, it } from 'vitest';
import { guardedHandler, isAppUrl } from '../../../electron/main/ipc';
import { openWindow } from '../../../electron/main/window';
import { contentSecurityPolicy } from '../../../node/host/csp';
import { createService } from '../../../node/service';

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
