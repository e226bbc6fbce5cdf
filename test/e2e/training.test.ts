/**
 * Training LeNet-5 from the UI: the curves gain points while it runs, the panel names the
 * engine and backend, and Stop ends the run.
 */
import { expect, test } from 'vitest';
import { node } from './canvas';
import { useApp } from './harness';
import { lossPoints, training } from './trainingPanel';

const session = useApp();


test('train LeNet-5, watch the curves grow, and stop', async () => {
  const { page } = session.app;
  await page.getByRole('button', { name: 'LeNet-5' }).click();
  await node(page, 'Conv2D C1').waitFor();
  await page.getByRole('contentinfo', { name: 'Status' }).getByText('61,706 parameters').waitFor();
  await expect.poll(() => training(page).getByRole('spinbutton', { name: 'Epochs' }).inputValue()).toBe('3');
  await expect.poll(() => training(page).getByRole('spinbutton', { name: 'Batch size' }).inputValue()).toBe('32');

  await training(page).getByRole('button', { name: 'Train' }).click();
  await training(page).getByText('Backend: wasm', { exact: false }).waitFor({ timeout: 60_000 });
  await training(page).getByText(/^Epoch 1\/3 · batch \d+\/\d+$/).waitFor({ timeout: 60_000 });

  await expect.poll(() => lossPoints(page), { timeout: 60_000 }).toBeGreaterThan(0);
  const first = await lossPoints(page);
  await expect.poll(() => lossPoints(page), { timeout: 60_000 }).toBeGreaterThan(first);

  // The canvas stays usable while the trainer streams metrics.
  await node(page, 'Conv2D C3').locator('.layer-node__line').click();
  await page.getByRole('complementary', { name: 'Inspector' }).getByRole('form', { name: 'Conv2D settings' }).waitFor();

  await training(page).getByRole('button', { name: 'Stop' }).click();
  await training(page).getByRole('status').getByText('Stopped').waitFor({ timeout: 15_000 });
  expect(await training(page).getByRole('button', { name: 'Train' }).isEnabled()).toBe(true);
  await page.getByRole('contentinfo', { name: 'Status' }).getByText('Engine: tfjs · Backend: wasm').waitFor();
  expect(await page.getByRole('alert').count()).toBe(0);
  expect(session.app.errors).toEqual([]);
});
