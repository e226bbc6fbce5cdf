// The browser the end-to-end tests (and the benches) drive: found once by `npm test`
// (scripts/test.mjs), which hands it to the tests as NETWRIGHT_BROWSER; test/e2e/harness.ts and
// bench/browser.ts look for it themselves when run without it. Types: find-browser.d.mts.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, posix, win32 } from 'node:path';

/** The environment variable `npm test` passes the found browser in, as JSON. */
export const BROWSER_ENV = 'NETWRIGHT_BROWSER';

/** The command that downloads Playwright's own Chromium (no headless shell: the tests launch the full browser headless). */
export const INSTALL_ARGS = ['install', '--no-shell', 'chromium'];

/** What to do when no browser is found, one line per platform. */
export function browserFix(platform) {
  const how =
    platform === 'darwin'
      ? 'install Google Chrome (`brew install --cask google-chrome` or google.com/chrome)'
      : platform === 'win32'
        ? 'install Google Chrome or Microsoft Edge (`winget install Google.Chrome`)'
        : 'install Chromium (`sudo apt install chromium`) or Google Chrome';
  return `No browser for the end-to-end tests: ${how}, or run \`npx playwright-core ${INSTALL_ARGS.join(' ')}\` while online, or set CHROMIUM_PATH to a Chromium-based browser; then run \`npm test\` again.`;
}

/**
 * The browser to drive, looked for in order: CHROMIUM_PATH; Chromium, Google Chrome and Microsoft
 * Edge where each platform installs them (as a Playwright `channel` where Playwright finds it at
 * that very path, else by its path); Playwright's own downloaded Chromium (`playwrightChromium`,
 * from `chromium.executablePath()`). On Linux the snap Chromium comes last: its private /tmp
 * hides the files the tests download. Pure: `platform`, `env` and `exists` are given.
 *
 * @param {{ platform: string, env: Record<string, string | undefined>, exists: (path: string) => boolean, playwrightChromium?: string }} options
 */
