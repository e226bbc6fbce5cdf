/**
 * The recent files in the operating system: macOS's File → Open Recent and Dock menu, Windows'
 * jump list (Electron offers no such list on Linux: there the app's own menus show them). The
 * list itself is the engine service's (node/recent.ts, shared with the browser mode); this hands
 * it to the OS, oldest first so the newest ends on top. Pure: Electron's `app` is passed in.
 */
import type { RecentFile } from '../../node/recent';

export interface RecentDocuments {
  clearRecentDocuments?(): void;
  addRecentDocument?(path: string): void;
}

/** Make the OS's recent documents the app's list: `syncRecentDocuments(app, files, process.platform)`. */
export function syncRecentDocuments(app: RecentDocuments, files: readonly RecentFile[], platform: string): void {
  if (platform !== 'darwin' && platform !== 'win32') return;
  app.clearRecentDocuments?.();
  for (const f of [...files].reverse()) app.addRecentDocument?.(f.path);
}
