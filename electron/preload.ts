/**
 * The preload exposes exactly the API bridge (call and onEvent) and nothing of Node or raw
 * ipcRenderer. The main process checks the caller and validates every payload.
 */
import { contextBridge, ipcRenderer } from 'electron';

const CALL_CHANNEL = 'netwright:call';
const EVENT_CHANNEL = 'netwright:event';

contextBridge.exposeInMainWorld('netwright', {
  call: (method: string, request: unknown) => ipcRenderer.invoke(CALL_CHANNEL, method, request),
  onEvent(listener: (event: unknown) => void) {
    const wrapped = (_e: unknown, event: unknown) => listener(event);
    ipcRenderer.on(EVENT_CHANNEL, wrapped);
    return () => ipcRenderer.removeListener(EVENT_CHANNEL, wrapped);
  },
});
