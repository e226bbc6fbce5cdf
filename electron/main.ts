/**
 * The Electron main process: one locked-down window on the custom `app://netwright` protocol,
 * the engine service behind one guarded IPC channel, native file dialogs. An exception nobody
 * caught is logged to the data folder's errors.log and the app goes on.
 */
import { app, BrowserWindow, dialog, ipcMain, protocol, session, shell } from 'electron';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ERROR_LOG, installLastResort } from '../node/host/last-resort';
import { openWithDialog, saveWithDialog } from './main/dialogs';
import { appProtocolHandler, guardNavigation, lockSession, type Navigable } from './main/guards';
import { CALL_CHANNEL, EVENT_CHANNEL, guardedHandler } from './main/ipc';
import { utilityTrainer } from './main/trainer-process';
import { openWindow } from './main/window';
import { appRoot, defaultDataDir, distPath } from '../node/paths';
import { createService } from '../node/service';

installLastResort(process, join(defaultDataDir(), ERROR_LOG));
protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
const version = (JSON.parse(readFileSync(join(appRoot, 'package.json'), 'utf8')) as { version: string }).version;

let win: InstanceType<typeof BrowserWindow> | undefined;
const service = createService({
  transport: 'electron',
  version,
  emit: (event) => win?.webContents.send(EVENT_CHANNEL, event),
  spawnTrainer: utilityTrainer,
  saveFile: (name, text) => saveWithDialog((options) => dialog.showSaveDialog(win!, options), name, text),
  openFile: () => openWithDialog((options) => dialog.showOpenDialog(win!, options)),
});

// Every webContents, the window's or any other, stays on the app's own page.
app.on('web-contents-created', (_event: unknown, contents: unknown) => guardNavigation(contents as Navigable));

app.whenReady().then(() => {
  protocol.handle('app', appProtocolHandler(distPath('renderer')));
  // No permission is granted or reported as granted; the same policy on every response, whatever serves it.
  lockSession(session.defaultSession);
  const handler = guardedHandler((method, payload) => service.handle(method, payload));
  ipcMain.handle(CALL_CHANNEL, (event: Parameters<typeof handler>[0], method: unknown, payload: unknown) => handler(event, method, payload));

  win = openWindow(BrowserWindow, distPath('electron', 'preload.cjs'));
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