export function findBrowser({ platform, env, exists, playwrightChromium }) {
  // Windows' variable names are case-insensitive (ProgramFiles, PROGRAMFILES); a plain object's are not.
  const get = (name) => env[name] ?? (platform === 'win32' ? Object.entries(env).find(([k]) => k.toUpperCase() === name.toUpperCase())?.[1] : undefined);
  const path = platform === 'win32' ? win32 : posix;
  /** @type {Array<{ executablePath: string } | { channel: 'chrome' | 'msedge', at: string }>} */
  const candidates = [];
  const at = (executablePath) => candidates.push({ executablePath });
  const channel = (name, file) => candidates.push({ channel: name, at: file });
  const configured = get('CHROMIUM_PATH');
  if (configured) at(configured);
  if (platform === 'darwin') {
    at('/Applications/Chromium.app/Contents/MacOS/Chromium');
    channel('chrome', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome');
    channel('msedge', '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge');
    // Installed for one user only: Playwright's channels do not look there.
    const home = get('HOME');
    if (home) for (const app of ['Chromium.app/Contents/MacOS/Chromium', 'Google Chrome.app/Contents/MacOS/Google Chrome', 'Microsoft Edge.app/Contents/MacOS/Microsoft Edge']) at(path.join(home, 'Applications', app));
  } else if (platform === 'win32') {
    // Playwright's channels look under these folders, in this order.
    const roots = [get('LOCALAPPDATA'), get('PROGRAMFILES'), get('PROGRAMFILES(X86)')].filter((r) => !!r);
    for (const root of roots) at(path.join(root, 'Chromium\\Application\\chrome.exe'));
    for (const root of roots) channel('chrome', path.join(root, 'Google\\Chrome\\Application\\chrome.exe'));
    for (const root of roots) channel('msedge', path.join(root, 'Microsoft\\Edge\\Application\\msedge.exe'));
  } else {
    at('/usr/bin/chromium');
    channel('chrome', '/opt/google/chrome/chrome');
    at('/usr/bin/google-chrome');
    at('/usr/bin/google-chrome-stable');
    channel('msedge', '/opt/microsoft/msedge/msedge');
    at('/usr/bin/microsoft-edge');
    at('/usr/bin/microsoft-edge-stable');
  }
  if (playwrightChromium) at(playwrightChromium);
  if (platform !== 'darwin' && platform !== 'win32') {
    at('/usr/bin/chromium-browser');
    at('/snap/bin/chromium');
  }
  for (const c of candidates) {
    if ('channel' in c ? exists(c.at) : exists(c.executablePath)) return 'channel' in c ? { channel: c.channel } : c;
  }
  const fix = browserFix(platform);
  return { missing: configured ? `CHROMIUM_PATH is ${configured}, which does not exist. ${fix}` : fix };
}

/** The found browser in words: "Google Chrome (Playwright channel chrome)" or its path. */
export function describeBrowser(browser) {
  if ('channel' in browser) return `${browser.channel === 'chrome' ? 'Google Chrome' : 'Microsoft Edge'} (Playwright channel ${browser.channel})`;
  return 'executablePath' in browser ? browser.executablePath : browser.missing;
}

/** A file this process may run: executable on Linux and macOS, present on Windows. */
export function isExecutable(file) {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

const require = createRequire(import.meta.url);

/** Where Playwright's installer puts its Chromium (PLAYWRIGHT_BROWSERS_PATH or its cache). */
export async function playwrightChromiumPath() {
  const { chromium } = await import('playwright-core');
  return chromium.executablePath();
}

/** findBrowser for this machine. */
export async function findBrowserHere(env = process.env) {
  return findBrowser({ platform: process.platform, env, exists: isExecutable, playwrightChromium: await playwrightChromiumPath() });
}

/**
 * The browser `npm test` hands the end-to-end tests: NETWRIGHT_BROWSER when set, else found here.
 * What test/e2e/harness.ts and bench/browser.ts launch.
 */
export async function browserForTests(env = process.env) {
  const given = env[BROWSER_ENV];
  return given ? JSON.parse(given) : findBrowserHere(env);
}

/**
 * Find the browser; where there is none, run Playwright's installer once and look again.
 * `find` and `install` are given (the runner's real ones, or a test's); `log` says what happens.
 *
 * @param {{ find: () => Promise<import('./find-browser.d.mts').BrowserSearch>, install: () => boolean, log?: (line: string) => void }} steps
 */
export async function ensureBrowser({ find, install, log = () => undefined }) {
  const first = await find();
  if (!('missing' in first)) return first;
  log(`No Chromium, Chrome or Edge found: downloading Chromium with Playwright's installer (once, about 170 MB)…`);
  if (!install()) return first;
  return find();
}

/** Run Playwright's installer for Chromium, quietly; true when it succeeded. */
export function installChromium(env = process.env) {
  const cli = join(dirname(require.resolve('playwright-core/package.json')), 'cli.js');
  return spawnSync(process.execPath, [cli, ...INSTALL_ARGS], { env, stdio: 'ignore', timeout: 15 * 60_000 }).status === 0;
}

/**
 * Start the browser headless and close it: null when it starts, else one line saying why not
 * (a broken install, or libraries Playwright's Chromium lacks on this Linux).
 */
export async function browserStarts(browser) {
  const { chromium } = await import('playwright-core');
  try {
    const b = await chromium.launch({ ...browser, headless: true, timeout: 60_000, args: ['--no-sandbox', '--disable-gpu'] });
    await b.close();
    return null;
  } catch (e) {
    const first = String(/** @type {Error} */ (e).message ?? e).split('\n').find((l) => l.trim()) ?? 'it exited';
    const playwrights = 'executablePath' in browser && process.platform === 'linux' && browser.executablePath.includes('ms-playwright');
    const fix = playwrights ? ' (the libraries it needs: `sudo npx playwright-core install-deps chromium`)' : '';
    return `The browser for the end-to-end tests, ${describeBrowser(browser)}, does not start: ${first.trim()}${fix}. Set CHROMIUM_PATH to another, or reinstall it.`;
  }
}
