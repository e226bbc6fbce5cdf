/**
 * `dataset.cache`, `dataset.download` and `dataset.cancelDownload` through the service, against a
 * local server on 127.0.0.1 standing in for the official URL: progress events then done (and the
 * dataset is then in the cache), an error in one line, a cancel, and a second request joining
 * the download under way.
 */
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiEvent, CachedDataset, DownloadEvent } from '../../../shared/api';
import { createService } from '../../../node/service';
import { archiveServer, type ArchiveServer } from '../engine/archiveServer';

let server: ArchiveServer;
beforeAll(async () => {
  server = await archiveServer();
});
afterAll(() => server.close());

/** A service whose CIFAR-10 comes from `path` on the local server, and the download events it sent. */
function serviceAt(path: string) {
  const dataDir = mkdtempSync(join(tmpdir(), 'netwright-data-'));
  const events: Extract<ApiEvent, { type: 'download' }>[] = [];
  let ended: (e: DownloadEvent) => void = () => {};
  const end = new Promise<DownloadEvent>((resolve) => (ended = resolve));
  const service = createService({
    transport: 'browser',
    version: 'test',
    dataDir,
    datasetMirrors: { cifar10: { url: `${server.base}${path}`, md5: server.md5 } },
    emit: (e) => {
      if (e.type !== 'download') return;
      events.push(e);
      if (e.event.type !== 'progress') ended(e.event);
    },
  });
  const call = <T>(method: string, payload: unknown = {}) => service.handle(method, payload) as Promise<T>;
  const cache = async () => (await call<{ datasets: CachedDataset[] }>('dataset.cache')).datasets.find((d) => d.dataset === 'cifar10')!;
  return { dataDir, events, end, call, cache };
}

describe('dataset downloads through the service', () => {
  it('download into the cache with progress events, after which the dataset is present', async () => {
    const s = serviceAt('/cifar.tar.gz');
    expect(await s.cache()).toEqual({ dataset: 'cifar10', title: 'CIFAR-10', dir: join(s.dataDir, 'cache', 'cifar-10-batches-bin'), present: false, url: `${server.base}/cifar.tar.gz`, bytes: 170_052_171, downloading: null });
    const { id } = await s.call<{ id: string }>('dataset.download', { dataset: 'cifar10' });
    expect(await s.call<{ id: string }>('dataset.download', { dataset: 'cifar10' })).toEqual({ id });
    expect(await s.end).toEqual({ type: 'done', dir: join(s.dataDir, 'cache', 'cifar-10-batches-bin') });
    expect(s.events.every((e) => e.id === id && e.dataset === 'cifar10')).toBe(true);
    expect(s.events.at(-2)?.event).toEqual({ type: 'progress', received: server.body.length, total: server.body.length });
    expect(await s.cache()).toMatchObject({ present: true, downloading: null });
  });

  it('send the error in one line and keep nothing', async () => {
    const s = serviceAt('/gone.tar.gz');
    await s.call('dataset.download', { dataset: 'cifar10' });
    const end = await s.end;
    expect(end).toEqual({ type: 'error', message: expect.stringMatching(/^127\.0\.0\.1:\d+ answered HTTP 404 Not Found for CIFAR-10\. Download .* by other means and unpack it into .*cache \(it holds cifar-10-batches-bin\/\)\.$/) });
    expect(readdirSync(join(s.dataDir, 'cache'))).toEqual([]);
  });

  it('cancel on request, keeping nothing', async () => {
    const s = serviceAt('/held');
    const { id } = await s.call<{ id: string }>('dataset.download', { dataset: 'cifar10' });
    // Cancelled once bytes have arrived: the first progress event.
    await new Promise<void>((resolve) => {
      const wait = () => (s.events.length ? resolve() : setImmediate(wait));
      wait();
    });
    expect((await s.cache()).downloading).toBe(id);
    expect(await s.call('dataset.cancelDownload', { id })).toEqual({ cancelled: true });
    expect(await s.end).toEqual({ type: 'cancelled' });
    expect(await s.call('dataset.cancelDownload', { id })).toEqual({ cancelled: false });
    expect(existsSync(join(s.dataDir, 'cache', 'cifar-10-batches-bin'))).toBe(false);
    expect(readdirSync(join(s.dataDir, 'cache'))).toEqual([]);
  });

  it('refuse a dataset that cannot be downloaded', async () => {
    await expect(serviceAt('/x').call('dataset.download', { dataset: 'mnist' })).rejects.toThrow(/Invalid request for dataset.download at "dataset"/);
  });
});
