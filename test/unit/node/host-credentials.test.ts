/**
 * The browser mode's credentials stay with their server. Browsers send a host's cookies to
 * every port of it, so the cookie never holds the token: it holds a per-launch asset key, under
 * a name with the port and a secret, that opens the app's files and nothing else. A request or
 * WebSocket upgrade naming any other Host (DNS rebinding) gets 403, and the Host is never echoed.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, request, type IncomingHttpHeaders } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startHost } from '../../../node/host/server';
import { browserForTests, type Browser } from '../../../scripts/find-browser.mjs';
import { describeWhen } from '../../skip';

const root = mkdtempSync(join(tmpdir(), 'netwright-credentials-'));
writeFileSync(join(root, 'index.html'), '<!doctype html><title>Netwright</title><script src="/app.js"></script>');
writeFileSync(join(root, 'app.js'), "document.title = 'assets loaded';");

let host: Awaited<ReturnType<typeof startHost>>;
let other: Awaited<ReturnType<typeof startHost>>;
beforeAll(async () => {
  host = await startHost({ port: 0, version: 'test', root });
  other = await startHost({ port: 0, version: 'test', root });
});
afterAll(async () => {
  await host.close();
  await other.close();
});

/** A raw HTTP GET with any Host header: status, headers and body. */
const raw = (port: number, path: string, headers: Record<string, string>) =>
  new Promise<{ status: number; headers: IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject).end();
  });
const setCookie = async (h: typeof host) => (await fetch(h.url)).headers.get('set-cookie')!;

describe('the asset cookie', () => {
  it('is named for this server — its port and a per-launch secret — and its value is not the token', async () => {
    const cookie = await setCookie(host);
    const [pair, ...attributes] = cookie.split(';').map((s) => s.trim());
    const [name, value] = pair!.split('=');
    expect(name).toMatch(new RegExp(`^netwright_${host.port}_[A-Za-z0-9_-]{16,}$`));
    expect(name).toBe(host.cookieName);
    expect(value).not.toBe(host.token);
    expect(value!.length).toBeGreaterThanOrEqual(32);
    expect(attributes.sort()).toEqual(['HttpOnly', 'Path=/', 'SameSite=Strict']);
    // The secret is per launch, not a function of the port: another server's differs in more than its port.
    const secret = (n: string) => n.split('_').slice(2).join('_');
    expect(secret(other.cookieName)).not.toBe(secret(host.cookieName));
    expect(await setCookie(host)).toBe(cookie); // the same for this launch
  });

  it('opens this server’s files only: not another server’s, and a cookie holding the token opens nothing', async () => {
    const mine = (await setCookie(host)).split(';')[0]!;
    const theirs = (await setCookie(other)).split(';')[0]!;
    const get = (h: typeof host, cookie: string) => fetch(`http://127.0.0.1:${h.port}/app.js`, { headers: { cookie } }).then((r) => r.status);
    expect(await get(host, mine)).toBe(200);
    expect(await get(host, theirs)).toBe(403);
    expect(await get(host, `${host.cookieName}=${host.token}`)).toBe(403);
    expect(await get(host, `netwright_token=${host.token}`)).toBe(403);
    expect(await get(host, `${other.cookieName}=${mine.split('=')[1]}`)).toBe(403);
  });

  it('the page never sends its URL (with the token) on as a Referer', async () => {
    expect((await fetch(host.url)).headers.get('referrer-policy')).toBe('no-referrer');
  });
});

describe('the Host header', () => {
  const forged = ['rebound.attacker.example', 'rebound.attacker.example:PORT', '127.0.0.1', '127.0.0.1:1', 'localhost', 'evil.127.0.0.1.nip.io:PORT', 'localhost.:PORT', '[::1]:PORT'];

  it.each(forged)('%j gets 403 over HTTP, even with the token, and is echoed nowhere', async (value) => {
    const forgedHost = value.replace('PORT', String(host.port));
    const r = await raw(host.port, `/?token=${host.token}`, { host: forgedHost });
    expect(r.status).toBe(403);
    expect(r.headers['set-cookie']).toBeUndefined();
    expect(JSON.stringify(r.headers) + r.body).not.toContain(forgedHost);
    expect(r.body).toBe('Forbidden: this server answers only to its own address.');
  });

  it('a request without a Host header gets 403', async () => {
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = connect(host.port, '127.0.0.1', () => socket.end(`GET /?token=${host.token} HTTP/1.0\r\n\r\n`));
      let text = '';
      socket.setEncoding('utf8').on('data', (c: string) => (text += c)).on('end', () => resolve(text)).on('error', reject);
    });
    expect(reply).toMatch(/^HTTP\/1\.1 403 /);
  });

  it.each(forged)('%j gets 403 on the WebSocket upgrade, even with the token and the right Origin', async (value) => {
    const forgedHost = value.replace('PORT', String(host.port));
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api?token=${host.token}`, { origin: `http://127.0.0.1:${host.port}`, headers: { host: forgedHost } });
    await expect(new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject))).rejects.toThrow(/403/);
  });

  it('127.0.0.1:PORT and localhost:PORT are served, and the policy names those, never the Host it was sent', async () => {
    for (const name of [`127.0.0.1:${host.port}`, `localhost:${host.port}`, `LOCALHOST:${host.port}`]) {
      const r = await raw(host.port, `/?token=${host.token}`, { host: name });
      expect(r.status).toBe(200);
      expect(r.headers['content-security-policy']).toContain(`connect-src 'self' ws://127.0.0.1:${host.port} ws://localhost:${host.port};`);
    }
    const ws = new WebSocket(`ws://localhost:${host.port}/api?token=${host.token}`, { origin: `http://localhost:${host.port}` });
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    ws.close();
  });
});

const found = await browserForTests();
if ('missing' in found) console.warn(`Skipping the browser test of the cookie: ${found.missing}`);

describeWhen(!('missing' in found), 'browser')('in a real browser', () => {
  it('a page of another server on 127.0.0.1, visited after the app, receives no token — in no cookie, no Referer, no header', async () => {
    const seen: { url: string; headers: IncomingHttpHeaders }[] = [];
    const spy = createServer((req, res) => {
      seen.push({ url: req.url ?? '', headers: req.headers });
      res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>another server</title>');
    });
    await new Promise<void>((resolve) => spy.listen(0, '127.0.0.1', resolve));
    const spyUrl = `http://127.0.0.1:${(spy.address() as AddressInfo).port}/`;
    const browser = await chromium.launch({ ...(found as Browser), headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
    try {
      const page = await browser.newPage();
      await page.goto(host.url);
      await page.waitForFunction(() => document.title === 'assets loaded'); // the cookie opened /app.js
      const cookies = await page.context().cookies();
      expect(cookies.map((c) => c.name)).toEqual([host.cookieName]);
      // Leave the app from the page itself (as a link would), then again by typing the address.
      await page.evaluate((url) => (location.href = url), `${spyUrl}from-the-page`);
      await page.waitForURL(`${spyUrl}from-the-page`);
      await page.goto(`${spyUrl}typed`);
      expect(seen.map((s) => s.url)).toEqual(expect.arrayContaining(['/from-the-page', '/typed']));
      for (const { headers } of seen) {
        expect(JSON.stringify(headers)).not.toContain(host.token);
        expect(headers.referer ?? '').not.toContain('token');
      }
      // Browsers ignore ports: the asset cookie does reach the other server, which is why it is not the token.
      expect(seen.some((s) => s.headers.cookie?.includes(host.cookieName))).toBe(true);
    } finally {
      await browser.close();
      spy.close();
    }
  });
});
