/**
 * Grouping layers into a block (Ctrl+G), then unlinking it back into layers; and the summary table (a
 * row click selects and centres its layer; block instances marked).
 */
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { canvas, inspector, node } from './canvas';
import { replacing } from './editor';
import { useApp } from './harness';

const session = useApp();

const status = (page: Page) => page.getByRole('contentinfo', { name: 'Status' });

/** Whether the node named `name` is drawn, wholly inside the canvas. */
async function inView(page: Page, name: string): Promise<boolean> {
  // The canvas draws only the nodes in view.
  if ((await node(page, name).count()) === 0) return false;
  const [n, c] = await Promise.all([node(page, name).boundingBox(), canvas(page).boundingBox()]);
  return !!n && !!c && n.x >= c.x && n.y >= c.y && n.x + n.width <= c.x + c.width && n.y + n.height <= c.y + c.height;
}

test('two layers grouped into a block, then unlinked back into layers', async () => {
  const { page } = session.app;
  await page.getByRole('button', { name: 'LeNet-5' }).click();
  await status(page).getByText('61,706 parameters').waitFor();
  await node(page, 'Conv2D C3').locator('.layer-node__line').click();
  await node(page, 'AvgPool2D S4').locator('.layer-node__line').click({ modifiers: ['Control'] });
  // Ctrl+G, the key the "Group into block" button names.
  expect(await page.getByRole('button', { name: 'Group into block' }).getAttribute('aria-keyshortcuts')).toBe('Control+G');
  await page.keyboard.press('Control+g');

  const group = node(page, 'Group 1 group-1');
  await group.getByText('14×14×6 → 5×5×16').waitFor();
  await node(page, 'Conv2D C3').waitFor({ state: 'detached' });
  await status(page).getByText('8 layers').waitFor();
  await status(page).getByText('61,706 parameters').waitFor();
  await page.getByRole('complementary', { name: 'Layers' }).getByRole('button', { name: 'Group 1', exact: true }).waitFor();

  await inspector(page).getByRole('button', { name: 'Unlink' }).click();
  await node(page, 'Conv2D group-1/C3').getByText('Conv2D 16@5×5 → 10×10×16').waitFor();
  await node(page, 'AvgPool2D group-1/S4').waitFor();
  await group.waitFor({ state: 'detached' });
  await status(page).getByText('9 layers').waitFor();
  await status(page).getByText('61,706 parameters').waitFor();
  await status(page).getByText('0 errors').waitFor();
  expect(session.app.errors).toEqual([]);
});

test('the summary lists every layer with its numbers; a row selects and centres its layer', async () => {
  const { page } = session.app;
  await page.getByRole('button', { name: 'New from template…' }).click();
  // The grouping before is unsaved: the template asks first.
  await replacing(page, () => page.getByRole('dialog', { name: 'Templates' }).getByRole('button', { name: 'GoogLeNet', exact: true }).click());
  await node(page, 'Inception inception 3a').waitFor();
  await page.getByRole('tab', { name: 'Summary' }).click();
  const summary = page.getByRole('region', { name: 'Summary' });
  const totals = summary.getByRole('definition');
  await summary.getByText('6,998,552').first().waitFor();
  expect(await totals.allInnerTexts()).toEqual(['6,998,552', '0', '1,582,671,872', '6,834,584 · 26.1 MiB']);
  const rows = summary.getByRole('table', { name: 'Layers' }).locator('tbody tr');
  expect(await rows.count()).toBe(23);
  const block = summary.getByRole('row', { name: /^inception 4e Inception block · 8 layers 14×14×832 / });
  await block.waitFor();
  expect(await block.getAttribute('class')).toContain('summary__row--block');
  await summary.getByRole('row', { name: /^conv 7×7\/2 Conv2D 112×112×64 9,472 118 M 3.1 MiB 7×7 \/2$/ }).waitFor();

  // Zoomed in on the start, the last layer is out of view; its row brings it in, selected.
  for (let i = 0; i < 4; i++) await canvas(page).getByRole('button', { name: /^zoom in/i }).click();
  expect(await inView(page, 'Dense linear')).toBe(false);
  await summary.getByRole('row', { name: /^linear Dense 1000 / }).click();
  await inspector(page).getByRole('form', { name: 'Dense settings' }).waitFor();
  await expect.poll(() => inspector(page).getByLabel('Label', { exact: true }).inputValue()).toBe('linear');
  await node(page, 'Dense linear').locator('.layer-node--selected').waitFor();
  await expect.poll(() => inView(page, 'Dense linear')).toBe(true);
  await block.click();
  await inspector(page).getByRole('form', { name: 'Inception settings' }).waitFor();
  await expect.poll(() => inView(page, 'Inception inception 4e')).toBe(true);
  expect(session.app.errors).toEqual([]);
});
