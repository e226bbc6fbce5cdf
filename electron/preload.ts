/**
 * The preload exposes exactly the API bridge (call and onEvent), the main process's messages to
 * the window (onAppEvent: menu commands, files to open, close), and the path of a file dropped
 * on the window (pathForFile), and nothing of Node or raw ipcRenderer. The main process checks
 * the caller and validates every payload; the page checks every app event.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';

const CALL_CHANNEL = 'netwright:call';
const EVENT_CHANNEL = 'netwright:event';
const APP_CHANNEL = 'netwright:app';

/** Forward one channel's messages to `listener`; returns the function that stops. */
function listen(channel: string, listener: (event: unknown) => void): () => void {
  const wrapped = (_e: unknown, event: unknown) => listener(event);
  ipcRenderer.on(channel, wrapped);
  return () => ipcRenderer.removeListener(channel, wrapped);
}

contextBridge.exposeInMainWorld('netwright', {
  call: (method: string, request: unknown) => ipcRenderer.invoke(CALL_CHANNEL, method, request),
  onEvent: (listener: (event: unknown) => void) => listen(EVENT_CHANNEL, listener),
  onAppEvent: (listener: (event: unknown) => void) => listen(APP_CHANNEL, listener),
  pathForFile: (file: Parameters<typeof webUtils.getPathForFile>[0]): string => {
    try {
      return webUtils.getPathForFile(file);
    } catch {
      return '';
    }
  },
});
