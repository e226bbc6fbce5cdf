/**
 * Where the app's files are: the package root (found from this file, wherever the build put
 * it) and the built outputs under `dist/`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'netwright') return dir;
    if (dirname(dir) === dir) throw new Error(`Cannot find the Netwright package root above ${from}`);
  }
}

/** The package root, e.g. `/home/me/netwright`. */
export const appRoot = findRoot(dirname(fileURLToPath(import.meta.url)));

/** A path under the build output: `distPath('renderer', 'index.html')`. */
export const distPath = (...parts: string[]) => join(appRoot, 'dist', ...parts);

/**
 * The app's data folder (run history, caches): `NETWRIGHT_DATA_DIR` when set, else
 * `~/.netwright`. `serve --data-dir` and tests pass their own.
 */
export const defaultDataDir = () => process.env.NETWRIGHT_DATA_DIR || join(homedir(), '.netwright');

/** Where decoded folders and downloaded datasets are kept: `cache/` in the data folder. */
export const defaultCacheDir = () => join(defaultDataDir(), 'cache');
