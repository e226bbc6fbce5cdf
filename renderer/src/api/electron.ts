/**
 * The API inside Electron: the preload script exposes `window.netwright` through
 * contextBridge with exactly these two functions.
 */
import type { ApiClient, ApiEvent, Method, ReplyOf, RequestOf } from '../../../shared/api';

export interface PreloadBridge {
  call(method: string, request: unknown): Promise<unknown>;
  onEvent(listener: (event: ApiEvent) => void): () => void;
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
  };
}
