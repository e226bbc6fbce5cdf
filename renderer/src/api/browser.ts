/**
 * The API over the browser mode's WebSocket. The per-launch token comes from the page URL
 * (`?token=…`, printed by `netwright serve`) and goes with the socket's URL.
 */
import { ApiEventSchema, type ApiClient, type ApiEvent, type Method, type ReplyOf, type RequestOf, type WsResponse } from '../../../shared/api';

export function browserClient(location: Location = window.location): ApiClient {
  const token = new URLSearchParams(location.search).get('token') ?? '';
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api?token=${encodeURIComponent(token)}`;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const listeners = new Set<(e: ApiEvent) => void>();
  let nextId = 1;
  let socket: Promise<WebSocket> | undefined;

  const connect = () =>
    (socket ??= new Promise<WebSocket>((resolve, reject) => {
      const ws = new WebSocket(url);
      ws.onopen = () => resolve(ws);
      ws.onerror = () => reject(new Error('Cannot reach the Netwright server. Is `netwright serve` still running?'));
      ws.onclose = () => {
        socket = undefined;
        for (const p of pending.values()) p.reject(new Error('The connection to the Netwright server closed.'));
        pending.clear();
      };
      ws.onmessage = (m) => {
        const msg = JSON.parse(String(m.data)) as WsResponse;
        if ('event' in msg) {
          const event = ApiEventSchema.safeParse(msg.event);
          if (event.success) for (const l of listeners) l(event.data);
          return;
        }
        const p = pending.get(msg.id);
        pending.delete(msg.id);
        if (msg.ok) p?.resolve(msg.reply);
        else p?.reject(new Error(msg.error));
      };
    }));

  return {
    transport: 'browser',
    async call<M extends Method>(method: M, request: RequestOf<M>): Promise<ReplyOf<M>> {
      const ws = await connect();
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        ws.send(JSON.stringify({ id, method, payload: request }));
      });
    },
    onEvent(listener) {
      listeners.add(listener);
      void connect().catch(() => undefined);
      return () => listeners.delete(listener);
    },
    // Only the desktop app's main process sends these.
    onAppEvent: () => () => undefined,
  };
}
