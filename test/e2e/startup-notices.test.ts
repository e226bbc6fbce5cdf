/**
 * Files the app set aside at start-up reach the user: with a damaged settings.json and a damaged
 * autosave in the data folder, the app opens with the defaults and lists both, file by file,
 * until dismissed; the damaged files stay on disk for the user to look at.
 */
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startApp, type App } from './harness';

const dataDir = join(mkdtempSync(join(tmpdir(), 'netwright-notices-')), 'data');
let app: App;

beforeAll(async () => {
  mkdirSync(join(dataDir, 'autosave'), { recursive: true });
  writeFileSync(join(dataDir, 'settings.json'), '{ "pythonPath": ');
  writeFileSync(join(dataDir, 'autosave', 'gone-window.json'), 'not json at all');
  app = await startApp({ dataDir });
});
afterAll(() => app?.close());

test('a damaged settings.json and a damaged autosave are listed at start-up, and can be dismissed', async () => {
  const notices = app.page.getByRole('status', { name: 'Start-up notices' });
  await notices.waitFor();
  const lines = await notices.getByRole('listitem').allTextContents();
  expect(lines).toHaveLength(2);
  expect(lines.some((l) => l.startsWith(join(dataDir, 'settings.json')))).toBe(true);
  expect(lines.some((l) => l.includes('gone-window.json'))).toBe(true);
  await notices.getByRole('button', { name: 'Dismiss' }).click();
  await notices.waitFor({ state: 'detached' });
  expect(existsSync(join(dataDir, 'settings.json'))).toBe(true);
  expect(app.errors).toEqual([]);
});
