/**
 * The desktop app itself, where the Electron binary installed: the window opens on the app's
 * own protocol with the canvas, and the page has no access to Node. Skipped, with a message,
 * where Electron's binary could not be downloaded (as on machines without internet).
 */
import { _electron as electron } from 'playwright-core';
import { expect, it } from 'vitest';
import { findElectron } from '../../node/cli/start';
import { distPath } from '../../node/paths';
import { describeWhen } from '../skip';

const found = findElectron();
if (!('path' in found)) console.warn(`Skipping the Electron end-to-end tests: the Electron binary is not installed (${found.missing}).`);

describeWhen('path' in found, 'electron')('the desktop app', () => {
  it('opens a locked-down window with the canvas and the layer palette', async () => {
    const app = await electron.launch({ executablePath: (found as { path: string }).path, args: [distPath('electron', 'main.js')] });
    try {
      const win = await app.firstWindow();
      await win.getByRole('complementary', { name: 'Layers' }).waitFor();
      expect(win.url()).toBe('app://netwright/index.html');
      expect(await win.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
      expect(await win.evaluate(() => Object.keys((window as unknown as { netwright: object }).netwright).sort())).toEqual(['call', 'onEvent']);
    } finally {
      await app.close();
    }
  });
});
