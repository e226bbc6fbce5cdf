// Types of find-browser.mjs, for test/e2e/harness.ts and bench/browser.ts.

/** A browser Playwright's `chromium.launch` takes as it is: by path, or by channel. */
export type Browser = { executablePath: string } | { channel: 'chrome' | 'msedge' };
/** A browser, or one line saying how to get one on this platform. */
export type BrowserSearch = Browser | { missing: string };

export const BROWSER_ENV: 'NETWRIGHT_BROWSER';
export const INSTALL_ARGS: string[];
export function browserFix(platform: string): string;
export function findBrowser(options: {
  platform: string;
  env: Record<string, string | undefined>;
  exists: (path: string) => boolean;
  playwrightChromium?: string;
}): BrowserSearch;
export function describeBrowser(browser: BrowserSearch): string;
export function isExecutable(file: string): boolean;
export function playwrightChromiumPath(): Promise<string>;
export function findBrowserHere(env?: Record<string, string | undefined>): Promise<BrowserSearch>;
export function browserForTests(env?: Record<string, string | undefined>): Promise<BrowserSearch>;
export function ensureBrowser(steps: { find: () => Promise<BrowserSearch>; install: () => boolean; log?: (line: string) => void }): Promise<BrowserSearch>;
export function installChromium(env?: Record<string, string | undefined>): boolean;
export function browserStarts(browser: Browser): Promise<string | null>;
