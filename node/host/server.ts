/**
 * The browser mode: the built renderer and the API (over a WebSocket) on 127.0.0.1 only,
 * guarded by a random per-launch token. The page URL carries the token; loading the page with
 * it sets a same-site cookie so the page's own assets load; the WebSocket needs the token and
 * an Origin of this very server.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { WsRequestSchema, type ApiEvent, type WsResponse } from '../../shared/api';
import type { SpawnTrainer } from '../engine/process/runner';
import { distPath } from '../paths';
import { createService } from '../service';
import { contentSecurityPolicy } from './csp';
import { readStatic } from './static';

export interface HostOptions {
  port?: number;
  version: string;
  /** Folder of the built renderer (default dist/renderer). */
  root?: string;
  token?: string;
  spawnTrainer?: SpawnTrainer;
  /** The app's data folder (run history, caches); default NETWRIGHT_DATA_DIR or ~/.netwright. */
  dataDir?: string;
  /** Largest WebSocket message accepted (default MAX_MESSAGE_BYTES). */
  maxMessageBytes?: number;
}

/** Largest WebSocket message accepted: a big document, well under what could exhaust memory. */
export const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;
const COOKIE = 'netwright_token';

export async function startHost(options: HostOptions) {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const root = options.root ?? distPath('renderer');
  const sockets = new Set<WebSocket>();
  const emit = (event: ApiEvent) => {
    const frame = JSON.stringify({ event } satisfies WsResponse);
    for (const s of sockets) s.send(frame);
  };
  const service = createService({ transport: 'browser', version: options.version, emit, spawnTrainer: options.spawnTrainer, dataDir: options.dataDir });
  const sameToken = (given: string | null | undefined) => {
    if (!given) return false;
    const a = Buffer.from(given);
    const b = Buffer.from(token);
    return a.length === b.length && timingSafeEqual(a, b);
  };

  const server = createServer((req, res) => void serveHttp(req, res));
  async function serveHttp(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const viaQuery = sameToken(url.searchParams.get('token'));
    if (!viaQuery && !sameToken(cookieValue(req.headers.cookie, COOKIE))) {
      res.writeHead(403, { 'content-type': 'text/plain' }).end('Forbidden: open the URL that `netwright serve` printed (it carries the token).');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    const file = await readStatic(root, url.pathname);
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      return;
    }
    const headers: Record<string, string> = {
      'content-type': file.type,
      'content-security-policy': contentSecurityPolicy(`ws://${req.headers.host}`),
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    };
    if (viaQuery) headers['set-cookie'] = `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`;
    res.writeHead(200, headers).end(req.method === 'HEAD' ? undefined : file.body);
  }

  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxMessageBytes ?? MAX_MESSAGE_BYTES });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const port = (server.address() as AddressInfo).port;
    const originOk = req.headers.origin === `http://127.0.0.1:${port}` || req.headers.origin === `http://localhost:${port}`;
    if (url.pathname !== '/api' || !sameToken(url.searchParams.get('token')) || !originOk) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      ws.on('error', () => ws.terminate());
      ws.on('message', (data) => void answer(ws, String(data)));
    });
  });

  async function answer(ws: WebSocket, text: string) {
    let request;
    try {
      request = WsRequestSchema.parse(JSON.parse(text));
    } catch {
      ws.send(JSON.stringify({ id: -1, ok: false, error: 'Malformed message: expected {"id", "method", "payload"}.' } satisfies WsResponse));
      return;
    }
    let reply: WsResponse;
    try {
      reply = { id: request.id, ok: true, reply: await service.handle(request.method, request.payload) };
    } catch (e) {
      reply = { id: request.id, ok: false, error: (e as Error).message };
    }
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(reply));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    token,
    url: `http://127.0.0.1:${port}/?token=${token}`,
    async close() {
      service.stopAll();
      for (const s of sockets) s.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of header?.split(';') ?? []) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}
