/** The API client for whichever shell the renderer runs in. */
import type { ApiClient } from '../../../shared/api';
import { browserClient } from './browser';
import { electronClient } from './electron';

let client: ApiClient | undefined;

/** `await api().call('templates.list', {})`. */
export function api(): ApiClient {
  return (client ??= window.netwright ? electronClient(window.netwright) : browserClient());
}

/** Where a dropped file is on disk, where the shell can tell (the desktop app); undefined in the browser. */
export function pathOfFile(file: File): string | undefined {
  return window.netwright?.pathForFile(file) || undefined;
}
