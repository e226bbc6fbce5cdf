/**
 * The Electron main process: one locked-down window on the custom `app://netwright` protocol,
 * the engine service behind one guarded IPC channel, native file dialogs.
 */
import { app, BrowserWindow, dialog, ipcMain, protocol, session, shell } from 'electron';
import { readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { contentSecurityPolicy } from '../node/host/csp';
import { readStatic } from '../node/host/static';
import { CALL_CHANNEL, EVENT_CHANNEL, guardedHandler, isAppUrl } from './main/ipc';
import { utilityTrainer } from './main/trainer-process';
import { openWindow } from './main/window';
import { appRoot, distPath } from '../node/paths';
import { createService } from '../node/service';

protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
const version = (JSON.parse(readFileSync(join(appRoot, 'package.json'), 'utf8')) as { version: string }).version;

let win: InstanceType<typeof BrowserWindow> | undefined;
const service = createService({
  transport: 'electron',
  version,
  emit: (event) => win?.webContents.send(EVENT_CHANNEL, event),
  spawnTrainer: utilityTrainer,
  async saveFile(name, text) {
    const r = await dialog.showSaveDialog(win!, { defaultPath: name, filters: [{ name: 'Netwright', extensions: ['netwright.json', 'json'] }] });
    if (r.canceled || !r.filePath) return null;
    await writeFile(r.filePath, text);
    return r.filePath;
  },
  async openFile() {
    const r = await dialog.showOpenDialog(win!, { properties: ['openFile'], filters: [{ name: 'Netwright', extensions: ['json'] }] });
    const path = r.filePaths[0];
    if (r.canceled || !path) return null;
    return { name: path, text: await readFile(path, 'utf8') };
  },
});

app.whenReady().then(() => {
  const root = distPath('renderer');
  protocol.handle('app', async (request: Request) => {
    const file = await readStatic(root, new URL(request.url).pathname);
    if (!file) return new Response('Not found', { status: 404 });
    return new Response(new Uint8Array(file.body), { headers: { 'content-type': file.type, 'content-security-policy': contentSecurityPolicy('') } });
  });
  // The same policy on every response, whatever serves it.
  session.defaultSession.webRequest.onHeadersReceived((details: { responseHeaders?: Record<string, string[]> }, callback: (r: object) => void) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [contentSecurityPolicy('')] } });
  });
  session.defaultSession.setPermissionRequestHandler((_wc: unknown, _permission: string, callback: (ok: boolean) => void) => callback(false));
  const handler = guardedHandler((method, payload) => service.handle(method, payload));
  ipcMain.handle(CALL_CHANNEL, (event: Parameters<typeof handler>[0], method: unknown, payload: unknown) => handler(event, method, payload));

  win = openWindow(BrowserWindow, distPath('electron', 'preload.cjs'));
  win.webContents.on('will-navigate', (e: { preventDefault(): void }, url: string) => {
    if (!isAppUrl(url)) e.preventDefault();
  });
  win.webContents.setWindowOpenHandler(({ url }: { url: string }) => {
    if (url.startsWith('https:')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.once('ready-to-show', () => win?.show());
  void win.loadURL('app://netwright/index.html');
});

app.on('window-all-closed', () => {
  service.stopAll();
  app.quit();
});
