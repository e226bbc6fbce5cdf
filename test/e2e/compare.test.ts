/**
 * The Compare tab: LeNet-5 and AlexNet (torchvision) timed at batch sizes 1 and 2 in a trainer
 * process; the table, the accuracy-against-MACs chart (AlexNet's published top-1; LeNet-5 has
 * none) and the time-against-batch chart (a line each) render, and a chart saves as SVG and PNG.
 * The run history holds two runs on MNIST (the open document's dataset), which the accuracy chart
 * places as diamonds, and one on CIFAR-10, which it leaves out. With the PyTorch engine picked
 * (where a Python has torch), the generated model is timed instead and the table names it.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import type { RunSettings } from '../../node/engine/loop/run-settings';
import { RunStore } from '../../node/runs';
import { buildTemplate } from '../../shared/templates/index';
import { describeWhen } from '../skip';
import { pythonHas } from '../unit/codegen/python';
import { useApp } from './harness';

const dataDir = mkdtempSync(join(tmpdir(), 'netwright-compare-'));
const store = new RunStore(join(dataDir, 'runs'));
for (const [id, template, title, dataset, valAcc] of [
  ['run-a', 'lenet5', 'My LeNet', 'mnist', 0.985],
  ['run-b', 'mini-vgg', 'My mini VGG', 'mnist', 0.991],
  ['run-c', 'resnet20-cifar', 'On CIFAR', 'cifar10', 0.9],
] as const) {
  const doc = buildTemplate(template)!;
  store.begin(id, doc, { ...doc.training, dataset } as RunSettings, { title });
  const epoch = { epoch: 1, loss: 0.2, acc: 0.95, valLoss: 0.1, valAcc };
  store.record(id, { type: 'epoch', ...epoch });
  store.record(id, { type: 'done', epochs: [epoch], engine: 'tfjs', backend: 'wasm', samplesPerSecond: 1000 });
}

const session = useApp({ dataDir });

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
  expect((await accuracy.locator('path.own title').allTextContents()).sort()).toEqual(['My LeNet', 'My mini VGG']);
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

describeWhen(pythonHas('torch'), 'torch')('Compare on the torch engine', () => {
  test('times the generated PyTorch model and names the engine and device', async () => {
    const { page } = session.app;
    const panel = page.getByRole('region', { name: 'Compare' });
    await panel.getByLabel('Templates').selectOption(['lenet5']);
    await panel.getByLabel('Batch sizes').fill('1');
    await panel.getByLabel('Engine').selectOption('torch');
    await panel.getByRole('button', { name: 'Run' }).click();
    await panel.getByText(/^Forward time per image, torch engine on (cpu|cuda) \(torch /).waitFor({ timeout: 120_000 });
    const table = panel.getByRole('table');
    expect(await table.locator('tbody tr').first().locator('td').first().innerText()).toBe('lenet5');
    expect(await table.locator('tbody td:nth-child(6)').first().innerText()).toMatch(/^[\d.]+ ms$/);
    expect(session.app.errors).toEqual([]);
  }, 200_000);
});
