/**
 * The Settings dialog: the Python path is typed, detected ("PyTorch 1.13.0 · CPU", or why not),
 * saved to settings.json in the data folder and shown again when the dialog reopens.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { findTorchPythonSync } from '../../node/engine/torch/python';
import { useApp } from './harness';

const torch = findTorchPythonSync();

const session = useApp();

test('set the Python path, detect PyTorch, save, and find it again', async () => {
  const { page } = session.app;
  await page.getByRole('button', { name: 'Settings…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  const field = dialog.getByRole('textbox', { name: 'Python for the torch engine' });
  const status = dialog.getByRole('status');

  await field.fill('/nonexistent/python3');
  await dialog.getByRole('button', { name: 'Detect' }).click();
  await expect.poll(() => status.textContent(), { timeout: 10_000 }).toBe('/nonexistent/python3 was not found.');

  if (torch) {
    await field.fill(torch.python);
    await dialog.getByRole('button', { name: 'Detect' }).click();
    // Importing torch takes a few seconds.
    await expect.poll(() => status.textContent(), { timeout: 60_000 }).toBe(`PyTorch ${torch.torch} · ${torch.cuda ? 'CUDA' : 'CPU'} (${torch.python})`);
  }
  const saved = torch?.python ?? '/nonexistent/python3';
  await dialog.getByRole('button', { name: 'Save' }).click();
  await dialog.waitFor({ state: 'detached' });
  expect(JSON.parse(readFileSync(join(session.app.dataDir, 'settings.json'), 'utf8'))).toEqual({ pythonPath: saved });

  await page.getByRole('button', { name: 'Settings…' }).click();
  await expect.poll(() => field.inputValue(), { timeout: 10_000 }).toBe(saved);
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  expect(session.app.errors).toEqual([]);
});
