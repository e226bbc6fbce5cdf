/**
 * The Electron main process: one locked-down window on the custom `app://netwright` protocol,
 * the engine service behind one guarded IPC channel, native file dialogs, and the desktop app's
 * side of the document's lifecycle: a single instance (a second launch hands its files to the
 * running app), documents opened from the command line, a double-click or macOS's open-file,
 * the native menu bar built from the window's command table, the recent files in the OS, the
 * window's place remembered, and a close that waits for unsaved edits to be saved or given up.
 * An exception nobody caught is logged to the data folder's errors.log and the app goes on.
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, screen, session, shell } from 'electron';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { AppEvent, MenuSpec } from '../shared/api';
import { ERROR_LOG, installLastResort } from '../node/host/last-resort';
import type { RecentFile } from '../node/recent';
import { guardClose } from './main/close';
import { exportFilesWithDialog, exportWithDialog, openWithDialog, saveWithDialog } from './main/dialogs';
import { appProtocolHandler, guardNavigation, lockSession, type Navigable } from './main/guards';
import { APP_CHANNEL, CALL_CHANNEL, EVENT_CHANNEL, guardedHandler } from './main/ipc';
import { documentsInArgv, openQueue } from './main/launch';
import { menuTemplate } from './main/menu';
import { syncRecentDocuments } from './main/recent';
import { utilityTrainer } from './main/trainer-process';
import { openWindow, placeStore, restorePlace, showDocument } from './main/window';
import { appRoot, defaultDataDir, distPath } from '../node/paths';
import { createService } from '../node/service';

installLastResort(process, join(defaultDataDir(), ERROR_LOG));
protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
const version = (JSON.parse(readFileSync(join(appRoot, 'package.json'), 'utf8')) as { version: string }).version;

const isFile = (path: string) => {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
};

let win: InstanceType<typeof BrowserWindow> | undefined;
let menu: MenuSpec = [];
let recent: readonly RecentFile[] = [];
const place = placeStore(defaultDataDir());
const sendApp = (event: AppEvent) => win?.webContents.send(APP_CHANNEL, event);
const documents = openQueue((path) => sendApp({ type: 'open', path }));

function showMenu(): void {
  const template = menuTemplate(menu, {
    platform: process.platform,
    appName: app.name,
    recent,
    command: (id) => sendApp({ type: 'command', id }),
    open: (path) => documents.open([path]),
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

function focusWindow(): void {
  if (!win) return;
  if (win.isMinimized()) win.restore();
  win.focus();
}

const service = createService({
  transport: 'electron',
  version,
  emit: (event) => win?.webContents.send(EVENT_CHANNEL, event),
  spawnTrainer: utilityTrainer,
  anyPath: true,
  saveFile: (name, text) => saveWithDialog((options) => dialog.showSaveDialog(win!, options), name, text),
  openFile: () => openWithDialog((options) => dialog.showOpenDialog(win!, options)),
  exportFile: (name, data) => exportWithDialog((options) => dialog.showSaveDialog(win!, options), name, data),
  exportFiles: (files) => exportFilesWithDialog((options) => dialog.showOpenDialog(win!, options), files),
  recentChanged: (files) => {
    recent = files;
    syncRecentDocuments(app, files, process.platform);
    showMenu();
  },
  appReady: (spec) => {
    menu = spec;
    showMenu();
    return documents.ready();
  },
  windowState: (state) => (win ? showDocument(win, state, process.platform) : undefined),
  closeWindow: () => closing?.allow(),
});
let closing: ReturnType<typeof guardClose> | undefined;

// One app: a second launch hands its documents to this one and quits.
if (!app.requestSingleInstanceLock()) app.quit();
else {
  documents.open(documentsInArgv(process.argv, process.cwd(), isFile));
  app.on('second-instance', (_event: unknown, argv: string[], cwd: string) => {
    documents.open(documentsInArgv(argv, cwd, isFile));
    focusWindow();
  });
  // macOS: a double-click in Finder, a drop on the Dock icon (before the app is ready, too).
  app.on('open-file', (event: { preventDefault(): void }, path: string) => {
    event.preventDefault();
    documents.open([path]);
    focusWindow();
  });
  // Every webContents, the window's or any other, stays on the app's own page.
  app.on('web-contents-created', (_event: unknown, contents: unknown) => guardNavigation(contents as Navigable));
  app.whenReady().then(start);
  app.on('window-all-closed', () => {
    service.stopAll();
    app.quit();
  });
}

function start(): void {
  protocol.handle('app', appProtocolHandler(distPath('renderer')));
  // No permission is granted or reported as granted; the same policy on every response, whatever serves it.
  lockSession(session.defaultSession);
  const handler = guardedHandler((method, payload) => service.handle(method, payload));
  ipcMain.handle(CALL_CHANNEL, (event: Parameters<typeof handler>[0], method: unknown, payload: unknown) => handler(event, method, payload));
  showMenu();
  void service.handle('recent.list', {}).then(
    (r) => {
      recent = (r as { files: RecentFile[] }).files;
      showMenu();
    },
    () => undefined,
  );

  const at = restorePlace(
    place.read(),
    screen.getAllDisplays().map((d: { workArea: { x: number; y: number; width: number; height: number } }) => d.workArea),
  );
  const opened: InstanceType<typeof BrowserWindow> = openWindow(BrowserWindow, distPath('electron', 'preload.cjs'), at);
  win = opened;
  if (at.maximized) opened.maximize();
  opened.webContents.setWindowOpenHandler(({ url }: { url: string }) => {
    if (url.startsWith('https:')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  // The page answers close requests once it said it is ready; a page loading again, or gone, does not hold the window.
  opened.webContents.on('did-start-navigation', (details: { isMainFrame?: boolean; isSameDocument?: boolean }) => {
    if (details.isMainFrame !== false && !details.isSameDocument) documents.loading();
  });
  opened.webContents.on('render-process-gone', () => documents.loading());
  closing = guardClose(opened, () => sendApp({ type: 'close' }), () => documents.isReady && !opened.webContents.isCrashed());
  opened.on('close', () => void place.save(opened));
  opened.on('closed', () => {
    win = undefined;
  });
  opened.once('ready-to-show', () => opened.show());
  void opened.loadURL('app://netwright/index.html');
}
