/**
 * Finding the browser the end-to-end tests drive (scripts/find-browser.mjs), on each platform
 * with made-up files: CHROMIUM_PATH first, then Chromium, Chrome and Edge where each platform
 * installs them, then Playwright's own download; without any, one line saying how to get one.
 */
import { describe, expect, it, vi } from 'vitest';
import { browserForTests, ensureBrowser, findBrowser, type BrowserSearch } from '../../scripts/find-browser.mjs';

const PLAYWRIGHT = '/home/me/.cache/ms-playwright/chromium-1255/chrome-linux64/chrome';
const on = (platform: string, files: string[], env: Record<string, string | undefined> = {}) =>
  findBrowser({ platform, env, exists: (f) => files.includes(f), playwrightChromium: PLAYWRIGHT });

describe('findBrowser on Linux', () => {
  it("takes Debian's Chromium first, then Google Chrome by Playwright's channel, then Edge", () => {
    expect(on('linux', ['/usr/bin/chromium', '/opt/google/chrome/chrome'])).toEqual({ executablePath: '/usr/bin/chromium' });
    expect(on('linux', ['/opt/google/chrome/chrome', '/usr/bin/google-chrome', '/opt/microsoft/msedge/msedge'])).toEqual({ channel: 'chrome' });
    expect(on('linux', ['/opt/microsoft/msedge/msedge'])).toEqual({ channel: 'msedge' });
  });

  it('takes Chrome or Edge by path where it is not where Playwright looks', () => {
    expect(on('linux', ['/usr/bin/google-chrome-stable'])).toEqual({ executablePath: '/usr/bin/google-chrome-stable' });
    expect(on('linux', ['/usr/bin/microsoft-edge'])).toEqual({ executablePath: '/usr/bin/microsoft-edge' });
  });

  it("takes Playwright's downloaded Chromium before the snap, whose private /tmp hides downloads", () => {
    expect(on('linux', [PLAYWRIGHT, '/snap/bin/chromium', '/usr/bin/chromium-browser'])).toEqual({ executablePath: PLAYWRIGHT });
    expect(on('linux', ['/snap/bin/chromium'])).toEqual({ executablePath: '/snap/bin/chromium' });
  });

  it('takes CHROMIUM_PATH before all, and looks on where it does not exist', () => {
    expect(on('linux', ['/usr/bin/chromium', '/opt/brave/brave'], { CHROMIUM_PATH: '/opt/brave/brave' })).toEqual({ executablePath: '/opt/brave/brave' });
    expect(on('linux', ['/usr/bin/chromium'], { CHROMIUM_PATH: '/nonexistent' })).toEqual({ executablePath: '/usr/bin/chromium' });
    expect((on('linux', [], { CHROMIUM_PATH: '/nonexistent' }) as { missing: string }).missing).toMatch(/^CHROMIUM_PATH is \/nonexistent, which does not exist\. No browser/);
  });
});

describe('findBrowser on macOS', () => {
  it('takes Chromium.app, then Google Chrome and Edge by channel, then the ones in ~/Applications by path', () => {
    const chrome = '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome';
    expect(on('darwin', ['/Applications/Chromium.app/Contents/MacOS/Chromium', chrome])).toEqual({ executablePath: '/Applications/Chromium.app/Contents/MacOS/Chromium' });
    expect(on('darwin', [chrome])).toEqual({ channel: 'chrome' });
    expect(on('darwin', ['/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge'])).toEqual({ channel: 'msedge' });
    const mine = '/Users/me/Applications/Google Chrome.app/Contents/MacOS/Google Chrome';
    expect(on('darwin', [mine], { HOME: '/Users/me' })).toEqual({ executablePath: mine });
    expect(on('darwin', ['/usr/bin/chromium'])).toHaveProperty('missing');
  });
});

describe('findBrowser on Windows', () => {
  const env = { LOCALAPPDATA: 'C:\\Users\\me\\AppData\\Local', ProgramFiles: 'C:\\Program Files', 'ProgramFiles(x86)': 'C:\\Program Files (x86)' };

  it("finds Chrome and Edge under the folders Playwright's channels look in, whatever the variables' case", () => {
    expect(on('win32', ['C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe'], env)).toEqual({ channel: 'chrome' });
    expect(on('win32', ['C:\\Users\\me\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe'], env)).toEqual({ channel: 'chrome' });
    expect(on('win32', ['C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe'], env)).toEqual({ channel: 'msedge' });
  });

  it('takes Chromium by path, and CHROMIUM_PATH first', () => {
    const chromium = 'C:\\Users\\me\\AppData\\Local\\Chromium\\Application\\chrome.exe';
    const edge = 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe';
    expect(on('win32', [chromium, edge], env)).toEqual({ executablePath: chromium });
    expect(on('win32', [chromium, edge, 'D:\\chrome\\chrome.exe'], { ...env, CHROMIUM_PATH: 'D:\\chrome\\chrome.exe' })).toEqual({ executablePath: 'D:\\chrome\\chrome.exe' });
  });
});

describe('without a browser', () => {
  const missing = (platform: string) => (on(platform, []) as { missing: string }).missing;

  it('says in one line how to get one on this platform', () => {
    for (const platform of ['linux', 'darwin', 'win32']) {
      expect(missing(platform)).not.toContain('\n');
      expect(missing(platform)).toContain('`npx playwright-core install --no-shell chromium`');
      expect(missing(platform)).toContain('CHROMIUM_PATH');
    }
    expect(missing('linux')).toContain('`sudo apt install chromium`');
    expect(missing('darwin')).toContain('`brew install --cask google-chrome`');
    expect(missing('win32')).toContain('`winget install Google.Chrome`');
  });

  it("runs Playwright's installer once, and takes what it installed", async () => {
    const found: BrowserSearch = { executablePath: PLAYWRIGHT };
    const find = vi.fn<() => Promise<BrowserSearch>>().mockResolvedValueOnce({ missing: 'none' }).mockResolvedValueOnce(found);
    const install = vi.fn(() => true);
    expect(await ensureBrowser({ find, install })).toEqual(found);
    expect(install).toHaveBeenCalledTimes(1);
  });

  it('gives the line when the installer fails (offline), having tried it once', async () => {
    const install = vi.fn(() => false);
    expect(await ensureBrowser({ find: async () => ({ missing: 'install Chromium' }), install })).toEqual({ missing: 'install Chromium' });
    expect(install).toHaveBeenCalledTimes(1);
  });

  it('does not run the installer where a browser is found', async () => {
    const install = vi.fn(() => true);
    expect(await ensureBrowser({ find: async () => ({ channel: 'chrome' }), install })).toEqual({ channel: 'chrome' });
    expect(install).not.toHaveBeenCalled();
  });
});

it('takes the browser `npm test` found from NETWRIGHT_BROWSER', async () => {
  expect(await browserForTests({ NETWRIGHT_BROWSER: '{"channel":"msedge"}' })).toEqual({ channel: 'msedge' });
});
