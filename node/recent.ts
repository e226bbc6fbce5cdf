/**
 * The recent files: the last documents opened or saved, newest first, at most `RECENT_LIMIT`,
 * kept in `recent.json` in the data folder so that the desktop app and the browser mode share
 * them. Files that no longer exist are dropped as the list is read. The list is a convenience:
 * a damaged file reads as an empty list, and a failed write is reported on stderr, never thrown.
 */
import { access, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { fileErrorCause, writeFileAtomic } from './files';

export const RECENT_LIMIT = 10;

export interface RecentFile {
  name: string;
  path: string;
}

/** Whether a file is there (stat-able); the default test of `recentStore`. */
const fileExists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

/** `path` put first in `list`, once, cut to the limit: `withRecent([b, a], a)` → `[a, b]`. */
export function withRecent(list: readonly RecentFile[], path: string, limit = RECENT_LIMIT): RecentFile[] {
  return [{ name: basename(path), path }, ...list.filter((f) => f.path !== path)].slice(0, limit);
}

/** The entries of a parsed recent.json that are well-formed, in order, without repeats. */
export function parseRecent(value: unknown): RecentFile[] {
  const list = Array.isArray(value) ? value : [];
  const seen = new Set<string>();
  return list.flatMap((f: unknown) => {
    const path = (f as { path?: unknown } | null)?.path;
    if (typeof path !== 'string' || path === '' || seen.has(path)) return [];
    seen.add(path);
    return [{ name: basename(path), path }];
  });
}

/**
 * `recentStore(dataDir)`: `list()` (files that still exist), `add(path)`, `has(path)`.
 * `exists` is how a file is checked (tests pass their own); `warn` hears of a failed write.
 */
export function recentStore(dataDir: string, options: { exists?: (path: string) => Promise<boolean>; warn?: (message: string) => void } = {}) {
  const path = join(dataDir, 'recent.json');
  const exists = options.exists ?? fileExists;
  const warn = options.warn ?? ((m: string) => console.warn(m));
  // Changes one after another, so two quick ones cannot lose each other.
  let queue: Promise<unknown> = Promise.resolve();

  const read = async (): Promise<RecentFile[]> => {
    try {
      return parseRecent(JSON.parse(await readFile(path, 'utf8')));
    } catch {
      return []; // absent or damaged: the next change writes a good one
    }
  };
  const write = async (list: RecentFile[]) => {
    try {
      await writeFileAtomic(path, JSON.stringify(list, null, 2) + '\n');
    } catch (e) {
      warn(`The recent files could not be kept (${fileErrorCause(e)}); the app goes on without them.`);
    }
  };
  const change = <T>(step: () => Promise<T>): Promise<T> => {
    const next = queue.then(step);
    queue = next.catch(() => undefined);
    return next;
  };

  return {
    path,
    /** The recent files that still exist, newest first; the gone ones are dropped from the file too. */
    list: (): Promise<RecentFile[]> =>
      change(async () => {
        const all = await read();
        const kept = (await Promise.all(all.map(async (f) => ((await exists(f.path)) ? [f] : [])))).flat();
        if (kept.length !== all.length) await write(kept);
        return kept;
      }),
    /** Put a file first in the list (it was just opened or saved). */
    add: (file: string): Promise<RecentFile[]> =>
      change(async () => {
        const list = withRecent(await read(), file);
        await write(list);
        return list;
      }),
    /** Whether a path is in the list. */
    has: (file: string): Promise<boolean> => change(async () => (await read()).some((f) => f.path === file)),
  };
}

export type RecentStore = ReturnType<typeof recentStore>;
