/**
 * The Compare tab: LeNet-5 and AlexNet (torchvision) timed at batch sizes 1 and 2 in a trainer
 * process; the table, the accuracy-against-MACs chart (AlexNet's published top-1; LeNet-5 has
 * none) and the time-against-batch chart (a line each) render, and a chart saves as SVG and PNG.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { useApp } from './harness';

const session = useApp();

test('Compare times two templates and draws both charts, each saved as SVG and PNG', async () => {
  const { page } = session.app;
  await page.getByRole('tab', { name: 'Compare' }).click();
  const panel = page.getByRole('region', { name: 'Compare' });
  await panel.getByRole('checkbox').uncheck();
  await panel.getByLabel('Templates').selectOption(['lenet5', 'alexnet-tv']);
  await panel.getByLabel('Batch sizes').fill('1, 2');
  await panel.getByRole('button', { name: 'Run' }).click();
  const table = panel.getByRole('table');
  await table.waitFor({ timeout: 300_000 });
  expect(await table.locator('thead th').allInnerTexts()).toEqual(['Network', 'Params', 'MACs', 'Activations', 'Top-1 (ImageNet)', 'batch 1', 'batch 2']);
  expect(await table.locator('tbody tr').first().locator('td').first().innerText()).toBe('lenet5');
  expect(await table.locator('tbody tr').nth(1).locator('td').nth(4).innerText()).toBe('56.522%');
  for (const cell of await table.locator('tbody td:nth-child(n+6)').allInnerTexts()) expect(cell).toMatch(/^[\d.]+ ms$/);

  const accuracy = panel.locator('[data-chart="accuracy-vs-macs"] svg');
  const time = panel.locator('[data-chart="time-vs-batch"] svg');
  expect(await accuracy.locator('circle.point').count()).toBe(1);
  expect(await accuracy.locator('circle.point title').innerHTML()).toBe('alexnet-tv');
  expect(await time.locator('path.series').count()).toBe(2);
  expect((await time.boundingBox())!.width).toBeGreaterThan(100);

  const svgDownload = page.waitForEvent('download');
  await panel.getByRole('button', { name: 'Save time-vs-batch as SVG' }).click();
  const svg = readFileSync((await (await svgDownload).path())!, 'utf8');
  expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  expect(svg.match(/class="series"/g)).toHaveLength(2);
  const pngDownload = page.waitForEvent('download');
  await panel.getByRole('button', { name: 'Save accuracy-vs-macs as PNG' }).click();
  const png = readFileSync((await (await pngDownload).path())!);
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect((await pngDownload).suggestedFilename()).toBe('accuracy-vs-macs.png');
  expect(session.app.errors).toEqual([]);
}, 400_000);
