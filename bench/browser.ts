/**
 * The built app in headless Chromium, for benchmarks: `netwright serve --port 0` (run from the
 * repository root, as `npm run bench` does) and a page on it, plus frame timing in the page:
 * the gaps between `requestAnimationFrame` callbacks while something happens.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { browserForTests } from '../scripts/find-browser.mjs';

export interface BenchApp {
  page: Page;
  close(): Promise<void>;
}

/**
 * Start the server and open the app at `viewport`; the template gallery of a first start is
 * closed. The server keeps its data (autosave, run history) in a folder of its own, removed on
 * close: a benchmark never leaves work for the user's app to offer back.
 */
export async function openApp(viewport = { width: 1440, height: 900 }): Promise<BenchApp> {
  if (!existsSync(join('dist', 'node', 'cli.js'))) throw new Error('The app is not built: run `npm run build` first.');
  const browser = await browserForTests();
  if ('missing' in browser) throw new Error(browser.missing);
  const appData = mkdtempSync(join(tmpdir(), 'netwright-bench-data-'));
  const server = spawn(process.execPath, [join('bin', 'netwright.js'), 'serve', '--port', '0', '--data-dir', appData], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    server.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const m = /Netwright is running at (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    server.once('exit', (code) => reject(new Error(`netwright serve exited with ${code}: ${out}`)));
  });
  const dataDir = mkdtempSync(join(tmpdir(), 'netwright-bench-'));
  let context: BrowserContext | undefined;
  const close = async () => {
    await context?.close().catch(() => undefined);
    stop(server);
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(appData, { recursive: true, force: true });
  };
  try {
    context = await chromium.launchPersistentContext(dataDir, {
      ...browser,
      headless: true,
      viewport,
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update'],
    });
    // Headless Chromium cancels file pickers at once: open through the file input instead.
    await context.addInitScript(() => {
      for (const name of ['showSaveFilePicker', 'showOpenFilePicker']) Object.defineProperty(window, name, { value: undefined, configurable: true });
    });
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(url);
    await page.getByRole('complementary', { name: 'Layers' }).waitFor();
    // A fresh data folder has no work to restore: the gallery greets the window once start-up is done.
    await page.getByRole('dialog', { name: 'Templates' }).waitFor();
    await page.keyboard.press('Escape');
    return { page, close };
  } catch (e) {
    await close();
    throw e;
  }
}

function stop(server: ChildProcess): void {
  if (server.exitCode === null && server.signalCode === null) server.kill('SIGTERM');
}

/** Start recording frame gaps in the page. */
export async function startFrames(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __frames: { gaps: number[]; on: boolean } };
    const rec = (w.__frames = { gaps: [] as number[], on: true });
    let last = 0;
    const tick = (t: number) => {
      if (!rec.on) return;
      if (last) rec.gaps.push(t - last);
      last = t;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}

/** Stop recording; the gaps between frames, in milliseconds. */
export async function stopFrames(page: Page): Promise<number[]> {
  return page.evaluate(() => {
    const w = window as unknown as { __frames: { gaps: number[]; on: boolean } };
    w.__frames.on = false;
    return w.__frames.gaps;
  });
}

/** The `q` quantile (0…1) of `xs`, nearest rank. */
export function quantile(xs: readonly number[], q: number): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
}
