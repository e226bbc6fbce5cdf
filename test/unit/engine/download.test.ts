/**
 * Downloading CIFAR's archive into the cache, against a local HTTP server on 127.0.0.1 serving a
 * generated .tar.gz (no test reaches the internet): a good archive unpacks and trains, and a wrong
 * checksum, a connection dropped mid-way, a 404, a refused connection and a cancel each say what
 * happened in one line and leave the cache empty.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cifarArchive } from '../../../node/engine/data/cifar';
import { DownloadCancelled, downloadArchive, type DownloadProgress } from '../../../node/engine/data/download';
import { loadDataset } from '../../../node/engine/data/load';
import { archiveServer, type ArchiveServer } from './archiveServer';

let server: ArchiveServer;
let base: string;
let body: Buffer;
let md5: string;

beforeAll(async () => {
  server = await archiveServer();
  ({ base, body, md5 } = server);
});

afterAll(() => server.close());

const cache = () => mkdtempSync(join(tmpdir(), 'netwright-cache-'));
const source = (path: string, sum = md5) => cifarArchive('cifar10', { url: `${base}${path}`, md5: sum });

describe('downloading CIFAR-10', () => {
  it('fetches, checks the MD5, reports progress and unpacks only the dataset folder into the cache', async () => {
    const dir = cache();
    const progress: DownloadProgress[] = [];
    const target = await downloadArchive(source('/cifar.tar.gz'), dir, { onProgress: (p) => progress.push(p) });
    expect(target).toBe(join(dir, 'cifar-10-batches-bin'));
    expect(readdirSync(dir)).toEqual(['cifar-10-batches-bin']);
    expect(readdirSync(target).sort()).toEqual(['batches.meta.txt', 'data_batch_1.bin', 'data_batch_2.bin', 'data_batch_3.bin', 'data_batch_4.bin', 'data_batch_5.bin', 'test_batch.bin']);
    expect(progress.at(-1)).toEqual({ received: body.length, total: body.length });
    expect(progress.every((p, i) => i === 0 || p.received >= progress[i - 1]!.received)).toBe(true);
    const data = await loadDataset('cifar10', { seed: 1, validationSplit: 0.2, input: [32, 32, 3], cacheDir: dir });
    expect([data.train.count, data.val.count, data.classNames[0]]).toEqual([20, 5, 'airplane']);
  });

  it('follows a redirect, and replaces an earlier copy whole', async () => {
    const dir = cache();
    mkdirSync(join(dir, 'cifar-10-batches-bin'));
    writeFileSync(join(dir, 'cifar-10-batches-bin', 'stale.bin'), 'old');
    await downloadArchive(source('/moved'), dir);
    expect(existsSync(join(dir, 'cifar-10-batches-bin', 'stale.bin'))).toBe(false);
    expect(existsSync(join(dir, 'cifar-10-batches-bin', 'test_batch.bin'))).toBe(true);
    expect(readdirSync(dir)).toEqual(['cifar-10-batches-bin']);
  });

  it('keeps nothing when the MD5 is not the published one', async () => {
    const dir = cache();
    await expect(downloadArchive(source('/cifar.tar.gz', 'c32a1d4ab5d03f1284b67883e8d87530'), dir)).rejects.toThrow(
      `The archive from ${base}/cifar.tar.gz has MD5 ${md5}, not the published c32a1d4ab5d03f1284b67883e8d87530: it was damaged or changed on the way; nothing was kept.`,
    );
    expect(readdirSync(dir)).toEqual([]);
  });

  it('keeps nothing when the connection drops mid-way', async () => {
    const dir = cache();
    await expect(downloadArchive(source('/dropped'), dir)).rejects.toThrow(new RegExp(`^The download of ${base}/dropped was cut off after \\d+\\.\\d MB of \\d+\\.\\d MB; nothing was kept\\. Try again\\.$`));
    expect(readdirSync(dir)).toEqual([]);
  });

  it('says what a 404 is, naming the URL and the folder to unpack into', async () => {
    const dir = cache();
    await expect(downloadArchive(source('/nothing-here.tar.gz'), dir)).rejects.toThrow(
      `${new URL(base).host} answered HTTP 404 Not Found for CIFAR-10. Download ${base}/nothing-here.tar.gz by other means and unpack it into ${dir} (it holds cifar-10-batches-bin/).`,
    );
    expect(readdirSync(dir)).toEqual([]);
  });

  it('says in one line that the network cannot be reached', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/cifar.tar.gz`;
    await new Promise((resolve) => closed.close(resolve));
    const dir = cache();
    const error = await downloadArchive(cifarArchive('cifar10', { url }), dir).catch((e: Error) => e);
    expect((error as Error).message).toBe(`No network: ${new URL(url).host} cannot be reached (ECONNREFUSED). Download ${url} by other means and unpack it into ${dir} (it holds cifar-10-batches-bin/).`);
    expect((error as Error).message).not.toContain('\n');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('stops when cancelled and keeps nothing', async () => {
    const dir = cache();
    const abort = new AbortController();
    const download = downloadArchive(source('/held'), dir, { signal: abort.signal, onProgress: () => abort.abort() });
    await expect(download).rejects.toBeInstanceOf(DownloadCancelled);
    await expect(download).rejects.toThrow('The download was cancelled; nothing was kept.');
    expect(readdirSync(dir)).toEqual([]);
  });
});
