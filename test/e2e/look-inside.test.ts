/**
 * Looking inside a run from the UI: LeNet-5 trained for an epoch, then in the Runs tab its
 * Evaluate view's "Look inside" for validation digit 0 — C1's 6 maps with a channel's caption on
 * hover, C3's 16, C1's filters, Grad-CAM on C3 for the predicted digit and for a chosen one — all
 * computed in a trainer process. Then the canvas: hovering a node shows a strip of its maps; C3
 * and S4 grouped into a block and trained again, the block shows its output's maps and opens (in
 * the Layer list, and on the canvas) to its inner layers'.
 */
import type { Locator, Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { node } from './canvas';
import { useApp } from './harness';
import { training } from './trainingPanel';

const session = useApp();

const dockTab = (page: Page, name: string) => page.getByRole('tablist', { name: 'Bottom panel' }).getByRole('tab', { name });

/**
 * Train the open document for its epochs, wait until the history holds `count` finished LeNet-5
 * runs (a "Done" left from the run before says nothing of this one), open the newest one's Look
 * inside and draw every layer's maps; returns the Look inside region.
 */
async function trainThenLook(page: Page, count: number): Promise<Locator> {
  await dockTab(page, 'Training').click();
  await training(page).getByRole('button', { name: 'Train' }).click();
  await dockTab(page, 'Runs').click();
  const runs = page.getByRole('region', { name: 'Run history' });
  const rows = runs.getByRole('table', { name: 'Runs' }).getByRole('row', { name: /^LeNet-5 · / });
  await expect.poll(() => rows.count(), { timeout: 60_000 }).toBe(count);
  await expect.poll(() => runs.getByRole('cell', { name: 'Done', exact: true }).count(), { timeout: 300_000, interval: 500 }).toBe(count);
  await rows.first().getByRole('button', { name: 'Evaluate…' }).click();
  const look = runs.getByRole('region', { name: 'Look inside' });
  await look.getByRole('button', { name: 'Feature maps' }).click();
  await look.getByRole('img', { name: 'Activation maps of C1' }).waitFor({ timeout: 120_000 });
  return look;
}

test('feature maps, filters and Grad-CAM of a trained LeNet-5', async () => {
  const { page } = session.app;
  await page.getByRole('button', { name: 'LeNet-5' }).click();
  await node(page, 'Conv2D C1').waitFor();
  await dockTab(page, 'Training').click();
  await training(page).getByRole('spinbutton', { name: 'Epochs' }).fill('1');
  const look = await trainThenLook(page, 1);
  const maps = look.getByRole('img', { name: 'Activation maps of C1' });
  await look.getByText(/^label \d · predicted \d \([01]\.\d{3}\)$/).waitFor();
  await look.getByText('C1: 6 channels, each scaled to its own range · point at a tile').waitFor();
  // The second tile of the top row: 28 pixels a tile, 1 apart.
  await maps.scrollIntoViewIfNeeded();
  const scale = (await maps.boundingBox())!.width / 86;
  await maps.hover({ position: { x: 42 * scale, y: 14 * scale } });
  await look.getByText(/^C1: 6 channels, each scaled to its own range · channel 1 · mean \S+ · max \S+$/).waitFor();

  const layer = look.getByRole('combobox', { name: 'Layer' });
  expect(await layer.getByRole('option').allTextContents()).toEqual(['last convolution', 'C1 (28×28×6)', 'S2 (14×14×6)', 'C3 (10×10×16)', 'S4 (5×5×16)']);
  await layer.selectOption('C3');
  await look.getByRole('img', { name: 'Activation maps of C3' }).waitFor();
  await look.getByText(/^C3: 16 channels/).waitFor();

  await layer.selectOption('C1');
  await look.getByRole('button', { name: 'Filters' }).click();
  await look.getByRole('img', { name: 'Filters of C1' }).waitFor({ timeout: 120_000 });
  await look.getByText('C1: 6 filters of 5×5, a row each, one tile per input channel').waitFor();

  await layer.selectOption('C3');
  await look.getByRole('button', { name: 'Grad-CAM' }).click();
  await look.getByRole('img', { name: /^Grad-CAM of C3 for \d$/ }).waitFor({ timeout: 120_000 });
  await look.getByRole('combobox', { name: 'Class' }).selectOption('7');
  await look.getByRole('button', { name: 'Grad-CAM' }).click();
  await look.getByRole('img', { name: 'Grad-CAM of C3 for 7' }).waitFor({ timeout: 120_000 });
});

test('hovering a node shows a strip of its maps; a block instance shows its output and opens to its inner layers', async () => {
  const { page } = session.app;
  // The maps of the look before, on the canvas: C1's strip while the pointer is over it.
  const strip = (name: string) => page.getByRole('img', { name: `Feature maps of ${name}` });
  expect(await strip('C1').isVisible()).toBe(false);
  await node(page, 'Conv2D C1').hover();
  await strip('C1').waitFor();
  await node(page, 'Dense F6').hover();
  await strip('C1').waitFor({ state: 'hidden' });
  expect(await strip('F6').count()).toBe(0); // a Dense layer's units have no maps

  // C3 and S4 into a block, and the network trained again.
  await node(page, 'Conv2D C3').locator('.layer-node__line').click();
  await node(page, 'AvgPool2D S4').locator('.layer-node__line').click({ modifiers: ['Control'] });
  await page.keyboard.press('Control+g');
  const group = node(page, 'Group 1 group-1');
  await group.getByText('14×14×6 → 5×5×16').waitFor();
  const look = await trainThenLook(page, 2);
  const layer = look.getByRole('combobox', { name: 'Layer' });
  expect(await layer.getByRole('option').allTextContents()).toEqual(['last convolution', 'C1 (28×28×6)', 'S2 (14×14×6)', 'group-1 (block, 5×5×16)']);
  await layer.selectOption('block:group-1');
  await look.getByRole('img', { name: 'Activation maps of block group-1' }).waitFor();
  await look.getByText(/^block group-1 \(its output, group_1_S4\): 16 channels/).waitFor();
  await look.getByRole('button', { name: 'Open block' }).click();
  const indent = '\u00a0\u00a0';
  await expect.poll(() => layer.getByRole('option').allTextContents()).toEqual(['last convolution', 'C1 (28×28×6)', 'S2 (14×14×6)', 'group-1 (block, 5×5×16)', `${indent}group_1_C3 (10×10×16)`, `${indent}group_1_S4 (5×5×16)`]);
  await layer.selectOption('group_1_C3');
  await look.getByText(/^group_1_C3: 16 channels/).waitFor();
  await look.getByRole('button', { name: 'Open block' }).waitFor({ state: 'detached' });

  // On the canvas: the instance shows its output's maps; opened, its layers show their own.
  await group.hover();
  await strip('group-1').waitFor();
  await group.dblclick();
  await node(page, 'Conv2D C3').hover();
  await strip('C3').waitFor();
  expect(session.app.errors).toEqual([]);
});
