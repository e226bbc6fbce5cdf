/**
 * Downloading a template's published ImageNet weights into the cache, against a local HTTP server
 * on 127.0.0.1 serving a generated checkpoint (no test reaches the internet): a file whose SHA-256
 * starts with the prefix its name carries is kept and reads back as the tensors written; a wrong
 * hash, a dropped connection, a 404, a refused connection and a cancel each say what happened in
 * one line and keep nothing. Also the table's facts: torchvision's URLs and their hash prefixes.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DownloadCancelled, downloadFile, type DownloadProgress } from '../../../node/engine/data/download';
import { weightsCacheDir, weightsSource } from '../../../node/published-weights';
import { readPth } from '../../../shared/weights/pth';
import { hashPrefix, PUBLISHED_WEIGHTS, publishedFor, publishedUrl } from '../../../shared/weights/published';
import { checkpointServer, type CheckpointServer } from './checkpointServer';

let server: CheckpointServer;
beforeAll(async () => {
  server = await checkpointServer();
});
afterAll(() => server.close());

const cache = () => mkdtempSync(join(tmpdir(), 'netwright-cache-'));
/** What to fetch for `entry` from the server's folder `folder`. */
const source = (cacheDir: string, entry = server.good, folder = 'models') => weightsSource(entry, cacheDir, `${server.origin}/${folder}/`);
const byHand = (cacheDir: string, url: string) => `Download ${url} by other means and load it with "Load weights from a file…" (or put it in ${weightsCacheDir(cacheDir)}).`;

describe('the published weights table', () => {
  it("names torchvision's IMAGENET1K_V1 checkpoints for the templates with torchvision's layer names", () => {
    expect(PUBLISHED_WEIGHTS.map((w) => publishedUrl(w))).toEqual([
      'https://download.pytorch.org/models/resnet18-f37072fd.pth',
      'https://download.pytorch.org/models/resnet34-b627a593.pth',
      'https://download.pytorch.org/models/resnet50-0676ba61.pth',
      'https://download.pytorch.org/models/resnet101-63fe2227.pth',
      'https://download.pytorch.org/models/resnet152-394f9c45.pth',
      'https://download.pytorch.org/models/vgg16-397923af.pth',
      'https://download.pytorch.org/models/vgg19-dcbb9e9d.pth',
      'https://download.pytorch.org/models/alexnet-owt-7be5be79.pth',
      'https://download.pytorch.org/models/densenet121-a639ec97.pth',
    ]);
    expect(PUBLISHED_WEIGHTS.every((w) => /^[0-9a-f]{8}$/.test(hashPrefix(w.file) ?? ''))).toBe(true);
    expect([publishedFor('alexnet-tv')?.file, publishedFor('DenseNet-121')?.template, publishedFor('googlenet')]).toEqual(['alexnet-owt-7be5be79.pth', 'densenet121', undefined]);
  });

  it("reads the hash prefix from a name as torch.hub does", () => {
    expect([hashPrefix('resnet18-f37072fd.pth'), hashPrefix('alexnet-owt-7be5be79.pth'), hashPrefix('model.pth'), hashPrefix('resnet18-F37072FD.pth')]).toEqual(['f37072fd', '7be5be79', undefined, undefined]);
  });
});

describe('downloading published weights', () => {
  it('fetches, checks the SHA-256 prefix, reports progress and keeps the file under its name', async () => {
    const dir = cache();
    const progress: DownloadProgress[] = [];
    const path = await downloadFile(source(dir), weightsCacheDir(dir), { onProgress: (p) => progress.push(p) });
    expect(path).toBe(join(dir, 'weights', server.good.file));
    expect(readdirSync(weightsCacheDir(dir))).toEqual([server.good.file]);
    expect(readPth(readFileSync(path), path).get('fc.weight')?.data).toEqual(server.tensors.get('fc.weight')!.data);
    expect(progress.at(-1)).toEqual({ received: server.body.length, total: server.body.length });
    expect(progress.every((p, i) => i === 0 || p.received >= progress[i - 1]!.received)).toBe(true);
  });

  it('keeps nothing when the SHA-256 does not start with the prefix in the name', async () => {
    const dir = cache();
    const url = `${server.origin}/models/${server.wrong.file}`;
    await expect(downloadFile(source(dir, server.wrong), weightsCacheDir(dir))).rejects.toThrow(
      `The file from ${url} has SHA-256 ${server.sha256}, which does not start with the ${hashPrefix(server.wrong.file)} its name carries: it was damaged or changed on the way; nothing was kept.`,
    );
    expect(readdirSync(weightsCacheDir(dir))).toEqual([]);
  });

  it('keeps nothing when the connection drops mid-way', async () => {
    const dir = cache();
    const url = `${server.origin}/dropped/${server.good.file}`;
    const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;
    await expect(downloadFile(source(dir, server.good, 'dropped'), weightsCacheDir(dir))).rejects.toThrow(
      new RegExp(`^The download of ${url.replace(/[.]/g, '\\.')} was cut off after \\d+\\.\\d MB of ${mb(server.body.length).replace('.', '\\.')}; nothing was kept\\. Try again\\.$`),
    );
    expect(readdirSync(weightsCacheDir(dir))).toEqual([]);
  });

  it('says in one line that the server has no such file, naming the URL and the file to load instead', async () => {
    const dir = cache();
    const url = `${server.origin}/gone/${server.good.file}`;
    await expect(downloadFile(source(dir, server.good, 'gone'), weightsCacheDir(dir))).rejects.toThrow(`${new URL(url).host} answered HTTP 404 Not Found for ResNet-18's ImageNet weights. ${byHand(dir, url)}`);
    expect(readdirSync(weightsCacheDir(dir))).toEqual([]);
  });

  it('says in one line that there is no network when the server cannot be reached', async () => {
    const dir = cache();
    const closed = await checkpointServer();
    await closed.close();
    const entry = weightsSource(server.good, dir, closed.base);
    const error = await downloadFile(entry, weightsCacheDir(dir)).catch((e: Error) => e);
    expect((error as Error).message).toBe(`No network: ${new URL(closed.base).host} cannot be reached (ECONNREFUSED). ${byHand(dir, entry.url)}`);
    expect((error as Error).message).not.toContain('\n');
    expect(readdirSync(weightsCacheDir(dir))).toEqual([]);
  });

  it('cancels mid-way and keeps nothing', async () => {
    const dir = cache();
    const abort = new AbortController();
    const download = downloadFile(source(dir, server.good, 'held'), weightsCacheDir(dir), { signal: abort.signal, onProgress: () => abort.abort() });
    await expect(download).rejects.toBeInstanceOf(DownloadCancelled);
    expect(readdirSync(weightsCacheDir(dir))).toEqual([]);
  });
});
