/**
 * Health on the nodes while training: LeNet-5 at a learning rate of 10 gets the exploding-gradient
 * badge on its layers, whose tooltip (on hover or focus) gives the figure and the hint, and the
 * training panel says so; at the template's own rate no node has a badge and the panel says
 * there are no warnings.
 *
 * The runs train one batch (a small image folder), so the badges show the first step's health and
 * nothing later replaces it: at a rate of 10, later steps of a longer run saturate LeNet-5's tanh
 * units and their figures say something else, at whatever moment the test happened to look.
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { expect, test } from 'vitest';
import { node } from './canvas';
import { useApp } from './harness';
import { training } from './trainingPanel';

const session = useApp();

const healthLine = (page: Page) => training(page).getByLabel('Health');

/** Ten classes (LeNet-5's outputs) of three 32×32 noise images from a fixed sequence: less than one batch to train on. */
async function oneBatchOfImages(): Promise<string> {
  const root = mkdtempSync(join(tmpdir(), 'netwright-e2e-health-'));
  let state = 1;
  const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let c = 0; c < 10; c++) {
    const name = `class-${c}`;
    mkdirSync(join(root, name));
    for (let k = 0; k < 3; k++) {
      const pixels = Buffer.from(Array.from({ length: 32 * 32 }, () => Math.floor(next() * 256)));
      await sharp(pixels, { raw: { width: 32, height: 32, channels: 1 } }).png().toFile(join(root, name, `${k}.png`));
    }
  }
  return root;
}

async function trainUntilHealth(page: Page) {
  await training(page).getByRole('button', { name: 'Train' }).click();
  await healthLine(page).waitFor({ timeout: 120_000 });
}

/** The one-batch run ends by itself: Train is offered again. */
async function runEnded(page: Page) {
  await expect.poll(() => training(page).getByRole('button', { name: 'Train' }).isEnabled(), { timeout: 120_000 }).toBe(true);
}

test('a learning rate of 10 shows the exploding-gradient badge with its figure and hint; the template\'s rate shows none', async () => {
  const { page } = session.app;
  await page.getByRole('button', { name: 'LeNet-5' }).click();
  await node(page, 'Conv2D C1').waitFor();
  const rate = training(page).getByRole('spinbutton', { name: 'Learning rate' });
  await expect.poll(() => rate.inputValue()).toBe('0.05');
  await rate.fill('10');
  await training(page).getByRole('spinbutton', { name: 'Epochs' }).fill('1');
  const settings = training(page).getByRole('form', { name: 'Run settings' });
  await settings.getByRole('combobox', { name: 'Dataset' }).selectOption({ label: 'Image folder' });
  await settings.getByRole('textbox', { name: 'Folder path' }).fill(await oneBatchOfImages());

  await trainUntilHealth(page);
  const badge = node(page, 'Conv2D C1').getByRole('img', { name: /^Health at epoch 1, batch \d+: Exploding gradient/ });
  await badge.waitFor({ timeout: 60_000 });
  await healthLine(page).getByText(/^c1 — Exploding gradient: ‖Δw‖\/‖w‖ = .+ per step/).waitFor();
  await badge.focus();
  const tip = badge.getByRole('tooltip');
  await expect.poll(() => tip.isVisible()).toBe(true);
  expect(await tip.textContent()).toMatch(/Exploding gradient: ‖Δw‖\/‖w‖ = \S+ per step \(healthy ≈ 0\.001\), gradient norm \S+\. Lower the learning rate/);
  await runEnded(page);
  // After the run, the badges stay: they come from the latest health.
  expect(await badge.isVisible()).toBe(true);

  await rate.fill('0.05');
  await expect.poll(() => rate.inputValue()).toBe('0.05');
  await trainUntilHealth(page);
  await healthLine(page).getByText(/^Health at epoch 1, batch \d+: no warnings on 5 layers/).waitFor({ timeout: 60_000 });
  expect(await page.locator('.health-badge').count()).toBe(0);
  await runEnded(page);
  expect(session.app.errors).toEqual([]);
});
