/**
 * "Download ImageNet weights" on the gallery's cards and in the Summary tab's Predict section, with the service's mirror of
 * torchvision's folder (`NETWRIGHT_WEIGHTS_URL`) a local server on 127.0.0.1, so that no test
 * contacts the real URLs: ResNet-34's file arrives half-way and stalls, the bar shows the size and
 * Cancel keeps nothing; ResNet-50's file does not match the SHA-256 prefix in torchvision's name,
 * one line names the URL; ResNet-18's weights already in the cache are loaded at once and a
 * dropped photo gives the top five classes.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, expect, test } from 'vitest';
import { writePth } from '../../shared/weights/pth';
import { dropFile } from './dropFile';
import { startApp, type App } from './harness';
import { stateDictOf } from './stateDicts';

const scratch = mkdtempSync(join(tmpdir(), 'netwright-e2e-imagenet-'));
const held: (() => void)[] = [];
const body = Buffer.alloc(2 * 2 ** 20, 7);
/** torchvision's folder, stood in for: ResNet-34's file stalls half-way, ResNet-50's is the wrong bytes, anything else a 404. */
const mirror = createServer((req, res) => {
  if (req.url === '/models/resnet34-b627a593.pth') {
    res.writeHead(200, { 'content-length': body.length });
    res.write(body.subarray(0, body.length / 2));
    return void held.push(() => res.destroy());
  }
  if (req.url === '/models/resnet50-0676ba61.pth') return void res.writeHead(200, { 'content-length': body.length }).end(body);
  res.writeHead(404, 'Not Found').end();
});
let app: App | undefined;
afterAll(async () => {
  await app?.close();
  held.forEach((end) => end());
  await new Promise((resolve) => mirror.close(resolve));
  rmSync(scratch, { recursive: true, force: true });
});

test('download ImageNet weights: cancel, a wrong hash, and cached weights loaded for prediction', async () => {
  await new Promise<void>((resolve) => mirror.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(mirror.address() as AddressInfo).port}/models/`;
  process.env.NETWRIGHT_WEIGHTS_URL = base;
  const dataDir = join(scratch, 'data');
  const weightsDir = join(dataDir, 'cache', 'weights');
  mkdirSync(weightsDir, { recursive: true });
  writeFileSync(join(weightsDir, 'resnet18-f37072fd.pth'), writePth(stateDictOf('resnet18')));
  app = await startApp({ dataDir });
  delete process.env.NETWRIGHT_WEIGHTS_URL;
  const { page } = app;
  const open = async (name: string) => {
    await page.getByRole('button', { name: 'New from template…' }).click();
    const gallery = page.getByRole('dialog', { name: 'Templates' });
    await gallery.getByRole('button', { name, exact: true }).click();
    await gallery.waitFor({ state: 'detached' });
    await page.getByRole('tablist', { name: 'Bottom panel' }).getByRole('tab', { name: 'Summary' }).click();
    return page.getByRole('region', { name: 'Predict' });
  };

  // On the gallery's card: the same control, and a card without published weights has none.
  await page.getByRole('button', { name: 'New from template…' }).click();
  const gallery = page.getByRole('dialog', { name: 'Templates' });
  const card = (name: string) => gallery.getByRole('listitem').filter({ has: page.getByRole('button', { name, exact: true }) });
  expect(await card('GoogLeNet').getByRole('button', { name: 'Download ImageNet weights' }).count()).toBe(0);
  await card('ResNet-34').getByRole('button', { name: 'Download ImageNet weights' }).click();
  const cardBar = card('ResNet-34').getByRole('progressbar', { name: "Downloading ResNet-34's ImageNet weights" });
  await expect.poll(async () => Number(await cardBar.getAttribute('aria-valuenow')), { timeout: 30_000 }).toBeGreaterThan(0);
  await card('ResNet-34').getByRole('button', { name: 'Cancel' }).click();
  await card('ResNet-34').getByText('Cancelled; nothing was kept.').waitFor({ timeout: 30_000 });
  expect(readdirSync(weightsDir)).toEqual(['resnet18-f37072fd.pth']);
  // ResNet-18's are in the cache already: the card says the Predict section loads them at once.
  await card('ResNet-18').getByRole('button', { name: 'Download ImageNet weights' }).click();
  await card('ResNet-18').getByRole('status').getByText('In the cache: Predict in its Summary tab loads them at once.').waitFor();
  await gallery.getByRole('button', { name: 'Close' }).click();
  await gallery.waitFor({ state: 'detached' });

  let section = await open('ResNet-34');
  await section.getByRole('button', { name: 'Download ImageNet weights' }).click();
  const bar = section.getByRole('progressbar', { name: "Downloading ResNet-34's ImageNet weights" });
  // Half the file arrives, then the server stalls: the bar stays short of the end.
  await expect.poll(async () => Number(await bar.getAttribute('aria-valuenow')), { timeout: 30_000 }).toBeGreaterThan(0);
  expect(Number(await bar.getAttribute('aria-valuenow'))).toBeLessThanOrEqual(body.length / 2);
  expect(await bar.getAttribute('aria-valuetext')).toMatch(/^(\d+ KiB|1\.0 MiB) of 2\.0 MiB$/);
  await section.getByText(/^Downloading resnet34-b627a593\.pth: (\d+ KiB|1\.0 MiB) of 2\.0 MiB, about \d+ (s|min) left(Cancel)?$/).waitFor();
  await section.getByRole('button', { name: 'Cancel' }).click();
  await section.getByText('Cancelled; nothing was kept.').waitFor({ timeout: 30_000 });
  expect(readdirSync(weightsDir)).toEqual(['resnet18-f37072fd.pth']);

  section = await open('ResNet-50');
  await section.getByRole('button', { name: 'Download ImageNet weights' }).click();
  const url = `${base}resnet50-0676ba61.pth`;
  await section.getByRole('alert').getByText(new RegExp(`^The file from ${url.replace(/[.]/g, '\\.')} has SHA-256 [0-9a-f]{64}, which does not start with the 0676ba61 its name carries: it was damaged or changed on the way; nothing was kept\\.$`)).waitFor({ timeout: 30_000 });
  expect(existsSync(join(weightsDir, 'resnet50-0676ba61.pth'))).toBe(false);

  section = await open('ResNet-18');
  await section.getByRole('button', { name: 'Download ImageNet weights' }).click();
  await section.getByText(/^resnet18-f37072fd\.pth \(ImageNet, torchvision\) \(.+\) loaded\./).waitFor({ timeout: 30_000 });
  const pixels = Buffer.from(Array.from({ length: 64 * 48 * 3 }, (_, i) => (i * 29) % 256));
  const photo = (await sharp(pixels, { raw: { width: 64, height: 48, channels: 3 } }).png().toBuffer()).toString('base64');
  await dropFile(page, '.predict', 'photo.png', photo);
  const top = section.getByRole('list', { name: 'Top classes for photo.png' });
  await top.waitFor({ timeout: 120_000 });
  const rows = await top.getByRole('listitem').allTextContents();
  expect(rows).toHaveLength(5);
  for (const row of rows) expect(row).toMatch(/^.+ \d{1,3}\.\d{2} %$/);
  expect(await section.getByRole('alert').count()).toBe(0);
  expect(app.errors).toEqual([]);
});
