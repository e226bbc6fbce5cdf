/**
 * Quick add: `/` or a double-click on the empty canvas opens a search over layers and blocks;
 * arrows and Enter place the choice, Escape closes. A new layer dropped onto a connection is
 * inserted into it.
 */
import { expect, test } from 'vitest';
import { canvas, connect, dropLayer, edge, node } from './canvas';
import { clickPane, newDocument, quickAdd, waitForLayers } from './editor';
import { useApp } from './harness';

const session = useApp();

test('"/", "incep", Enter places an Inception block where the pointer is', async () => {
  const { page } = session.app;
  await clickPane(page, { x: 500, y: 300 });
  await quickAdd(page, 'incep');
  const inception = node(page, 'Inception inception-1');
  await inception.waitFor();
  // It landed centred under the pointer.
  const box = (await inception.boundingBox())!;
  const pane = (await canvas(page).boundingBox())!;
  expect(Math.abs(box.x + 80 - (pane.x + 500))).toBeLessThan(12);
  expect(await page.getByRole('dialog', { name: 'Add layer' }).count()).toBe(0);
});

test('a double-click on the empty canvas opens the box; arrows pick, Escape closes', async () => {
  const { page } = session.app;
  await canvas(page).locator('.react-flow__pane').dblclick({ position: { x: 200, y: 420 } });
  const dialog = page.getByRole('dialog', { name: 'Add layer' });
  const box = dialog.getByRole('combobox', { name: 'Add layer' });
  await expect(box.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
  await box.fill('pool');
  const options = dialog.getByRole('option');
  expect(await options.first().textContent()).toMatch(/^MaxPool2D/);
  await page.keyboard.press('ArrowDown');
  expect(await dialog.getByRole('option', { selected: true }).textContent()).toMatch(/^AvgPool2D/);
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  await waitForLayers(page, 1);

  await canvas(page).locator('.react-flow__pane').dblclick({ position: { x: 200, y: 420 } });
  await dialog.getByRole('combobox').fill('pool');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await node(page, /^AvgPool2D /).waitFor();
});

test('a layer dropped onto a connection, or added by double-clicking it, is inserted into it', async () => {
  const { page } = session.app;
  await newDocument(page);
  await dropLayer(page, 'Input', { x: 120, y: 200 });
  await dropLayer(page, 'Conv2D', { x: 620, y: 200 });
  const input = node(page, /^Input /);
  const conv = node(page, /^Conv2D /);
  await connect(page, input, conv);
  const label = page.locator('.shape-edge__label', { hasText: /^28×28×1$/ });
  await label.waitFor();
  const at = (await label.boundingBox())!;
  const pane = (await canvas(page).boundingBox())!;
  await dropLayer(page, 'BatchNorm', { x: at.x + at.width / 2 - pane.x, y: at.y + at.height / 2 - pane.y });
  const bn = node(page, /^BatchNorm /);
  await bn.getByText('BatchNorm → 28×28×1').waitFor();
  await edge(page, /^Input .* to BatchNorm .*: 28×28×1$/).waitFor({ state: 'attached' });
  await edge(page, /^BatchNorm .* to Conv2D .*: 28×28×1$/).waitFor({ state: 'attached' });
  expect(await page.locator('.react-flow__edge').count()).toBe(2);

  // One undo takes the insertion back whole.
  await page.keyboard.press('Control+z');
  await bn.waitFor({ state: 'detached' });
  await edge(page, /^Input .* to Conv2D .*: 28×28×1$/).waitFor({ state: 'attached' });

  // A double-click on the connection asks what to insert there.
  await label.dblclick();
  await page.getByRole('combobox', { name: 'Add layer' }).fill('dropout');
  await page.keyboard.press('Enter');
  await edge(page, /^Input .* to Dropout .*: 28×28×1$/).waitFor({ state: 'attached' });
  await edge(page, /^Dropout .* to Conv2D .*: 28×28×1$/).waitFor({ state: 'attached' });
  expect(session.app.errors).toEqual([]);
});
