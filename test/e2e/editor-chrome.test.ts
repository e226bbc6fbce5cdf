/**
 * The editor's chrome: the problems list that jumps to a layer, the labelled zoom controls and
 * overview, the shortcuts overlay on `?`, every control named and reachable by keyboard, and
 * the light and dark themes following the system (a screenshot of each in test-results/).
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { CATEGORIES } from '../../shared/layers/categories';
import { canvas, connect, dropLayer, inspector, node, select } from './canvas';
import { clickPane, newDocument } from './editor';
import { useApp } from './harness';

const session = useApp();

test('the problems list names each error and its layer (not a layer only not connected yet); a click selects the layer', async () => {
  const { page } = session.app;
  await dropLayer(page, 'Input', { x: 120, y: 200 });
  await dropLayer(page, 'Dense', { x: 420, y: 200 });
  await dropLayer(page, 'Conv2D', { x: 420, y: 380 });
  await connect(page, node(page, /^Input /), node(page, /^Dense /));
  const problems = canvas(page).getByRole('region', { name: 'Problems' });
  const toggle = problems.getByRole('button', { name: '1 problem' });
  await toggle.waitFor();
  expect(await toggle.getAttribute('aria-expanded')).toBe('false');
  await toggle.click();
  const dense = problems.getByRole('button', { name: /^Dense dense-1: Dense expects a flat vector/ });
  await dense.waitFor();
  // The Conv2D is only not connected yet: no problem (ui/problems.ts).
  expect(await problems.getByRole('button', { name: /^Conv2D conv2d-1: / }).count()).toBe(0);
  await clickPane(page);
  await dense.click();
  await inspector(page).getByRole('form', { name: 'Dense settings' }).waitFor();
  expect(await node(page, /^Dense /).getAttribute('class')).toMatch(/\bselected\b/);

  // Fixing it takes it off the list, and the list goes with its last problem.
  await inspector(page).getByRole('button', { name: 'Insert Flatten' }).click();
  await problems.waitFor({ state: 'detached' });
  expect(await dense.count()).toBe(0);
});

test('zoom controls and the overview are labelled and work', async () => {
  const { page } = session.app;
  const zoomIn = canvas(page).getByRole('button', { name: 'Zoom in' });
  const before = await page.locator('.react-flow__viewport').getAttribute('style');
  await zoomIn.click();
  await page.waitForFunction((s) => document.querySelector('.react-flow__viewport')!.getAttribute('style') !== s, before);
  await canvas(page).getByRole('button', { name: 'Zoom out' }).waitFor();
  await canvas(page).getByRole('button', { name: 'Fit to view' }).click();
  await canvas(page).getByRole('img', { name: 'Overview' }).waitFor();
});

test('"?" lists every shortcut; Escape closes it and gives focus back', async () => {
  const { page } = session.app;
  await clickPane(page);
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await help.waitFor();
  for (const action of ['Ctrl\\+Z Undo', 'Redo', 'Select every layer', 'Duplicate the selected layers', 'Ctrl\\+G Group the selected layers into a new block', 'Show these shortcuts']) {
    await help.getByRole('row', { name: new RegExp(action) }).first().waitFor();
  }
  expect(await help.getByRole('row').count()).toBeGreaterThan(15);
  await page.keyboard.press('Escape');
  await help.waitFor({ state: 'detached' });
  await canvas(page).getByRole('button', { name: 'Shortcuts' }).click();
  await help.waitFor();
  await help.getByRole('button', { name: 'Close' }).click();
  await help.waitFor({ state: 'detached' });
  expect(await canvas(page).getByRole('button', { name: 'Shortcuts' }).evaluate((el) => el === document.activeElement)).toBe(true);
});

test('every control has a name, and the keyboard reaches the editor and adds a layer', async () => {
  const { page } = session.app;
  await select(node(page, /^Conv2D /)); // the inspector shows its form too
  const snapshot = await page.locator('body').ariaSnapshot();
  const unnamed = snapshot.split('\n').filter((line) => /^\s*- (button|textbox|combobox|checkbox|spinbutton|slider|link|searchbox|switch|tab|option)\b(?! ")/.test(line));
  expect(unnamed).toEqual([]);

  await clickPane(page);
  await page.locator('body').focus();
  const reached = new Set<string>();
  for (let i = 0; i < 120 && reached.size < 200; i++) {
    await page.keyboard.press('Tab');
    reached.add(await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return el?.getAttribute('aria-label') ?? el?.textContent?.trim().slice(0, 40) ?? '';
    }));
  }
  for (const name of ['Undo', 'Search layers', 'Conv2D', '+ Add', 'Box select', 'Shortcuts', 'Zoom in', 'Fit to view', 'Input input-1', 'Document name']) {
    expect(reached, name).toContain(name);
  }

  // Keyboard only: Tab to "+ Add", Enter, type, Enter.
  const add = canvas(page).getByRole('button', { name: '+ Add' });
  await add.focus();
  await page.keyboard.press('Enter');
  await page.getByRole('combobox', { name: 'Add layer' }).waitFor();
  await page.keyboard.type('dropout');
  await page.keyboard.press('Enter');
  await node(page, /^Dropout /).waitFor();
  // A focused layer: Enter selects it, Delete removes it.
  await node(page, /^Dropout /).focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Delete');
  await node(page, /^Dropout /).waitFor({ state: 'detached' });
});

test('light and dark themes follow the system', async () => {
  const { page } = session.app;
  const out = fileURLToPath(new URL('../../test-results/', import.meta.url));
  mkdirSync(out, { recursive: true });
  await newDocument(page);
  await page.getByRole('button', { name: 'LeNet-5', exact: true }).click();
  await node(page, 'Conv2D C1').waitFor();
  await select(node(page, 'Conv2D C3'));
  const colours = async () =>
    page.evaluate(() => ({
      app: getComputedStyle(document.documentElement).backgroundColor,
      node: getComputedStyle(document.querySelector('.layer-node')!).backgroundColor,
      text: getComputedStyle(document.querySelector('.layer-node')!).color,
      flowDark: document.querySelector('.react-flow')!.classList.contains('dark'),
      convolution: getComputedStyle(document.documentElement).getPropertyValue('--cat-convolution').trim(),
    }));
  await page.emulateMedia({ colorScheme: 'light' });
  const light = await colours();
  await page.screenshot({ path: `${out}theme-light.png` });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.waitForFunction(() => document.querySelector('.react-flow')!.classList.contains('dark'));
  const dark = await colours();
  await page.screenshot({ path: `${out}theme-dark.png` });
  expect(light.flowDark).toBe(false);
  expect(dark.flowDark).toBe(true);
  expect(dark.app).not.toBe(light.app);
  expect(dark.node).not.toBe(light.node);
  expect(dark.text).not.toBe(light.text);
  // Category colours come from the table figures use (shared/layers/categories.ts), in both themes.
  expect([light.convolution, dark.convolution]).toEqual([CATEGORIES.convolution.color, CATEGORIES.convolution.color]);
  await page.emulateMedia({ colorScheme: 'light' });
  expect(session.app.errors).toEqual([]);
});
