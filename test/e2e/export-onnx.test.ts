/**
 * The Export dialog's ONNX model: LeNet-5 from the gallery, saved with fresh weights, runs in
 * onnxruntime as the tfjs engine runs the same weights (a run's start).
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { lenet5 } from '../../shared/templates/lenet5';
import { pickBackend } from '../../node/engine/backend/choose';
import { compileDocument } from '../../node/engine/model/compile';
import { largestError } from '../unit/codegen/onnxRun';
import { node } from './canvas';
import { startApp, type App } from './harness';

let app: App;
beforeAll(async () => {
  app = await startApp({ gallery: true });
});
afterAll(async () => {
  await app?.close();
});

test('export LeNet-5 as an ONNX model with fresh weights', async () => {
  const { page } = app;
  await page.getByRole('dialog', { name: 'Templates' }).getByRole('button', { name: 'LeNet-5', exact: true }).click();
  await node(page, 'Conv2D C1').waitFor();

  await page.getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export' });
  await dialog.getByLabel('Format').selectOption('onnx');
  await expect.poll(async () => (await dialog.getByLabel('Code preview').textContent()) ?? '').toContain('An ONNX model (opset 13) of LeNet-5');
  await expect.poll(() => dialog.getByLabel('Weights').inputValue()).toBe('fresh');
  expect(await dialog.getByRole('button', { name: 'Copy' }).isDisabled()).toBe(true);

  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Save' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('lenet_5.onnx');
  await pickBackend();
  const model = compileDocument(lenet5());
  expect(await largestError(model, new Uint8Array(readFileSync((await file.path())!)))).toBeLessThan(1e-4);
  model.dispose();
});
