/**
 * Run control from the training panel: settings edited in the panel are document edits (undo
 * takes them back), the dataset preview shows labelled images, the estimate names what a run
 * needs and offers a batch size that fits, and a run can be paused, resumed and stopped.
 */
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { node } from './canvas';
import { replacing, undoButton } from './editor';
import { useApp } from './harness';
import { lossPoints, training } from './trainingPanel';

const session = useApp();

const settings = (page: Page) => training(page).getByRole('form', { name: 'Run settings' });
const status = (page: Page) => training(page).getByRole('status').first();
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function openLeNet(page: Page) {
  await replacing(page, () => page.getByRole('button', { name: 'LeNet-5' }).click());
  await node(page, 'Conv2D C1').waitFor();
}

test('settings edited in the panel are undoable document edits', async () => {
  const { page } = session.app;
  await openLeNet(page);
  const optimizer = settings(page).getByRole('combobox', { name: 'Optimizer' });
  const momentum = settings(page).getByRole('spinbutton', { name: 'Momentum' });
  // LeNet-5 trains with SGD, as in the paper; momentum is asked for only where it acts.
  await expect.poll(() => optimizer.inputValue()).toBe('sgd');
  await expect.poll(() => momentum.inputValue()).toBe('0.9');

  await optimizer.selectOption({ label: 'Adam' });
  expect(await momentum.count()).toBe(0);
  await settings(page).getByRole('combobox', { name: 'Schedule' }).selectOption('step');
  await expect.poll(() => settings(page).getByRole('spinbutton', { name: 'Step every (epochs)' }).inputValue()).toBe('10');

  await undoButton(page).click();
  expect(await settings(page).getByRole('spinbutton', { name: 'Step every (epochs)' }).count()).toBe(0);
  await undoButton(page).click();
  await expect.poll(() => optimizer.inputValue()).toBe('sgd');
  await expect.poll(() => momentum.inputValue()).toBe('0.9');

  // A synthetic dataset brings its own fields; its spec is what the preview and the run get.
  await settings(page).getByRole('combobox', { name: 'Dataset' }).selectOption({ label: 'Synthetic images' });
  await expect.poll(() => settings(page).getByRole('spinbutton', { name: 'Classes' }).inputValue()).toBe('10');
  await settings(page).getByRole('spinbutton', { name: 'Classes' }).fill('4');
  await training(page).getByRole('heading', { name: 'Training · synthetic 32×32×3, 4 classes' }).waitFor();
  // Edits of one setting in a row are one undo step, as typing in a field is.
  await undoButton(page).click();
  await training(page).getByRole('heading', { name: 'Training · MNIST' }).waitFor();
  expect(session.app.errors).toEqual([]);
});

test('the dataset preview shows a grid of labelled images', async () => {
  const { page } = session.app;
  await settings(page).getByRole('button', { name: 'Preview' }).click();
  const dialog = page.getByRole('dialog', { name: 'Dataset preview' });
  const grid = dialog.getByRole('list', { name: 'Sample images' });
  await grid.waitFor({ timeout: 60_000 });
  const images = grid.getByRole('img');
  expect(await images.count()).toBeGreaterThan(8);
  // MNIST's labels are its digits.
  expect(await images.first().getAttribute('alt')).toMatch(/^\d$/);
  expect(await images.first().getAttribute('src')).toMatch(/^data:image\/png;base64,/);
  await dialog.getByText('MNIST', { exact: false }).first().waitFor();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await dialog.waitFor({ state: 'detached' });
  expect(session.app.errors).toEqual([]);
});

