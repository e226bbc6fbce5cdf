/**
 * Impossible graphs: the node turns red, shows the arithmetic that fails, and the inspector's
 * fix buttons repair it in one click.
 */
import { expect, test } from 'vitest';
import { connect, dropLayer, inspector, node, paletteItem, select, setField } from './canvas';
import { newDocument } from './editor';
import { useApp } from './harness';

const session = useApp();

test('a kernel larger than its input shows the arithmetic, and "same" padding fixes it', async () => {
  const { page } = session.app;
  await dropLayer(page, 'Input', { x: 120, y: 100 });
  await dropLayer(page, 'Conv2D', { x: 420, y: 100 });
  const input = node(page, /^Input /);
  const conv = node(page, /^Conv2D /);
  await select(input);
  await setField(page, 'Height', '4');
  await setField(page, 'Width', '4');
  await input.getByText('Input 4×4×1 → 4×4×1').waitFor();
  await connect(page, input, conv);
  await select(conv);
  await setField(page, 'Kernel', '5');

  const message = conv.locator('.layer-node__error');
  await message.getByText('(4 + 2·0 − 5) / 1 + 1 = 0', { exact: false }).waitFor();
  expect(await message.textContent()).toBe('output = (4 + 2·0 − 5) / 1 + 1 = 0: kernel 5 is larger than the 4×4 input — use padding "same" or a smaller kernel');
  expect(await conv.getAttribute('class')).toMatch(/\bselected\b/);
  expect(await conv.locator('.layer-node--error').count()).toBe(1);
  await page.getByRole('contentinfo', { name: 'Status' }).getByText('1 error').waitFor();

  await inspector(page).getByRole('button', { name: 'Use padding "same"' }).click();
  await conv.getByText('Conv2D 32@5×5 → 4×4×32').waitFor();
  expect(await conv.locator('.layer-node--error').count()).toBe(0);
  await expect.poll(() => inspector(page).getByLabel('Padding', { exact: true }).inputValue()).toBe('same');
  await page.getByRole('contentinfo', { name: 'Status' }).getByText('0 errors').waitFor();
});

test('a Dense fed an image asks for a Flatten, and the fix inserts one', async () => {
  const { page } = session.app;
  await newDocument(page);
  await dropLayer(page, 'Input', { x: 100, y: 320 });
  // The keyboard way: focus the palette entry and press Enter; it lands in the canvas centre.
  await paletteItem(page, 'Dense').focus();
  await page.keyboard.press('Enter');
  const input = node(page, /^Input /);
  const dense = node(page, /^Dense /);
  await dense.waitFor();
  await connect(page, input, dense);

  await dense.getByText('insert a Flatten', { exact: false }).waitFor();
  expect(await dense.locator('.layer-node__error').textContent()).toBe('Dense expects a flat vector but gets 28×28×1 — insert a Flatten before it');

  await select(dense);
  await inspector(page).getByRole('button', { name: 'Insert Flatten' }).click();
  const flatten = node(page, /^Flatten /);
  await flatten.getByText('Flatten → 784').waitFor();
  await dense.getByText('Dense 10 → 10').waitFor();
  expect(await page.locator('.layer-node--error').count()).toBe(0);
  expect(await page.locator('.react-flow__edge').count()).toBe(2);
  await page.getByRole('contentinfo', { name: 'Status' }).getByText('7,850 parameters').waitFor();
  expect(session.app.errors).toEqual([]);
});
