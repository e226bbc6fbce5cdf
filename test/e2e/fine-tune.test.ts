/**
 * Fine-tuning from the UI: LeNet-5 frozen before F6, adapted to a 3-class image folder, started
 * from a weights file chosen in the Training panel ("Start from"), trains one epoch; the frozen
 * nodes keep their locks and the panel shows the trainable and frozen counts of the run.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { expect, test } from 'vitest';
import { writeSafetensors } from '../../shared/weights/safetensors';
import { node } from './canvas';
import { replacing } from './editor';
import { useApp } from './harness';
import { stateDictOf } from './stateDicts';
import { training } from './trainingPanel';

const session = useApp();

/** Three classes of four 32×32 PNGs, one grey level each. */
async function threeClasses(): Promise<string> {
  const root = mkdtempSync(join(tmpdir(), 'netwright-e2e-finetune-'));
  for (const [i, name] of ['dark', 'mid', 'light'].entries()) {
    mkdirSync(join(root, name));
    for (let k = 0; k < 4; k++) {
      const v = 40 + 80 * i + 5 * k;
      await sharp({ create: { width: 32, height: 32, channels: 3, background: { r: v, g: v, b: v } } }).png().toFile(join(root, name, `${k}.png`));
    }
  }
  return root;
}

test('freeze before F6, adapt to a 3-class folder, start from a weights file and train one epoch: locks stay, the panel shows what trained', async () => {
  const { page } = session.app;
  const folder = await threeClasses();
  const weights = join(mkdtempSync(join(tmpdir(), 'netwright-e2e-weights-')), 'lenet5.safetensors');
  writeFileSync(weights, writeSafetensors(stateDictOf('lenet5')));

  await replacing(page, () => page.getByRole('button', { name: 'LeNet-5' }).click());
  await node(page, 'Dense F6').waitFor();
  await node(page, 'Dense F6').click({ button: 'right' });
  await page.getByRole('menu', { name: 'Actions for F6' }).getByRole('menuitem', { name: 'Freeze everything before this node' }).click();
  const locks = page.locator('.react-flow__node').getByRole('img', { name: 'Frozen' });
  await expect.poll(() => locks.count()).toBe(7);

  await page.getByRole('tab', { name: 'Training' }).click();
  const settings = training(page).getByRole('form', { name: 'Run settings' });
  await settings.getByRole('combobox', { name: 'Dataset' }).selectOption({ label: 'Image folder' });
  await settings.getByRole('textbox', { name: 'Folder path' }).fill(folder);
  await settings.getByRole('button', { name: 'Adapt to dataset' }).click();
  await node(page, 'Dense Output').getByText('Dense 3 → 3').waitFor();
  const epochs = training(page).getByRole('spinbutton', { name: 'Epochs' });
  await epochs.fill('1');
  await epochs.blur();

  await settings.getByLabel('Weights file').setInputFiles(weights);
  await expect.poll(() => settings.getByRole('combobox', { name: 'Start from' }).inputValue()).toBe('file');
  expect(await settings.getByRole('combobox', { name: 'Start from' }).locator('option:checked').textContent()).toBe('lenet5.safetensors');

  await training(page).getByRole('button', { name: 'Train' }).click();
  await training(page).getByRole('status').getByText('Done').waitFor({ timeout: 120_000 });
  // F6 (84·120 + 84) and the adapted Output (3·84 + 3) train; C1, C3 and C5 stay as loaded.
  await training(page).getByText('Parameters: 10,419 trainable · 50,692 frozen').waitFor();
  expect(await locks.count()).toBe(7);
  expect(await page.getByRole('alert').count()).toBe(0);
  expect(session.app.errors).toEqual([]);
});
