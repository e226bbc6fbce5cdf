/**
 * Which documents the app is asked to open, and when they reach the window. A document comes
 * from the command line (the first launch, or a second one, which the single-instance lock
 * turns into a `second-instance` event in the running app), from macOS's `open-file` (a
 * double-click in Finder, a drop on the Dock icon), or from File → Open Recent. Until the window
 * says it is ready (`app.ready`) they wait; then each is sent as it comes. Pure: the file test
 * and the sender are given.
 */
import { isAbsolute, resolve } from 'node:path';

/** Whether a path names a document the app opens: a .json file (`.netwright.json`, or a model file to import). */
export const isDocumentPath = (path: string): boolean => /\.json$/i.test(path);

/**
 * The documents named on a command line: its arguments that are .json files, resolved against
 * the folder it was started in. Electron's and Chromium's switches (`--…`, macOS's `-psn_…`)
 * and the executable itself are skipped: `documentsInArgv(['netwright', 'a.netwright.json'], '/home/me', exists)`
 * → `['/home/me/a.netwright.json']`.
 */
export function documentsInArgv(argv: readonly string[], cwd: string, isFile: (path: string) => boolean): string[] {
  const found: string[] = [];
  for (const arg of argv.slice(1)) {
    if (arg.startsWith('-') || !isDocumentPath(arg)) continue;
    const path = isAbsolute(arg) ? arg : resolve(cwd, arg);
    if (isFile(path) && !found.includes(path)) found.push(path);
  }
  return found;
}

/**
 * The documents waiting for the window: `open(paths)` sends them at once when the window is
 * ready, else keeps them; `ready()` (the window's `app.ready`) hands over the ones that waited.
 * A window that loads again (reloaded, or crashed and reopened) waits again until it says so.
 */
export function openQueue(send: (path: string) => void) {
  let ready = false;
  const waiting: string[] = [];
  return {
    open(paths: readonly string[]): void {
      if (ready) for (const p of paths) send(p);
      else waiting.push(...paths.filter((p) => !waiting.includes(p)));
    },
    ready(): string[] {
      ready = true;
      return waiting.splice(0);
    },
    /** The window is loading again: hold what comes until it is ready. */
    loading(): void {
      ready = false;
    },
    get isReady() {
      return ready;
    },
  };
}
