/**
 * Transfer learning in the editor: a node's menu freezes everything before it (locks on the
 * frozen nodes, the trainable count in the status bar), the Inspector shows and clears the flag,
 * "Unfreeze all" clears them, and "Adapt to dataset" gives the head an image folder's classes;
 * each is one undo step.
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { inspector, node, select } from './canvas';
import { replacing, undoButton } from './editor';
import { useApp } from './harness';
import { training } from './trainingPanel';

const session = useApp();

const status = (page: Page) => page.getByRole('contentinfo', { name: 'Status' });
const locks = (page: Page) => page.locator('.react-flow__node').getByRole('img', { name: 'Frozen' });
const nodeMenu = (page: Page, name: string) => page.getByRole('menu', { name: `Actions for ${name}` });

/** A folder of three classes, two small PNGs each. */
async function threeClasses(): Promise<string> {
  const root = mkdtempSync(join(tmpdir(), 'netwright-e2e-classes-'));
  for (const [i, name] of ['ants', 'bees', 'wasps'].entries()) {
    mkdirSync(join(root, name));
    for (const k of [0, 1]) {
      await sharp({ create: { width: 8, height: 8, channels: 3, background: { r: 80 * i, g: 40 * k, b: 100 } } })
        .png()
        .toFile(join(root, name, `${k}.png`));
    }
  }
  return root;
}

test('freeze everything before a node: locks on the frozen nodes, the trainable count in the status bar', async () => {
  const { page } = session.app;
  await replacing(page, () => page.getByRole('button', { name: 'LeNet-5' }).click());
  await node(page, 'Dense F6').waitFor();
  await status(page).getByText('61,706 parameters', { exact: true }).waitFor();
  expect(await locks(page).count()).toBe(0);

  await node(page, 'Dense F6').click({ button: 'right' });
  await nodeMenu(page, 'F6').getByRole('menuitem', { name: 'Freeze everything before this node' }).click();
  // Input, C1, S2, C3, S4, Flatten and C5 feed F6; F6 and Output train (10,164 + 850 weights).
  await expect.poll(() => locks(page).count()).toBe(7);
  expect(await node(page, 'Dense F6').getByRole('img', { name: 'Frozen' }).count()).toBe(0);
  expect(await node(page, 'Conv2D C1').getByRole('img', { name: 'Frozen' }).count()).toBe(1);
  await status(page).getByText('61,706 parameters (11,014 trainable, 50,692 frozen)').waitFor();
  // The Summary tab: the totals split, and each frozen layer marked.
  await page.getByRole('tab', { name: 'Summary' }).click();
  const totals = page.getByRole('region', { name: 'Summary' }).getByRole('definition');
  await expect.poll(() => totals.allTextContents()).toEqual(expect.arrayContaining(['11,014', '50,692']));
  expect(await page.getByRole('table', { name: 'Layers' }).getByText('frozen', { exact: true }).count()).toBe(7);

  // The Inspector shows the flag; unticking it is one step, and undo brings it back.
  await select(node(page, 'Conv2D C3'));
  const frozen = inspector(page).getByRole('checkbox', { name: 'Frozen' });
  expect(await frozen.isChecked()).toBe(true);
  await frozen.uncheck();
  await expect.poll(() => locks(page).count()).toBe(6);
  await status(page).getByText('61,706 parameters (13,430 trainable, 48,276 frozen)').waitFor();
  await undoButton(page).click();
  await expect.poll(() => locks(page).count()).toBe(7);
  await expect.poll(() => frozen.isChecked()).toBe(true);

  // A learning-rate factor for the head, in the Inspector.
  await select(node(page, 'Dense Output'));
  const factor = inspector(page).getByRole('spinbutton', { name: 'LR factor' });
  await expect.poll(() => factor.inputValue()).toBe('1');
  await factor.fill('10');
  await factor.blur();

  // Unfreeze all, from any node's menu; undo freezes them again.
  await node(page, 'Dense Output').click({ button: 'right' });
  await nodeMenu(page, 'Output').getByRole('menuitem', { name: 'Unfreeze all' }).click();
  await expect.poll(() => locks(page).count()).toBe(0);
  await status(page).getByText('61,706 parameters', { exact: true }).waitFor();
  await undoButton(page).click();
  await expect.poll(() => locks(page).count()).toBe(7);
  expect(session.app.errors).toEqual([]);
});

test("adapt to dataset gives the head an image folder's classes, in one undo step", async () => {
  const { page } = session.app;
  const folder = await threeClasses();
  await page.getByRole('tab', { name: 'Training' }).click();
  const settings = training(page).getByRole('form', { name: 'Run settings' });
  await settings.getByRole('combobox', { name: 'Dataset' }).selectOption({ label: 'Image folder' });
  await settings.getByRole('textbox', { name: 'Folder path' }).fill(folder);
  await node(page, 'Dense Output').getByText('Dense 10 → 10').waitFor();

  await settings.getByRole('button', { name: 'Adapt to dataset' }).click();
  await node(page, 'Dense Output').getByText('Dense 3 → 3').waitFor();
  await settings.getByRole('status').getByText('Output: 10 → 3 units, one per class.', { exact: false }).waitFor();
  // The frozen part is untouched; the head is trained (3 · 84 + 3 weights, and F6's).
  expect(await locks(page).count()).toBe(7);
  await status(page).getByText('61,111 parameters (10,419 trainable, 50,692 frozen)').waitFor();

  await undoButton(page).click();
  await node(page, 'Dense Output').getByText('Dense 10 → 10').waitFor();
  await status(page).getByText('61,706 parameters (11,014 trainable, 50,692 frozen)').waitFor();
  expect(session.app.errors).toEqual([]);
});
