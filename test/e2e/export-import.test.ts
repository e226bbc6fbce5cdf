/**
 * Taking a design away and bringing one in: GoogLeNet exported to PyTorch from the dialog (the
 * preview shows `class Inception(nn.Module)`), a figure saved as SVG, and a TensorFlow.js
 * model.json imported as a graph.
 */
import * as tf from '@tensorflow/tfjs';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { node } from './canvas';
import { startApp, type App } from './harness';

let app: App;
beforeAll(async () => {
  app = await startApp({ gallery: true });
});
afterAll(async () => {
  await app?.close();
});

test('export GoogLeNet as PyTorch code and as a figure', async () => {
  const { page } = app;
  const gallery = page.getByRole('dialog', { name: 'Templates' });
  await gallery.getByRole('button', { name: 'GoogLeNet', exact: true }).click();
  await node(page, 'Inception inception 3a').waitFor();

  await page.getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export' });
  const code = dialog.getByLabel('Code preview');
  await expect.poll(async () => (await code.textContent()) ?? '').toContain('class Inception(nn.Module):');
  expect(await code.textContent()).toContain('class GoogLeNet(nn.Module):');

  await dialog.getByLabel('Format').selectOption('keras');
  await expect.poll(async () => (await code.textContent()) ?? '').toContain('def inception(x, n1x1=64');

  await dialog.getByLabel('Format').selectOption('svg');
  await dialog.getByRole('img', { name: 'GoogLeNet figure' }).waitFor();
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Save' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('GoogLeNet.svg');
  const svg = readFileSync((await file.path())!, 'utf8');
  expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  expect(svg.match(/<g class="node">/g)!.length).toBeGreaterThan(20);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await dialog.waitFor({ state: 'detached' });
});

test('import a TensorFlow.js model.json and see its graph', async () => {
  const { page } = app;
  await tf.setBackend('cpu');
  const m = tf.sequential({
    name: 'tiny_convnet',
    layers: [
      tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 8, kernelSize: 3, activation: 'relu', name: 'features' }),
      tf.layers.maxPooling2d({ poolSize: 2, name: 'pool' }),
      tf.layers.flatten({ name: 'flat' }),
      tf.layers.dense({ units: 10, activation: 'softmax', name: 'classes' }),
    ],
  });
  const path = join(mkdtempSync(join(tmpdir(), 'netwright-import-')), 'model.json');
  writeFileSync(path, JSON.stringify({ format: 'layers-model', modelTopology: m.toJSON(null, false), weightsManifest: [] }));
  m.dispose();

  await page.getByLabel('Import model').setInputFiles(path);
  await node(page, 'Conv2D features').getByText('26×26×8').waitFor();
  await node(page, 'Dense classes').waitFor();
  await page.getByText('13,610 parameters').first().waitFor();
});
