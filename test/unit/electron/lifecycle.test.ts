/**
 * The desktop app's side of the document's lifecycle, as pure functions given stand-ins for
 * Electron: the documents named on a command line (a first or second launch, a double-click),
 * the queue that holds them (and macOS's open-file) until the window is ready, the close that
 * waits for the page's answer, the window's remembered place, what macOS shows of the document,
 * the recent files handed to the OS, and the export dialogs.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { guardClose } from '../../../electron/main/close';
import { exportFilesWithDialog, exportWithDialog, openWithDialog } from '../../../electron/main/dialogs';
import { documentsInArgv, openQueue } from '../../../electron/main/launch';
import { syncRecentDocuments } from '../../../electron/main/recent';
import { DEFAULT_PLACE, openWindow, placeStore, restorePlace, showDocument } from '../../../electron/main/window';

const folder = () => mkdtempSync(join(tmpdir(), 'netwright-electron-'));

describe('documents on the command line', () => {
  const files = new Set(['/home/me/nets/a.netwright.json', '/tmp/b.json', '/home/me/nets/Mixed Case.NETWRIGHT.JSON']);
  const isFile = (p: string) => files.has(p);

  it('are the .json files among the arguments, resolved against the folder the launch started in', () => {
    expect(documentsInArgv(['/opt/Netwright/netwright', 'a.netwright.json'], '/home/me/nets', isFile)).toEqual(['/home/me/nets/a.netwright.json']);
    expect(documentsInArgv(['netwright', '/tmp/b.json', 'Mixed Case.NETWRIGHT.JSON'], '/home/me/nets', isFile)).toEqual(['/tmp/b.json', '/home/me/nets/Mixed Case.NETWRIGHT.JSON']);
  });

  it('skip the executable, Electron’s and Chromium’s switches, macOS’s -psn_, the app’s script, files that are not there, and repeats', () => {
    const argv = ['/usr/bin/electron', '/app/dist/electron/main.js', '--allow-file-access-from-files', '-psn_0_12345', '--flag=/tmp/b.json', 'missing.json', 'notes.txt', '/tmp/b.json', '/tmp/b.json'];
    expect(documentsInArgv(argv, '/home/me', isFile)).toEqual(['/tmp/b.json']);
    expect(documentsInArgv(['/tmp/b.json'], '/', isFile)).toEqual([]); // argv[0] is the executable, whatever it is called
  });

  it('work with the real file system test too', () => {
    const dir = folder();
    writeFileSync(join(dir, 'x.netwright.json'), '{}');
    const isReal = (p: string) => p === resolve(dir, 'x.netwright.json');
    expect(documentsInArgv(['app', 'x.netwright.json', 'y.netwright.json'], dir, isReal)).toEqual([join(dir, 'x.netwright.json')]);
  });
});

describe('the queue of documents to open', () => {
  it('holds documents (the command line, open-file, a second launch) until the window is ready, then sends each as it comes', () => {
    const sent: string[] = [];
    const queue = openQueue((p) => sent.push(p));
    queue.open(['/a.json']);
    queue.open(['/b.json', '/a.json']);
    expect(sent).toEqual([]);
    expect(queue.ready()).toEqual(['/a.json', '/b.json']);
    expect(queue.ready()).toEqual([]);
    queue.open(['/c.json']);
    expect(sent).toEqual(['/c.json']);
    // The page loads again (a reload): documents wait for its app.ready again.
    queue.loading();
    queue.open(['/d.json']);
    expect([sent, queue.isReady]).toEqual([['/c.json'], false]);
    expect(queue.ready()).toEqual(['/d.json']);
  });
});

describe('closing the window', () => {
  function stand() {
    const listeners: ((e: { preventDefault(): void }) => void)[] = [];
    const log: string[] = [];
    const win = {
      on: (_event: 'close', l: (e: { preventDefault(): void }) => void) => listeners.push(l),
      close: () => {
        log.push('close');
        tryClose();
      },
    };
    const tryClose = () => {
      let held = false;
      for (const l of listeners) l({ preventDefault: () => (held = true) });
      log.push(held ? 'held' : 'closed');
    };
    return { win, log, tryClose };
  }

  it('is held while the page answers; its yes closes the window; a Cancel leaves it open', () => {
    const { win, log, tryClose } = stand();
    const guard = guardClose(win, () => log.push('asked the page'), () => true);
    tryClose();
    expect(log).toEqual(['asked the page', 'held']);
    tryClose(); // cancelled, then the close button again: asked again
    expect(log.slice(2)).toEqual(['asked the page', 'held']);
    guard.allow();
    expect(log.slice(4)).toEqual(['close', 'closed']);
  });

  it('is not held by a page that cannot answer (still loading, crashed): its work is in the autosave', () => {
    const { win, log, tryClose } = stand();
    guardClose(win, () => log.push('asked the page'), () => false);
    tryClose();
    expect(log).toEqual(['closed']);
  });
});

describe('the window’s place', () => {
  const screens = [
    { x: 0, y: 0, width: 1920, height: 1080 },
    { x: 1920, y: 0, width: 1280, height: 1024 },
  ];

  it('comes back as it was: size, position, maximised', () => {
    expect(restorePlace({ x: 2000, y: 40, width: 1100, height: 800, maximized: true }, screens)).toEqual({ x: 2000, y: 40, width: 1100, height: 800, maximized: true });
  });

  it('opens centred when its monitor is gone, and within the largest screen; garbage gives the default', () => {
    expect(restorePlace({ x: 4000, y: 40, width: 1100, height: 800 }, screens)).toEqual({ width: 1100, height: 800, maximized: false });
    expect(restorePlace({ x: 10, y: -200, width: 1100, height: 800 }, screens)).toEqual({ width: 1100, height: 800, maximized: false });
    expect(restorePlace({ x: 0, y: 0, width: 5000, height: 90 }, screens)).toEqual({ x: 0, y: 0, width: 1920, height: 360, maximized: false });
    for (const bad of [null, 'x', { width: 'wide' }, { width: NaN, height: 3 }]) expect(restorePlace(bad, screens)).toEqual(DEFAULT_PLACE);
  });

  it('is kept in window.json in the data folder, and a write that fails only warns', async () => {
    const dir = folder();
    const store = placeStore(dir);
    expect(store.read()).toBeNull();
    await store.save({ getNormalBounds: () => ({ x: 5, y: 6, width: 900, height: 700 }), isMaximized: () => true });
    expect(store.read()).toEqual({ x: 5, y: 6, width: 900, height: 700, maximized: true });
    const warned: string[] = [];
    const blocked = join(dir, 'window.json', 'below'); // a folder that is a file
    await placeStore(blocked, (m) => warned.push(m)).save({ getNormalBounds: () => ({ x: 0, y: 0, width: 1, height: 1 }), isMaximized: () => false });
    expect(warned).toEqual([expect.stringMatching(/could not be kept \(A part of its path is not a folder\)/)]);
  });

  it('is where the window opens, with the security defaults unchanged', () => {
    class Recorder {
      constructor(readonly options: object) {}
    }
    expect(openWindow(Recorder, '/p.cjs', { x: 3, y: 4, width: 900, height: 700, maximized: false }).options).toMatchObject({ x: 3, y: 4, width: 900, height: 700, show: false });
    expect(openWindow(Recorder, '/p.cjs').options).not.toHaveProperty('x');
  });
});

describe('what the window shows of its document', () => {
  it('on macOS: the edited dot and the file’s proxy icon; elsewhere nothing beyond the title', () => {
    const calls: string[] = [];
    const win = { setDocumentEdited: (e: boolean) => calls.push(`edited ${e}`), setRepresentedFilename: (p: string) => calls.push(`file ${p}`) };
    showDocument(win, { edited: true, path: '/nets/a.netwright.json' }, 'darwin');
    showDocument(win, { edited: false, path: null }, 'darwin');
    showDocument(win, { edited: true, path: '/x.json' }, 'linux');
    expect(calls).toEqual(['edited true', 'file /nets/a.netwright.json', 'edited false', 'file ']);
  });
});

describe('the recent files in the OS', () => {
  it('are the app’s list, oldest added first so the newest is on top; Linux has no such list', () => {
    const calls: string[] = [];
    const app = { clearRecentDocuments: () => calls.push('clear'), addRecentDocument: (p: string) => calls.push(p) };
    const files = [
      { name: 'new.json', path: '/new.json' },
      { name: 'old.json', path: '/old.json' },
    ];
    syncRecentDocuments(app, files, 'darwin');
    expect(calls).toEqual(['clear', '/old.json', '/new.json']);
    syncRecentDocuments(app, files, 'linux');
    expect(calls).toHaveLength(3);
  });
});

describe('the native dialogs', () => {
  it('Open gives the file’s name, path and text', async () => {
    const dir = folder();
    const path = join(dir, 'net.netwright.json');
    writeFileSync(path, '{"x":1}');
    expect(await openWithDialog(async () => ({ canceled: false, filePaths: [path] }))).toEqual({ name: 'net.netwright.json', path, text: '{"x":1}' });
    expect(await openWithDialog(async () => ({ canceled: true, filePaths: [] }))).toBeNull();
  });

  it('an export offers its own type and writes text or bytes; a saved model goes into the chosen folder', async () => {
    const dir = folder();
    let asked: unknown;
    const png = await exportWithDialog(async (o) => ((asked = o), { canceled: false, filePath: join(dir, 'fig.png') }), 'LeNet-5.png', new Uint8Array([137, 80]));
    expect(asked).toEqual({ defaultPath: 'LeNet-5.png', filters: [{ name: 'PNG', extensions: ['png'] }] });
    expect([...readFileSync(png!)]).toEqual([137, 80]);
    expect(await exportWithDialog(async () => ({ canceled: true }), 'model.py', 'x')).toBeNull();
    const files = [
      { name: 'model.json', data: new TextEncoder().encode('{}') },
      { name: '../weights.bin', data: new Uint8Array([1, 2, 3]) },
    ];
    expect(await exportFilesWithDialog(async () => ({ canceled: false, filePaths: [dir] }), files)).toBe(dir);
    expect(readFileSync(join(dir, 'model.json'), 'utf8')).toBe('{}');
    expect([...readFileSync(join(dir, 'weights.bin'))]).toEqual([1, 2, 3]);
    expect(await exportFilesWithDialog(async () => ({ canceled: true, filePaths: [] }), files)).toBeNull();
  });
});
