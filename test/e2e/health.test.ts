/**
 * Health on the nodes while training: LeNet-5 at a learning rate of 10 gets the exploding-gradient
 * badge on its layers, whose tooltip (on hover or focus) gives the figure and the hint, and the
 * training panel says so; at the template's own rate no node has a badge and the panel says
 * there are no warnings.
 */
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { node } from './canvas';
import { useApp } from './harness';
import { training } from './trainingPanel';

const session = useApp();

const healthLine = (page: Page) => training(page).getByLabel('Health');

async function trainUntilHealth(page: Page) {
  await training(page).getByRole('button', { name: 'Train' }).click();
  await healthLine(page).waitFor({ timeout: 120_000 });
}

async function stop(page: Page) {
  const stopButton = training(page).getByRole('button', { name: 'Stop' });
  if (await stopButton.isEnabled()) await stopButton.click();
  await expect.poll(() => training(page).getByRole('button', { name: 'Train' }).isEnabled(), { timeout: 30_000 }).toBe(true);
}

test('a learning rate of 10 shows the exploding-gradient badge with its figure and hint; the template\'s rate shows none', async () => {
  const { page } = session.app;
  await page.getByRole('button', { name: 'LeNet-5' }).click();
  await node(page, 'Conv2D C1').waitFor();
  const rate = training(page).getByRole('spinbutton', { name: 'Learning rate' });
  await expect.poll(() => rate.inputValue()).toBe('0.05');
  await rate.fill('10');
  await training(page).getByRole('spinbutton', { name: 'Epochs' }).fill('1');

  await trainUntilHealth(page);
  const badge = node(page, 'Conv2D C1').getByRole('img', { name: /^Health at epoch 1, batch \d+: Exploding gradient/ });
  await badge.waitFor({ timeout: 60_000 });
  await healthLine(page).getByText(/^c1 — Exploding gradient: ‖Δw‖\/‖w‖ = .+ per step/).waitFor();
  await badge.focus();
  const tip = badge.getByRole('tooltip');
  await expect.poll(() => tip.isVisible()).toBe(true);
  expect(await tip.textContent()).toMatch(/Exploding gradient: ‖Δw‖\/‖w‖ = \S+ per step \(healthy ≈ 0\.001\), gradient norm \S+\. Lower the learning rate/);
  await stop(page);
  // After the run, the badges stay: they come from the latest health.
  expect(await badge.isVisible()).toBe(true);

  await rate.fill('0.05');
  await expect.poll(() => rate.inputValue()).toBe('0.05');
  await trainUntilHealth(page);
  await healthLine(page).getByText(/^Health at epoch 1, batch \d+: no warnings on 5 layers/).waitFor({ timeout: 60_000 });
  expect(await page.locator('.health-badge').count()).toBe(0);
  await stop(page);
  expect(session.app.errors).toEqual([]);
});
