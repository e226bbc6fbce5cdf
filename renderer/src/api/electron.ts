/**
 * The API inside Electron: the preload script exposes `window.netwright` through
 * contextBridge with exactly these functions: the API's call and events, the main process's
 * messages to the window (checked against their schema here), and the path of a dropped file.
 */
import { AppEventSchema, type ApiClient, type ApiEvent, type AppEvent, type Method, type ReplyOf, type RequestOf } from '../../../shared/api';

export interface PreloadBridge {
  call(method: string, request: unknown): Promise<unknown>;
  onEvent(listener: (event: ApiEvent) => void): () => void;
  onAppEvent(listener: (event: unknown) => void): () => void;
  /** Where a dropped file is on disk (Electron's webUtils.getPathForFile); empty when it is not a file on disk. */
  pathForFile(file: File): string;
}

declare global {
  interface Window {
    netwright?: PreloadBridge;
  }
}

export function electronClient(bridge: PreloadBridge): ApiClient {
  return {
    transport: 'electron',
    call: <M extends Method>(method: M, request: RequestOf<M>) => bridge.call(method, request) as Promise<ReplyOf<M>>,
    onEvent: (listener) => bridge.onEvent(listener),
    onAppEvent: (listener: (event: AppEvent) => void) =>
      bridge.onAppEvent((raw) => {
        const event = AppEventSchema.safeParse(raw);
        if (event.success) listener(event.data);
      }),
  };
}
