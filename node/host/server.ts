/**
 * The browser mode: the built renderer and the API (over a WebSocket) on 127.0.0.1 only,
 * guarded by a random per-launch token. The page URL carries the token; loading the page with
 * it sets a cookie so the page's own assets load. That cookie is not the token: browsers send
 * cookies to every port of 127.0.0.1, so it carries a separate per-launch asset key, under a
 * name with this server's port and a secret, which opens the app's static files and nothing
 * else. The WebSocket needs the token itself and an Origin of this very server. Every request
 * and upgrade must name this server in its Host header (127.0.0.1:PORT or localhost:PORT), so a
 * page on another name that resolves here (DNS rebinding) gets 403; the Host is never echoed.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { BROWSER_MESSAGE_BYTES, WsRequestSchema, type ApiEvent, type WsResponse } from '../../shared/api';
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
export const MAX_MESSAGE_BYTES = BROWSER_MESSAGE_BYTES;

const FORBIDDEN = 'Forbidden: open the URL that `netwright serve` printed (it carries the token).';

/** The Host headers this server answers: its own address and port, by number or as localhost. */
export const allowedHosts = (port: number) => [`127.0.0.1:${port}`, `localhost:${port}`];

export async function startHost(options: HostOptions) {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const root = options.root ?? distPath('renderer');
  // The asset cookie: its name ties it to this server (port, then a secret), its value is not the token.
  const cookieSecret = randomBytes(12).toString('base64url');
  const assetKey = randomBytes(24).toString('base64url');
  let port = 0; // known once listening; no request comes before
  const cookieName = () => `netwright_${port}_${cookieSecret}`;
  const sockets = new Set<WebSocket>();
  const emit = (event: ApiEvent) => {
    const frame = JSON.stringify({ event } satisfies WsResponse);
    for (const s of sockets) if (s.readyState === s.OPEN) s.send(frame);
  };
  const service = createService({ transport: 'browser', version: options.version, emit, spawnTrainer: options.spawnTrainer, dataDir: options.dataDir });
  const sameToken = (given: string | null | undefined) => sameSecret(given, token);
  const hostOk = (req: IncomingMessage) => allowedHosts(port).includes(req.headers.host?.toLowerCase() ?? '');

  const server = createServer((req, res) => void serveHttp(req, res));
  async function serveHttp(req: IncomingMessage, res: ServerResponse) {
    if (!hostOk(req)) {
      res.writeHead(403, { 'content-type': 'text/plain' }).end('Forbidden: this server answers only to its own address.');
      return;
    }
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const viaQuery = sameToken(url.searchParams.get('token'));
    if (!viaQuery && !sameSecret(cookieValue(req.headers.cookie, cookieName()), assetKey)) {
      res.writeHead(403, { 'content-type': 'text/plain' }).end(FORBIDDEN);
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
      // Fixed addresses, never the request's Host header.
      'content-security-policy': contentSecurityPolicy(allowedHosts(port).map((h) => `ws://${h}`).join(' ')),
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
      // The page URL carries the token: never send it on as a Referer.
      'referrer-policy': 'no-referrer',
    };
    if (viaQuery) headers['set-cookie'] = `${cookieName()}=${assetKey}; Path=/; HttpOnly; SameSite=Strict`;
    res.writeHead(200, headers).end(req.method === 'HEAD' ? undefined : file.body);
  }

  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxMessageBytes ?? MAX_MESSAGE_BYTES });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const originOk = allowedHosts(port).some((h) => req.headers.origin === `http://${h}`);
    if (!hostOk(req) || url.pathname !== '/api' || !sameToken(url.searchParams.get('token')) || !originOk) {
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
  port = (server.address() as AddressInfo).port;
  return {
    port,
    token,
    /** The asset cookie's name: `netwright_<port>_<per-launch secret>`. */
    cookieName: cookieName(),
    url: `http://127.0.0.1:${port}/?token=${token}`,
    async close() {
      service.stopAll();
      for (const s of sockets) s.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Compare a given secret with ours in constant time. */
function sameSecret(given: string | null | undefined, secret: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of header?.split(';') ?? []) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}
