/** The browser mode's guards, proved with a raw HTTP and WebSocket client. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { saveDocument } from '../../../shared/graph/load';
import { lenet5 } from '../../../shared/templates/lenet5';
import { startHost } from '../../../node/host/server';

let host: Awaited<ReturnType<typeof startHost>>;
const root = mkdtempSync(join(tmpdir(), 'netwright-host-'));
writeFileSync(join(root, 'index.html'), '<!doctype html><title>Netwright</title>');

beforeAll(async () => {
  host = await startHost({ port: 0, version: 'test', root, maxMessageBytes: 1024 * 1024 });
});
afterAll(() => host.close());

const base = () => `http://127.0.0.1:${host.port}`;
const connect = (query: string, origin = base()) =>
  new Promise<WebSocket>((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api${query}`, { origin });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
const ask = (ws: WebSocket, frame: string) =>
  new Promise<any>((resolve) => {
    ws.once('message', (data) => resolve(JSON.parse(String(data))));
    ws.send(frame);
  });

describe('browser mode host', () => {
  it('listens on 127.0.0.1 only', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{20,}$/);
  });

  it('serves the page only with the token, then the cookie it sets', async () => {
    expect((await fetch(`${base()}/`)).status).toBe(403);
    expect((await fetch(`${base()}/?token=wrong`)).status).toBe(403);
    const ok = await fetch(`${base()}/?token=${host.token}`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-security-policy')).toContain("script-src 'self'");
    const cookie = ok.headers.get('set-cookie')!.split(';')[0]!;
    expect((await fetch(`${base()}/index.html`, { headers: { cookie } })).status).toBe(200);
    expect((await fetch(`${base()}/%2e%2e/%2e%2e/package.json`, { headers: { cookie } })).status).toBe(404);
  });

  it('refuses a WebSocket without the token or from another origin', async () => {
    await expect(connect('')).rejects.toThrow(/403/);
    await expect(connect('?token=nope')).rejects.toThrow(/403/);
    await expect(connect(`?token=${host.token}`, 'http://evil.example')).rejects.toThrow(/403/);
  });

  it('answers API calls and survives malformed, unknown and oversized messages', async () => {
    const ws = await connect(`?token=${host.token}`);
    expect(await ask(ws, 'not json')).toEqual({ id: -1, ok: false, error: expect.stringMatching(/^Malformed message/) });
    expect(await ask(ws, JSON.stringify({ id: 1, method: 'rm -rf', payload: {} }))).toMatchObject({ id: 1, ok: false, error: expect.stringMatching(/Unknown API method/) });
    expect(await ask(ws, JSON.stringify({ id: 2, method: 'summary', payload: { doc: { format: 'netwright' } } }))).toMatchObject({ id: 2, ok: false, error: expect.stringMatching(/^Invalid request for summary at "doc\./) });
    const reply = await ask(ws, JSON.stringify({ id: 3, method: 'summary', payload: { doc: JSON.parse(saveDocument(lenet5())) } }));
    expect(reply).toMatchObject({ id: 3, ok: true, reply: { totals: { params: 61706 }, errors: [] } });

    const closed = new Promise<number>((resolve) => ws.once('close', resolve));
    ws.send('x'.repeat(2 * 1024 * 1024));
    expect(await closed).toBe(1009); // "message too big"
    const again = await connect(`?token=${host.token}`);
    expect(await ask(again, JSON.stringify({ id: 4, method: 'engine.info', payload: {} }))).toMatchObject({ ok: true, reply: { engine: 'tfjs', transport: 'browser' } });
    again.close();
  });
});
