/**
 * The one wrapper every IPC handler goes through: it checks that the call comes from the app's
 * own top-level page, then hands the payload to the service, which validates it against the
 * API's schemas. Pure enough to test without Electron.
 */
export const APP_ORIGIN = 'app://netwright';
export const CALL_CHANNEL = 'netwright:call';
export const EVENT_CHANNEL = 'netwright:event';
/** The main process's own messages to the window (menu commands, files to open, close). */
export const APP_CHANNEL = 'netwright:app';

/** What the wrapper needs to know about the caller (a subset of Electron's IpcMainInvokeEvent). */
export interface Caller {
  senderFrame: { url: string; parent: unknown } | null;
}

/** True when a frame URL is the app's own page: `isAppUrl('app://netwright/index.html')`. */
export function isAppUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'app:' && u.host === 'netwright';
  } catch {
    return false;
  }
}

/** Wrap `handle(method, payload)` so calls from any other frame are refused. */
export function guardedHandler(handle: (method: unknown, payload: unknown) => Promise<unknown>) {
  return async (caller: Caller, method: unknown, payload: unknown): Promise<unknown> => {
    const frame = caller.senderFrame;
    if (!frame || frame.parent !== null || !isAppUrl(frame.url)) throw new Error('Refused: the call does not come from the Netwright window.');
    return handle(method, payload);
  };
}
