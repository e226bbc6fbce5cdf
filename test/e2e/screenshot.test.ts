/**
 * The README's screenshot: LeNet-5 training, curves visible. Runs only when asked, because it
 * rewrites a tracked file: `NETWRIGHT_SCREENSHOT=1 npx vitest run --project e2e test/e2e/screenshot.test.ts`.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, expect } from 'vitest';
import { node } from './canvas';
import { startApp, type App } from './harness';
import { itWhen } from '../skip';

let app: App | undefined;
afterAll(async () => {
  await app?.close();
});

itWhen(process.env.NETWRIGHT_SCREENSHOT, 'screenshot')('docs/screenshot.png shows LeNet-5 training', async () => {
  app = await startApp({ viewport: { width: 1600, height: 960 } });
  const { page } = app;
  await page.getByRole('button', { name: 'LeNet-5' }).click();
  await node(page, 'Conv2D C1').waitFor();
  await node(page, 'Conv2D C3').locator('.layer-node__line').click();
  const training = page.getByRole('region', { name: 'Training' });
  await training.getByRole('button', { name: 'Train' }).click();
  // One epoch done (a validation point on each chart) and the second under way.
  await training.getByText(/^Epoch 2\/3 · batch (\d{3})\/\d+$/).waitFor({ timeout: 120_000 });
  await page.waitForTimeout(1000);
  await page.screenshot({ path: fileURLToPath(new URL('../../docs/screenshot.png', import.meta.url)) });
  await training.getByRole('button', { name: 'Stop' }).click();
  await training.getByRole('status').getByText('Stopped').waitFor();
  expect(app.errors).toEqual([]);
});

itWhen(process.env.NETWRIGHT_SCREENSHOT, 'screenshot')('docs/blocks.png shows GoogLeNet with an Inception definition open', async () => {
  const blocks = await startApp({ viewport: { width: 1600, height: 960 }, gallery: true });
  try {
    const { page } = blocks;
    await page.getByRole('dialog', { name: 'Templates' }).getByRole('button', { name: 'GoogLeNet', exact: true }).click();
    await node(page, 'Inception inception 3a').dblclick();
    await page.getByRole('navigation', { name: 'Breadcrumb' }).getByText('linked: 9 instances').waitFor();
    await node(page, 'Conv2D 3×3').locator('.layer-node__line').click();
    await page.getByRole('complementary', { name: 'Inspector' }).getByText('128 in this instance').waitFor();
    await page.getByRole('tab', { name: 'Summary' }).click();
    await page.getByRole('region', { name: 'Summary' }).getByRole('table', { name: 'Layers' }).waitFor();
    await page.waitForTimeout(500);
    await page.screenshot({ path: fileURLToPath(new URL('../../docs/blocks.png', import.meta.url)) });
    expect(blocks.errors).toEqual([]);
  } finally {
    await blocks.close();
  }
});
