/**
 * The main process's guards around the window, as functions given the Electron objects they
 * configure (so tests pass stand-ins): navigation and redirects stay on the app's own page,
 * every permission is refused (asked for or only checked), the same Content-Security-Policy
 * goes on every response, and the `app://` protocol serves only its own host's files.
 */
import { contentSecurityPolicy } from '../../node/host/csp';
import { readStatic } from '../../node/host/static';
import { isAppUrl } from './ipc';

/** A navigation event as Electron passes it: the details (with `url` since Electron 25) and, for older listeners, the URL. */
interface NavigationEvent {
  url?: string;
  preventDefault(): void;
}

/** The navigation events of a webContents that could take the window (or a frame of it) elsewhere. */
export const NAVIGATION_EVENTS = ['will-navigate', 'will-redirect', 'will-frame-navigate'] as const;

/** What `guardNavigation` needs of a webContents (Electron's overloads are one per event, hence a cast at the call). */
export interface Navigable {
  on(event: (typeof NAVIGATION_EVENTS)[number], listener: (e: NavigationEvent, url?: string) => void): unknown;
}

/** Keep a webContents' page and its frames on `app://netwright/…`: `guardNavigation(win.webContents)`. */
export function guardNavigation(contents: Navigable): void {
  for (const event of NAVIGATION_EVENTS) {
    contents.on(event, (e, url) => {
      if (!isAppUrl(e.url ?? url ?? '')) e.preventDefault();
    });
  }
}

/** What `lockSession` configures of Electron's Session. */
export interface SessionLike {
  setPermissionRequestHandler(handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void) => void): void;
  setPermissionCheckHandler(handler: (webContents: unknown, permission: string) => boolean): void;
  webRequest: {
    onHeadersReceived(listener: (details: { responseHeaders?: Record<string, string[]> }, callback: (response: { responseHeaders: Record<string, string[]> }) => void) => void): void;
  };
}

/** Refuse every permission (requests and checks alike) and put the app's policy on every response. */
export function lockSession(session: SessionLike): void {
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [contentSecurityPolicy('')] } });
  });
}

/** The host the app's pages are served from: `app://netwright/index.html`. */
export const APP_HOST = 'netwright';

/**
 * The `app://` protocol's handler: the built renderer's files under `root` for
 * `app://netwright/…`, 404 for any other host or a path outside `root`.
 */
export function appProtocolHandler(root: string) {
  return async (request: { url: string }): Promise<Response> => {
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return notFound();
    }
    if (url.protocol !== 'app:' || url.host !== APP_HOST) return notFound();
    const file = await readStatic(root, url.pathname);
    if (!file) return notFound();
    return new Response(new Uint8Array(file.body), { headers: { 'content-type': file.type, 'content-security-policy': contentSecurityPolicy('') } });
  };
}

const notFound = () => new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain' } });
