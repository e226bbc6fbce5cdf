/**
 * The window's title says which document is open and whether it has unsaved edits:
 * `• LeNet-5.netwright.json — Netwright`. The desktop app also hears of it (`app.window`), to mark
 * the window edited on macOS and show the file's proxy icon.
 */
import { api } from '../api';
import { documentLabel, isModified, useApp } from '../store/store';

/** `windowTitle('My net', true)` → `• My net — Netwright`. */
export const windowTitle = (label: string, edited: boolean): string => `${edited ? '• ' : ''}${label} — Netwright`;

/** Keep the title current; returns the function that stops. */
export function watchTitle(): () => void {
  let shown = '';
  const update = () => {
    const s = useApp.getState();
    const edited = isModified(s);
    const title = windowTitle(documentLabel(s), edited);
    const path = s.file?.path ?? null;
    const key = JSON.stringify([title, edited, path]);
    if (key === shown) return;
    shown = key;
    document.title = title;
    if (api().transport === 'electron') void api().call('app.window', { title, edited, path }).catch(() => undefined);
  };
  update();
  return useApp.subscribe(update);
}
