/**
 * The training panel's CIFAR fields, on files generated in the official binary format and a
 * local server on 127.0.0.1 as the mirror (`NETWRIGHT_DATASETS_URL`), so no test reaches the
 * real URLs: CIFAR-100 in the data folder's cache with its 20 superclasses, the preview naming
 * them; CIFAR-10 not downloaded, its Download showing the bar with the size (the mirror sends 2 MB
 * of the 170 MB it announces, then waits) and Cancel keeping nothing; a folder of CIFAR-10 files
 * previewed with CIFAR-10's class names.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { CIFAR } from '../../node/engine/data/cifar';
import { cifar100Files, cifar10Files, CIFAR10_NAMES } from '../unit/engine/cifarFiles';
import { startApp, type App } from './harness';
import { training } from './trainingPanel';

const scratch = mkdtempSync(join(tmpdir(), 'netwright-e2e-cifar-'));
const cache = join(scratch, 'data', 'cache');
const held: ServerResponse[] = [];
// The official archive's name and announced size; 2 MB of it, then nothing until the test ends.
const mirror = createServer((req, res) => {
  if (req.url !== '/mirror/cifar-10-binary.tar.gz') return void res.writeHead(404, 'Not Found').end();
  res.writeHead(200, { 'content-length': CIFAR.cifar10.bytes });
  res.write(Buffer.alloc(2_000_000, 7));
  held.push(res);
});
let app: App;
let base: string;

beforeAll(async () => {
  await new Promise<void>((resolve) => mirror.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(mirror.address() as AddressInfo).port}/mirror/`;
  cifar100Files(60, 20, join(cache, 'cifar-100-binary'));
  process.env.NETWRIGHT_DATASETS_URL = base;
  app = await startApp({ dataDir: join(scratch, 'data') });
  delete process.env.NETWRIGHT_DATASETS_URL;
}, 120_000);
afterAll(async () => {
  await app?.close();
  for (const res of held) res.destroy();
  await new Promise((resolve) => mirror.close(resolve));
  rmSync(scratch, { recursive: true, force: true });
});

const settings = (page: Page) => training(page).getByRole('form', { name: 'Run settings' });

/** The preview's captions (each image's class name) and its header line, then the dialog closed. */
async function preview(page: Page): Promise<{ names: string[]; header: string }> {
  await settings(page).getByRole('button', { name: 'Preview' }).click();
  const dialog = page.getByRole('dialog', { name: 'Dataset preview' });
  const grid = dialog.getByRole('list', { name: 'Sample images' });
  await grid.waitFor({ timeout: 60_000 });
  const names = await grid.getByRole('img').evaluateAll((images) => images.map((i) => i.getAttribute('alt') ?? ''));
  const header = (await dialog.locator('header p').textContent()) ?? '';
  await dialog.getByRole('button', { name: 'Close' }).click();
  await dialog.waitFor({ state: 'detached' });
  return { names, header };
}

test('CIFAR-100 in the cache: fine labels or the 20 superclasses, previewed with their names', async () => {
  const { page } = app;
  const dataset = settings(page).getByRole('combobox', { name: 'Dataset' });
  expect(await dataset.locator('option').allTextContents()).toEqual(expect.arrayContaining(['CIFAR-10', 'CIFAR-100']));
  await dataset.selectOption({ label: 'CIFAR-100' });
  await training(page).getByRole('heading', { name: 'Training · CIFAR-100' }).waitFor();
  await settings(page).getByText(`CIFAR-100 is in the data folder's cache (${join(cache, 'cifar-100-binary')}).`).waitFor();
  const labels = settings(page).getByRole('combobox', { name: 'Labels' });
  expect(await labels.locator('option').allTextContents()).toEqual(['100 classes', '20 superclasses']);

  const fine = await preview(page);
  expect(fine.header).toBe('CIFAR-100 · 32×32×3 · 100 classes · 80 images');
  expect(fine.names.every((n) => /^fine\d+$/.test(n))).toBe(true);

  await labels.selectOption({ label: '20 superclasses' });
  await training(page).getByRole('heading', { name: 'Training · CIFAR-100 (20 superclasses)' }).waitFor();
  const coarse = await preview(page);
  expect(coarse.header).toBe('CIFAR-100 (20 superclasses) · 32×32×3 · 20 classes · 80 images');
  expect(coarse.names.length).toBeGreaterThan(8);
  expect(coarse.names.every((n) => /^coarse\d+$/.test(n))).toBe(true);
  expect(new Set(coarse.names).size).toBeGreaterThan(1);
  expect(app.errors).toEqual([]);
}, 120_000);

test('CIFAR-10 not downloaded: Download shows its progress from the mirror, Cancel keeps nothing', async () => {
  const { page } = app;
  await settings(page).getByRole('combobox', { name: 'Dataset' }).selectOption({ label: 'CIFAR-10' });
  await training(page).getByRole('heading', { name: 'Training · CIFAR-10' }).waitFor();
  const folder = join(cache, 'cifar-10-batches-bin');
  await settings(page).getByText('CIFAR-10 is not downloaded yet.').waitFor();
  await settings(page).getByText(`170.1 MB from ${base}cifar-10-binary.tar.gz, MD5-checked, into ${folder}.`).waitFor();

  await settings(page).getByRole('button', { name: 'Download CIFAR-10' }).click();
  const bar = settings(page).getByRole('progressbar', { name: 'Downloading CIFAR-10' });
  await expect.poll(async () => Number(await bar.getAttribute('aria-valuenow')), { timeout: 30_000 }).toBeGreaterThan(0);
  expect(Number(await bar.getAttribute('aria-valuenow'))).toBeLessThanOrEqual(2_000_000);
  expect(await bar.getAttribute('aria-valuemax')).toBe(String(CIFAR.cifar10.bytes));
  await settings(page).getByText(/^Downloading CIFAR-10: [12]\.\d MB of 170\.1 MB/).waitFor();

  await settings(page).getByRole('button', { name: 'Cancel' }).click();
  await settings(page).getByText('Cancelled; nothing was kept.').waitFor();
  await settings(page).getByRole('button', { name: 'Download CIFAR-10' }).waitFor();
  expect(existsSync(folder)).toBe(false);
  expect(app.errors).toEqual([]);
}, 120_000);

test("a folder of CIFAR-10's files is read where it lies, its classes named in the preview", async () => {
  const { page } = app;
  const dir = cifar10Files(8, 10, join(scratch, 'mine'));
  await settings(page).getByRole('textbox', { name: 'Folder' }).fill(dir);
  // A folder of its own: the cache and its Download are not the question any more.
  await settings(page).getByRole('button', { name: 'Download CIFAR-10' }).waitFor({ state: 'detached' });
  const { names, header } = await preview(page);
  expect(header).toBe('CIFAR-10 · 32×32×3 · 10 classes · 50 images');
  expect(names.length).toBeGreaterThan(8);
  expect(names.every((n) => CIFAR10_NAMES.includes(n))).toBe(true);
  expect(app.errors).toEqual([]);
}, 120_000);
