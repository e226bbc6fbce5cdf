/**
 * Templates and linked blocks: the gallery at first start, GoogLeNet's nine Inception instances
 * as single nodes, one opened to its definition with that instance's shapes and back through
 * the breadcrumb, and ResNet-50's four stages from the toolbar's "New from template…".
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { canvas, node } from './canvas';
import { replacing } from './editor';
import { startApp, type App } from './harness';
import { templateIds } from '../../shared/templates/index';

let app: App;
beforeAll(async () => {
  app = await startApp({ gallery: true, viewport: { width: 1920, height: 1200 } });
});
afterAll(async () => {
  await app?.close();
});

const MODULES = ['3a', '3b', '4a', '4b', '4c', '4d', '4e', '5a', '5b'];

test('GoogLeNet from the gallery: nine Inception nodes, one opened to its four branches', async () => {
  const { page } = app;
  const gallery = page.getByRole('dialog', { name: 'Templates' });
  const card = gallery.getByRole('button', { name: 'GoogLeNet', exact: true });
  await card.waitFor();
  // One card per template.
  expect(await gallery.getByRole('listitem').count()).toBe(templateIds.length);
  await gallery.getByText('224×224×3 input').first().waitFor();
  await card.click();
  await gallery.waitFor({ state: 'detached' });

  // On a large screen the whole net fits, in rows, at a readable zoom (the canvas draws only what is in view).
  for (const m of MODULES) await node(page, `Inception inception ${m}`).waitFor();
  const first = node(page, 'Inception inception 3a');
  await first.getByText('Inception 64, 96→128, 16→32, 32').waitFor();
  await first.getByText('28×28×192 → 28×28×256').waitFor();

  await canvas(page).getByRole('button', { name: /^zoom in/i }).click();
  await first.dblclick();
  const crumbs = page.getByRole('navigation', { name: 'Breadcrumb' });
  await crumbs.getByText('inception 3a (Inception)').waitFor();
  await crumbs.getByText('linked: 9 instances').waitFor();
  const branches: [string, string][] = [
    ['Conv2D 1×1', '28×28×64'],
    ['Conv2D 3×3', '28×28×128'],
    ['Conv2D 5×5', '28×28×32'],
    ['Conv2D pool proj', '28×28×32'],
  ];
  for (const [name, shape] of branches) await node(page, name).locator('.layer-node__shape', { hasText: shape }).waitFor();
  await node(page, 'Concatenate concat').getByText('28×28×256').waitFor();

  await crumbs.getByRole('button', { name: 'GoogLeNet' }).click();
  await crumbs.waitFor({ state: 'detached' });
  await node(page, 'Inception inception 5b').waitFor();
  await page.getByRole('form', { name: 'Inception settings' }).waitFor();
  expect(app.errors).toEqual([]);
});

test('an edit in the definition reaches every instance; ResNet-50 opens with its four stages', async () => {
  const { page } = app;
  await node(page, 'Inception inception 3a').dblclick();
  const crumbs = page.getByRole('navigation', { name: 'Breadcrumb' });
  await crumbs.waitFor();
  const onebyone = node(page, 'Conv2D 1×1');
  await onebyone.locator('.layer-node__line').click();
  const filters = page.getByRole('complementary', { name: 'Inspector' }).getByLabel('Filters', { exact: true });
  await expect.poll(() => filters.inputValue()).toBe('=n1x1');
  await filters.fill('=n1x1 * 2');
  await onebyone.getByText('28×28×128').waitFor();
  await crumbs.getByRole('button', { name: 'GoogLeNet' }).click();
  // Every instance's 1×1 branch doubled: 3a gives 256 + 64 channels, 5a 832 + 256, 5b 1024 + 384.
  await node(page, 'Inception inception 3a').getByText('28×28×192 → 28×28×320').waitFor();
  await node(page, 'Inception inception 5b').getByText('7×7×1088 → 7×7×1408').waitFor();

  await page.getByRole('button', { name: 'New from template…' }).click();
  const gallery = page.getByRole('dialog', { name: 'Templates' });
  // The edit above is unsaved: the template asks first.
  await replacing(page, () => gallery.getByRole('button', { name: 'ResNet-50', exact: true }).click());
  await gallery.waitFor({ state: 'detached' });
  for (const stage of ['layer1.0', 'layer2.0', 'layer3.0', 'layer4.0', 'layer4.2']) await node(page, new RegExp(` ${stage.replace('.', '\\.')}$`)).waitFor();
  await node(page, 'Bottleneck (projection) layer2.0').getByText('128, stride 2').waitFor();
  await node(page, 'Bottleneck layer4.2').getByText('7×7×2048 → 7×7×2048').waitFor();
  await page.getByRole('contentinfo', { name: 'Status' }).getByText('25,557,032 parameters').waitFor();
  expect(app.errors).toEqual([]);
});