test('the estimate names what a run needs and offers a batch size that fits', async () => {
  const { page } = session.app;
  const estimate = training(page).getByRole('region', { name: 'Estimate' });
  await estimate.getByText('Activations × 32').waitFor({ timeout: 30_000 });
  await estimate.getByText('Optimizer state').waitFor();
  // "Measure speed" times a few real steps in a trainer process.
  await estimate.getByRole('button', { name: 'Measure speed' }).click();
  await estimate.getByRole('status').getByText(/ per epoch · [\d,]+ samples\/s \(tfjs · \w+\)$/).waitFor({ timeout: 90_000 });

  // VGG-16's activations for 4,096 images of 224×224 are far beyond any machine's memory.
  await page.getByRole('button', { name: 'New from template…' }).click();
  await replacing(page, () => page.getByRole('dialog', { name: 'Templates' }).getByRole('button', { name: 'VGG16' }).click());
  await expect.poll(() => page.getByRole('textbox', { name: 'Document name' }).inputValue()).toBe('VGG16');
  await settings(page).getByRole('spinbutton', { name: 'Batch size' }).fill('4096');
  const use = estimate.getByRole('button', { name: /^Use batch size \d+$/ });
  await use.waitFor({ timeout: 30_000 });
  const suggested = (await use.textContent())!.match(/\d+/)![0];
  expect(Number(suggested)).toBeLessThan(4096);
  await use.click();
  await expect.poll(() => settings(page).getByRole('spinbutton', { name: 'Batch size' }).inputValue()).toBe(suggested);
  await use.waitFor({ state: 'detached', timeout: 30_000 });
  // An empty canvas has nothing to estimate, and says so.
  await replacing(page, () => page.getByRole('button', { name: 'New', exact: true }).click());
  await estimate.getByText('No estimate: add layers to see what a run needs.').waitFor();
  expect(session.app.errors).toEqual([]);
});

test('train, pause, resume and stop', async () => {
  const { page } = session.app;
  await openLeNet(page);
  await training(page).getByRole('button', { name: 'Train' }).click();
  await expect.poll(() => lossPoints(page), { timeout: 60_000 }).toBeGreaterThan(0);
  await training(page).getByRole('region', { name: 'Estimate' }).getByText('Estimated again when this run ends.').waitFor();
  const bar = training(page).getByRole('progressbar', { name: 'Training progress' });
  expect(Number(await bar.getAttribute('aria-valuemax'))).toBeGreaterThan(0);
  await training(page).getByText(/^(\d+ (h|min|s) )+left$/).waitFor({ timeout: 30_000 });

  await training(page).getByRole('button', { name: 'Pause' }).click();
  await status(page).getByText('Paused', { exact: true }).waitFor({ timeout: 15_000 });
  const paused = await lossPoints(page);
  const pausedAt = await bar.getAttribute('aria-valuenow');
  await pause(2000);
  expect(await lossPoints(page)).toBe(paused);
  expect(await bar.getAttribute('aria-valuenow')).toBe(pausedAt);

  await training(page).getByRole('button', { name: 'Resume' }).click();
  await status(page).getByText('Training', { exact: true }).waitFor({ timeout: 15_000 });
  await expect.poll(() => lossPoints(page), { timeout: 60_000 }).toBeGreaterThan(paused);

  // Pointing at the chart reads out the values under the pointer.
  await training(page).getByRole('img', { name: 'Loss chart' }).hover();
  await training(page).getByText(/^batch \d+: train [\d.]+/).waitFor();

  // The view controls redraw the same points.
  await training(page).getByRole('checkbox', { name: 'Log-scale loss' }).check();
  await training(page).getByRole('slider', { name: 'Smoothing' }).fill('0.9');
  expect(await lossPoints(page)).toBeGreaterThan(paused);

  await training(page).getByRole('button', { name: 'Stop' }).click();
  await status(page).getByText('Stopped').waitFor({ timeout: 15_000 });
  expect(await training(page).getByRole('button', { name: 'Train' }).isEnabled()).toBe(true);
  expect(await training(page).getByRole('button', { name: 'Pause' }).isEnabled()).toBe(false);
  expect(await page.getByRole('alert').count()).toBe(0);
  expect(session.app.errors).toEqual([]);
});
