/**
 * Selection and the clipboard: click, Shift+click, box and Ctrl+A select; Delete, Ctrl+D
 * duplicate; Ctrl+C in one document and Ctrl+V in another (a second tab) carries layers, the
 * connections among them and the block definitions they use.
 */
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { canvas, connect, dropLayer, edge, node, select } from './canvas';
import { clickPane, dismissGallery, newDocument, quickAdd, waitForLayers } from './editor';
import { useApp } from './harness';

const session = useApp();

const selectedCount = (page: Page) => page.locator('.react-flow__node.selected').count();
const status = (page: Page) => page.getByRole('contentinfo', { name: 'Status' });

test('click, Shift+click, box select, Ctrl+A; duplicate and delete the selection', async () => {
  const { page } = session.app;
  await dropLayer(page, 'Input', { x: 100, y: 150 });
  await dropLayer(page, 'Conv2D', { x: 360, y: 150 });
  await dropLayer(page, 'Flatten', { x: 620, y: 150 });
  const [input, conv, flatten] = [node(page, /^Input /), node(page, /^Conv2D /), node(page, /^Flatten /)];
  await connect(page, input, conv);
  await connect(page, conv, flatten);
  await flatten.getByText('Flatten → 21632').waitFor();

  await select(input);
  await conv.locator('.layer-node__line').click({ modifiers: ['Shift'] });
  expect(await selectedCount(page)).toBe(2);
  await clickPane(page);
  expect(await selectedCount(page)).toBe(0);

  // Shift+drag on the empty canvas draws a selection box over the first two layers.
  const pane = (await canvas(page).boundingBox())!;
  await page.keyboard.down('Shift');
  await page.mouse.move(pane.x + 20, pane.y + 100);
  await page.mouse.down();
  await page.mouse.move(pane.x + 300, pane.y + 200, { steps: 8 });
  await page.mouse.move(pane.x + 480, pane.y + 240, { steps: 8 });
  await page.mouse.up();
  await page.keyboard.up('Shift');
  expect(await selectedCount(page)).toBe(2);

  // The box tool: a plain drag selects.
  await clickPane(page);
  await canvas(page).getByRole('button', { name: 'Box select' }).click();
  await page.mouse.move(pane.x + 20, pane.y + 100);
  await page.mouse.down();
  await page.mouse.move(pane.x + 750, pane.y + 240, { steps: 10 });
  await page.mouse.up();
  expect(await selectedCount(page)).toBe(3);
  await canvas(page).getByRole('button', { name: 'Box select' }).click();

  await clickPane(page);
  await page.keyboard.press('Control+a');
  expect(await selectedCount(page)).toBe(3);

  // Duplicate two connected layers: the copies are connected too, and selected.
  await clickPane(page);
  await select(conv);
  await flatten.locator('.layer-node__line').click({ modifiers: ['Shift'] });
  await page.keyboard.press('Control+d');
  await waitForLayers(page, 5);
  expect(await selectedCount(page)).toBe(2);
  expect(await page.locator('.react-flow__edge').count()).toBe(3);
  await edge(page, 'Conv2D conv2d-2 to Flatten flatten-2').waitFor({ state: 'attached' });

  await page.keyboard.press('Backspace');
  await waitForLayers(page, 3);
  expect(await page.locator('.react-flow__edge').count()).toBe(2);
});

test('cut and paste at the pointer within a document', async () => {
  const { page } = session.app;
  await select(node(page, /^Flatten /));
  await page.keyboard.press('Control+x');
  await waitForLayers(page, 2);
  await canvas(page).locator('.react-flow__pane').hover({ position: { x: 500, y: 420 } });
  await page.keyboard.press('Control+v');
  const pasted = node(page, /^Flatten /);
  await pasted.waitFor();
  const box = (await pasted.boundingBox())!;
  const pane = (await canvas(page).boundingBox())!;
  expect(Math.abs(box.y + 22 - (pane.y + 420))).toBeLessThan(12);
  expect(await selectedCount(page)).toBe(1);
});

test('a residual block instance copied in one document pastes into another, definition and all', async () => {
  const { page, context, url } = session.app;
  await newDocument(page);
  await dropLayer(page, 'Input', { x: 100, y: 200 });
  await canvas(page).locator('.react-flow__pane').hover({ position: { x: 450, y: 200 } });
  await quickAdd(page, 'residual basic');
  const input = node(page, /^Input /);
  const block = node(page, /^Residual basic /);
  await connect(page, input, block);
  // A residual block without projection keeps its input's 64 channels.
  await select(input);
  await page.getByRole('complementary', { name: 'Inspector' }).getByLabel('Channels', { exact: true }).fill('64');
  await edge(page, /^Input .* to Residual basic .*: 28×28×64$/).waitFor({ state: 'attached' });
  await status(page).getByText('0 errors').waitFor();
  await page.getByRole('textbox', { name: 'Document name' }).fill('Source');
  const params = (await status(page).locator('span').nth(1).textContent())!;
  expect(params).toMatch(/^[\d,]+ parameters$/);

  await clickPane(page);
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Control+c');

  const other = await context.newPage();
  try {
    await other.goto(url);
    await other.getByRole('complementary', { name: 'Layers' }).waitFor();
    await dismissGallery(other);
    await clickPane(other, { x: 300, y: 300 });
    await other.keyboard.press('Control+v');
    await node(other, /^Residual basic /).waitFor();
    await node(other, /^Input /).waitFor();
    await edge(other, /^Input .* to Residual basic .*: 28×28×64$/).waitFor({ state: 'attached' });
    await status(other).getByText(params).waitFor();
    await status(other).getByText('0 errors').waitFor();
    // The copy is independent: undo in the second document takes the paste back there only.
    await other.keyboard.press('Control+z');
    await waitForLayers(other, 0);
    expect(await page.locator('.react-flow__node').count()).toBe(2);
  } finally {
    await other.close();
  }
  expect(session.app.errors).toEqual([]);
});
