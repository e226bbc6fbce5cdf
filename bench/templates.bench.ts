/**
 * Opening a template from the gallery, in the built app in headless Chromium: from the click on
 * its card to the first frame painted with its layers laid out (auto-layout with ELK in a
 * worker, shape inference, React Flow), as the app's own performance marks measure it
 * (`netwright:open template <id>`). The first open of the session comes 2 s after the app
 * started (a person reading the gallery), while ELK starts in its worker; the others follow it.
 */
import type { Page } from 'playwright-core';
import { openApp } from './browser';
import { median } from './measure';

const RUNS = 5;
const IDS: [string, string][] = [
  ['resnet152', 'ResNet-152'],
  ['googlenet', 'GoogLeNet'],
  ['densenet121', 'DenseNet-121'],
];

/** Open template `id` from the gallery; the measured milliseconds. */
async function openFromGallery(page: Page, id: string, card: string): Promise<number> {
  const name = `netwright:open template ${id}`;
  await page.evaluate((n) => performance.clearMeasures(n), name);
  await page.getByRole('button', { name: 'New from template…' }).click();
  await page.getByRole('dialog', { name: 'Templates' }).getByRole('button', { name: card, exact: true }).click();
  await page.waitForFunction((n) => performance.getEntriesByName(n, 'measure').length > 0, name);
  return page.evaluate((n) => performance.getEntriesByName(n, 'measure')[0]!.duration, name);
}

/** A person takes a moment to read the gallery before choosing; ELK starts meanwhile. */
const LOOK = 2000;

const app = await openApp();
try {
  const rows: string[] = [];
  for (const [id, card] of IDS) {
    if (id === IDS[0]![0]) await app.page.waitForTimeout(LOOK);
    const first = await openFromGallery(app.page, id, card);
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) times.push(await openFromGallery(app.page, id, card));
    rows.push(`| ${card} | ${first.toFixed(0)} ms | ${median(times).toFixed(0)} ms | ${Math.min(...times).toFixed(0)}–${Math.max(...times).toFixed(0)} ms |`);
  }
  console.log('\n## Opening a template from the gallery (click → laid out and painted)\n');
  console.log('| Template | First open | Median of 5 more | Range |');
  console.log('| --- | ---: | ---: | ---: |');
  for (const r of rows) console.log(r);
} finally {
  await app.close();
}
