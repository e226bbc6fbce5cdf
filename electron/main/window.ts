/**
 * The main window, with every Electron security default on and stated. Written as a literal
 * at the constructor so that both our tests (given a stand-in constructor) and the
 * Electronegativity scan see exactly what the window gets. Also where the window goes: its
 * size, position and maximised state are remembered in the data folder (window.json) and put
 * back at the next start, on a display that still exists; and what it shows of its document on
 * macOS (the edited dot in the close button, the file's proxy icon in the title bar).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileErrorCause, writeFileAtomic } from '../../node/files';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Where the window opens: a size, a position when one was remembered, and whether maximised. */
export interface WindowPlace {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export const DEFAULT_PLACE: WindowPlace = { width: 1400, height: 900, maximized: false };
/** The smallest remembered size put back (a window dragged tiny comes back usable). */
const MIN_SIZE = { width: 480, height: 360 };
/** How much of the title bar must be on a display for a remembered position to be used. */
const GRIP = { width: 120, height: 30 };

const isCount = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n);

/** How much of `a` and `b` overlap, as a rectangle's width and height. */
function overlap(a: Rect, b: Rect): { width: number; height: number } {
  return { width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x), height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y) };
}

/**
 * The remembered place, checked: a size (at least 480×360, at most the largest display), and
 * the position only when enough of the title bar lies on one of `displays` (their work areas),
 * so a window left on a monitor since unplugged opens centred instead. Anything unreadable gives
 * the default place.
 */
export function restorePlace(saved: unknown, displays: readonly Rect[]): WindowPlace {
  const s = (typeof saved === 'object' && saved !== null ? saved : {}) as Partial<Record<keyof WindowPlace, unknown>>;
  if (!isCount(s.width) || !isCount(s.height)) return DEFAULT_PLACE;
  const most = displays.reduce((m, d) => ({ width: Math.max(m.width, d.width), height: Math.max(m.height, d.height) }), { width: 0, height: 0 });
  const fit = (n: number, min: number, max: number) => Math.round(Math.max(min, max > 0 ? Math.min(n, max) : n));
  const place: WindowPlace = { width: fit(s.width, MIN_SIZE.width, most.width), height: fit(s.height, MIN_SIZE.height, most.height), maximized: s.maximized === true };
  if (isCount(s.x) && isCount(s.y)) {
    const titleBar = { x: Math.round(s.x), y: Math.round(s.y), width: place.width, height: GRIP.height };
    const onScreen = displays.some((d) => {
      const o = overlap(titleBar, d);
      return o.width >= Math.min(GRIP.width, place.width) && o.height >= GRIP.height;
    });
    if (onScreen) return { ...place, x: titleBar.x, y: titleBar.y };
  }
  return place;
}

/** What `placeStore` reads of a closing window. */
export interface PlacedWindow {
  getNormalBounds(): Rect;
  isMaximized(): boolean;
}

/** The remembered place in `dataDir`/window.json: `read()` (unchecked; see `restorePlace`), `save(win)` (never throws). */
export function placeStore(dataDir: string, warn: (message: string) => void = (m) => console.warn(m)) {
  const path = join(dataDir, 'window.json');
  return {
    path,
    read(): unknown {
      try {
        return JSON.parse(readFileSync(path, 'utf8'));
      } catch {
        return null;
      }
    },
    async save(win: PlacedWindow): Promise<void> {
      const { x, y, width, height } = win.getNormalBounds();
      try {
        await writeFileAtomic(path, JSON.stringify({ x, y, width, height, maximized: win.isMaximized() }) + '\n');
      } catch (e) {
        warn(`The window's size and place could not be kept (${fileErrorCause(e)}).`);
      }
    },
  };
}

/** What the window shows of its document: on macOS the edited dot and the file's proxy icon (elsewhere the title says it). */
export function showDocument(
  win: { setDocumentEdited?(edited: boolean): void; setRepresentedFilename?(path: string): void },
  state: { edited: boolean; path: string | null },
  platform: string,
): void {
  if (platform !== 'darwin') return;
  win.setDocumentEdited?.(state.edited);
  win.setRepresentedFilename?.(state.path ?? '');
}

/** Open the main window at `place` (maximise it after, when it was). */
export function openWindow<W>(BrowserWindow: new (options: object) => W, preload: string, place: WindowPlace = DEFAULT_PLACE): W {
  return new BrowserWindow({
    ...(place.x !== undefined && place.y !== undefined ? { x: place.x, y: place.y } : {}),
    width: place.width,
    height: place.height,
    title: 'Netwright',
    show: false,
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick',
    },
  });
}
