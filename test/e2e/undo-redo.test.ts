/**
 * Undo and redo, as a user reaches for them: Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y and the toolbar's
 * buttons, over adding, moving, connecting, deleting, typing in a field (of a layer, or of a block
 * definition) and one-click fixes.
 */
import { expect, test } from 'vitest';
import { connect, dropLayer, inspector, node, select, setField } from './canvas';
import { clickPane, layerCount, newDocument, quickAdd, redoButton, undoButton, waitForLayers } from './editor';
import { useApp } from './harness';

const session = useApp();

const five: [string, { x: number; y: number }][] = [
  ['Input', { x: 120, y: 120 }],
  ['Conv2D', { x: 380, y: 120 }],
  ['MaxPool2D', { x: 640, y: 120 }],
  ['Flatten', { x: 120, y: 320 }],
  ['Dense', { x: 380, y: 320 }],
];

test('draw five layers, undo back to an empty canvas, redo them all', async () => {
  const { page } = session.app;
  await expect(undoButton(page).isDisabled()).resolves.toBe(true);
  for (const [title, at] of five) {
    await dropLayer(page, title, at);
    await node(page, new RegExp(`^${title} `)).waitFor();
  }
  expect(await layerCount(page)).toBe(5);
  await clickPane(page);

  for (let n = 4; n >= 0; n--) {
    await page.keyboard.press('Control+z');
    await waitForLayers(page, n);
  }
  await expect(undoButton(page).isDisabled()).resolves.toBe(true);
  await page.keyboard.press('Control+Shift+z');
  await waitForLayers(page, 1);
  await page.keyboard.press('Control+y');
  await waitForLayers(page, 2);
  for (let n = 3; n <= 5; n++) {
    await redoButton(page).click();
    await waitForLayers(page, n);
  }
  await expect(redoButton(page).isDisabled()).resolves.toBe(true);
  for (const [title] of five) await node(page, new RegExp(`^${title} `)).waitFor();
});

test('a drag, a connection and typing in a field are one step each', async () => {
  const { page } = session.app;
  const input = node(page, /^Input /);
  const conv = node(page, /^Conv2D /);
  const before = await conv.boundingBox();
  const line = (await conv.locator('.layer-node__line').boundingBox())!;
  await page.mouse.move(line.x + 20, line.y + 5);
  await page.mouse.down();
  await page.mouse.move(line.x + 60, line.y + 85, { steps: 12 });
  await page.mouse.up();
  expect((await conv.boundingBox())!.y).toBeGreaterThan(before!.y + 60);

  await connect(page, input, conv);
  await conv.getByText('Conv2D 32@3×3 → 26×26×32').waitFor();

  // Keystrokes one by one: "1", "12", "128" is one edit of Filters.
  await select(conv);
  const filters = inspector(page).getByLabel('Filters', { exact: true });
  await filters.selectText();
  await page.keyboard.type('128');
  await conv.getByText('Conv2D 128@3×3 → 26×26×128').waitFor();
  await page.keyboard.press('Tab');

  await undoButton(page).click();
  await conv.getByText('Conv2D 32@3×3 → 26×26×32').waitFor();
  await expect.poll(() => filters.inputValue()).toBe('32');
  await undoButton(page).click(); // the connection
  await conv.getByText('Conv2D 32@3×3 → ?').waitFor();
  await undoButton(page).click(); // the drag
  await page.waitForFunction(
    ([id, y]) => Math.abs(document.querySelector(`[data-id="${id}"]`)!.getBoundingClientRect().y - y) < 2,
    [await conv.getAttribute('data-id'), before!.y] as const,
  );
  await page.keyboard.press('Control+Shift+z');
  await page.keyboard.press('Control+Shift+z');
  await conv.getByText('Conv2D 32@3×3 → 26×26×32').waitFor();
});

test('deleting a layer with its connections is one step', async () => {
  const { page } = session.app;
  const conv = node(page, /^Conv2D /);
  await select(conv);
  await page.keyboard.press('Delete');
  await waitForLayers(page, 4);
  expect(await page.locator('.react-flow__edge').count()).toBe(0);
  await page.keyboard.press('Control+z');
  await waitForLayers(page, 5);
  await conv.getByText('Conv2D 32@3×3 → 26×26×32').waitFor();
  expect(await page.locator('.react-flow__edge').count()).toBe(1);
});

test('a one-click fix is one step that undo takes back', async () => {
  const { page } = session.app;
  const input = node(page, /^Input /);
  const conv = node(page, /^Conv2D /);
  await select(input);
  await setField(page, 'Height', '4');
  await setField(page, 'Width', '4');
  await select(conv);
  await setField(page, 'Kernel', '5');
  const error = conv.locator('.layer-node__error');
  await error.getByText('(4 + 2·0 − 5) / 1 + 1 = 0', { exact: false }).waitFor();

  await inspector(page).getByRole('button', { name: 'Use padding "same"' }).click();
  await conv.getByText('Conv2D 32@5×5 → 4×4×32').waitFor();
  await page.keyboard.press('Control+z');
  await error.getByText('(4 + 2·0 − 5) / 1 + 1 = 0', { exact: false }).waitFor();
  await expect.poll(() => inspector(page).getByLabel('Padding', { exact: true }).inputValue()).toBe('valid');
  await page.keyboard.press('Control+y');
  await conv.getByText('Conv2D 32@5×5 → 4×4×32').waitFor();

  // Opening a document starts a fresh history.
  await newDocument(page);
  await expect(undoButton(page).isDisabled()).resolves.toBe(true);
  expect(session.app.errors).toEqual([]);
});

test('typing in a block definition’s fields is one step per field', async () => {
  const { page } = session.app;
  await clickPane(page, { x: 400, y: 300 });
  await quickAdd(page, 'incep');
  await node(page, 'Inception inception-1').dblclick();
  await page.getByRole('navigation', { name: 'Breadcrumb' }).waitFor();

  // The definition's own parameter: "1", "12", "128" is one edit, and one undo takes it back.
  const definition = inspector(page).getByRole('form', { name: 'Inception definition' });
  const n1x1 = definition.getByLabel('n1x1', { exact: true });
  await n1x1.selectText();
  await page.keyboard.type('128');
  await page.keyboard.press('Tab');
  await undoButton(page).click();
  await expect.poll(() => n1x1.inputValue()).toBe('64');
  await redoButton(page).click();
  await expect.poll(() => n1x1.inputValue()).toBe('128');

  // A layer's field inside the definition (an expression of the block's parameters) likewise.
  await select(node(page, 'Conv2D 3×3'));
  const filters = inspector(page).getByLabel('Filters', { exact: true });
  await filters.selectText();
  await page.keyboard.type('=n3x3 * 2');
  await page.keyboard.press('Tab');
  await undoButton(page).click();
  await expect.poll(() => filters.inputValue()).toBe('=n3x3');
  await undoButton(page).click();
  await page.keyboard.press('Escape'); // nothing selected: the inspector shows the definition again
  await expect.poll(() => n1x1.inputValue()).toBe('64');
  expect(session.app.errors).toEqual([]);
});
