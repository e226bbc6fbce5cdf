/**
 * The desktop app itself, where the Electron binary installed: the window opens on the app's
 * own protocol with the canvas, and the page has no access to Node; the native menu bar comes
 * from the command table; a document named on the command line opens, the title carries the
 * unsaved marker, and closing the window asks first (Cancel keeps it open). Skipped, with a
 * message, where Electron's binary could not be downloaded (as on machines without internet):
 * there the menu, argv and close logic are covered as pure functions (test/unit/electron/).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron, type ElectronApplication } from 'playwright-core';
import { afterAll, expect, it } from 'vitest';
import { findElectron } from '../../node/cli/start';
import { distPath } from '../../node/paths';
import { saveDocument } from '../../shared/graph/load';
import { lenet5 } from '../../shared/templates/lenet5';
import { describeWhen } from '../skip';

const found = findElectron();
if (!('path' in found)) console.warn(`Skipping the Electron end-to-end tests: the Electron binary is not installed (${found.missing}).`);

const scratch = mkdtempSync(join(tmpdir(), 'netwright-electron-e2e-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Start the app with its own data folder and these arguments. */
const launch = (...args: string[]): Promise<ElectronApplication> =>
  electron.launch({ executablePath: (found as { path: string }).path, args: [distPath('electron', 'main.js'), ...args], env: { ...process.env, NETWRIGHT_DATA_DIR: join(scratch, `data-${Math.random().toString(36).slice(2)}`) } });

describeWhen('path' in found, 'electron')('the desktop app', () => {
  it('opens a locked-down window with the canvas and the layer palette', async () => {
    const app = await launch();
    try {
      const win = await app.firstWindow();
      await win.getByRole('complementary', { name: 'Layers' }).waitFor();
      expect(win.url()).toBe('app://netwright/index.html');
      expect(await win.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
      expect(await win.evaluate(() => Object.keys((window as unknown as { netwright: object }).netwright).sort())).toEqual(['call', 'onAppEvent', 'onEvent', 'pathForFile']);
    } finally {
      await app.close();
    }
  });

  it('opens the document on its command line, shows the menu bar from the command table, and asks before closing unsaved edits', async () => {
    const file = join(scratch, 'Argv net.netwright.json');
    writeFileSync(file, saveDocument({ ...lenet5(), name: 'Argv net' }));
    const app = await launch(file);
    try {
      const win = await app.firstWindow();
      await win.waitForFunction(() => document.title === 'Argv net.netwright.json — Netwright');
      const menus = await app.evaluate(({ Menu }) => Menu.getApplicationMenu()?.items.map((i: { label: string }) => i.label) ?? []);
      expect(menus).toEqual(expect.arrayContaining(['File', 'Edit', 'View', 'Train', 'Help']));
      type Item = { label: string; submenu?: { items: Item[] } };
      const file0 = await app.evaluate(({ Menu }) => Menu.getApplicationMenu()?.items.find((i: Item) => i.label === 'File')?.submenu?.items.map((i: Item) => i.label));
      expect(file0).toEqual(expect.arrayContaining(['New', 'Open…', 'Open Recent', 'Save', 'Save As…']));

      await win.getByRole('textbox', { name: 'Document name' }).fill('Edited');
      await win.waitForFunction(() => document.title.startsWith('• '));
      await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.close());
      const ask = win.getByRole('dialog', { name: /^Save changes to / });
      await ask.getByRole('button', { name: 'Cancel', exact: true }).click();
      expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
      const closed = app.waitForEvent('close');
      await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.close());
      await ask.getByRole('button', { name: 'Don’t save', exact: true }).click();
      await closed;
    } finally {
      await app.close().catch(() => undefined);
    }
  });
});
