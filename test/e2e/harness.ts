/**
 * End-to-end harness: starts the browser-mode server (`netwright serve --port 0`, which prints
 * `Netwright is running at http://127.0.0.1:PORT/?token=TOKEN`), opens the page in headless
 * Chromium, Chrome or Edge through playwright-core, and tears both down. Needs `npm run build`
 * first. The browser is the one `npm test` found (NETWRIGHT_BROWSER), else found here by
 * scripts/find-browser.mjs (CHROMIUM_PATH first).
 *
 * `NETWRIGHT_URL=http://localhost:5173/ npx vitest run --project e2e` skips the server and
 * drives that page instead (e.g. `npm run dev`); tests that need the engine then fail.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { browserForTests, type Browser } from '../../scripts/find-browser.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
let found: Promise<Browser> | undefined;
/** The browser to launch, looked for once; without one, the error says how to get one. */
const browser = () =>
  (found ??= browserForTests().then((b) => {
    if ('missing' in b) throw new Error(b.missing);
    return b;
  }));
const READY = /Netwright is running at (http:\/\/\S+)/;

/** The window sizes the layout is checked at: a laptop's and a small one. */
export const WINDOW_SIZES = [
  { width: 1440, height: 900 },
  { width: 1024, height: 700 },
] as const;

export interface App {
  page: Page;
  context: BrowserContext;
  url: string;
  /** Uncaught page errors and console errors, for tests to assert there were none. */
  errors: string[];
  /** The server's data folder (autosave, run history): its own per app unless one was given. */
  dataDir: string;
  /** Kill the browser-mode server at once (SIGKILL), as a crash would; the page stays open. */
  killServer(): void;
  close(): Promise<void>;
}

/**
 * Start the server (or use NETWRIGHT_URL) and open the app: `const app = await startApp()`, with
 * the first-start template gallery closed unless `gallery: true`.
 */
export async function startApp(options: { viewport?: { width: number; height: number }; gallery?: boolean; dataDir?: string; fileSystemAccess?: boolean } = {}): Promise<App> {
  const launchWith = await browser();
  let server: ChildProcess | undefined;
  let url = process.env.NETWRIGHT_URL;
  const scratch = mkdtempSync(join(tmpdir(), 'netwright-e2e-'));
  const dataDir = options.dataDir ?? join(scratch, 'data');
  try {
    if (!url) ({ server, url } = await startServer(dataDir));
    const context = await chromium.launchPersistentContext(join(scratch, 'chromium'), {
      ...launchWith,
      headless: true,
      acceptDownloads: true,
      viewport: options.viewport ?? { width: 1440, height: 900 },
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    // Headless Chromium cancels every file picker at once, so by default the page goes without
    // the File System Access API and saves by download, opens through a file input; a test of
    // the pickers asks for them and stands in for them (lifecycle.test.ts).
    if (!options.fileSystemAccess) {
      await context.addInitScript(() => {
        for (const name of ['showSaveFilePicker', 'showOpenFilePicker']) Object.defineProperty(window, name, { value: undefined, configurable: true });
      });
    }
    const page = context.pages()[0] ?? (await context.newPage());
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(`console: ${m.text()}`);
    });
    await page.goto(url);
    await page.getByRole('complementary', { name: 'Layers' }).waitFor();
    // The app opens on the template gallery; most tests start from the empty canvas instead.
    if (!options.gallery) {
      const gallery = page.getByRole('dialog', { name: 'Templates' });
      await gallery.getByRole('button', { name: 'Start with an empty canvas' }).click();
      await gallery.waitFor({ state: 'detached' });
    }
    return {
      page,
      context,
      url,
      errors,
      dataDir,
      killServer: () => server?.kill('SIGKILL'),
      async close() {
        await context.close().catch(() => undefined);
        await stopServer(server);
        rmSync(scratch, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await stopServer(server);
    rmSync(scratch, { recursive: true, force: true });
    throw e;
  }
}

/**
 * One app for a whole test file, started before its tests and closed after them:
 * `const session = useApp(); test(…, () => session.app.page…)`.
 */
export function useApp(options: Parameters<typeof startApp>[0] = {}): { app: App } {
  const session = {} as { app: App };
  beforeAll(async () => {
    session.app = await startApp(options);
  });
  afterAll(async () => {
    await session.app?.close();
  });
  return session;
}

/** Run `node bin/netwright.js serve --port 0 --data-dir DIR` and wait for the line with its URL. */
function startServer(dataDir: string): Promise<{ server: ChildProcess; url: string }> {
  const cli = join(root, 'dist', 'node', 'cli.js');
  if (!existsSync(cli)) throw new Error('The app is not built: run `npm run build` before the end-to-end tests.');
  const server = spawn(process.execPath, [join(root, 'bin', 'netwright.js'), 'serve', '--port', '0', '--data-dir', dataDir], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => fail(new Error(`netwright serve printed no URL within 60 s.\nstdout: ${out}\nstderr: ${err}`)), 60_000);
    const fail = (e: Error) => {
      clearTimeout(timer);
      server.kill('SIGKILL');
      reject(e);
    };
    server.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const m = READY.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ server, url: m[1]! });
      }
    });
    server.stderr!.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    server.once('exit', (code) => fail(new Error(`netwright serve exited with ${code} before it was ready.\nstdout: ${out}\nstderr: ${err}`)));
  });
}

async function stopServer(server: ChildProcess | undefined): Promise<void> {
  if (!server || server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
  server.kill('SIGTERM');
  const timer = setTimeout(() => server.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}
