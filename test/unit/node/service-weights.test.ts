/**
 * `weights.download` and `weights.cancelDownload` through the service, against a local server on
 * 127.0.0.1 standing in for torchvision's folder with a generated checkpoint: progress events then
 * done with the cached file (asked again: its path, no download), an error in one line, a cancel,
 * and `predict` with published weights not yet downloaded saying how to get them.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiEvent, DownloadEvent } from '../../../shared/api';
import { createService } from '../../../node/service';
import { checkpointServer, type CheckpointServer } from '../engine/checkpointServer';
import { tinyDoc } from './tinyDoc';

let server: CheckpointServer;
beforeAll(async () => {
  server = await checkpointServer();
});
afterAll(() => server.close());

type Reply = { id: string; url: string; path: string | null };

/** A service whose published weights come from the server's `folder`, and the `weights` events it sent. */
function serviceAt(folder: string) {
  const dataDir = mkdtempSync(join(tmpdir(), 'netwright-data-'));
  const events: Extract<ApiEvent, { type: 'weights' }>[] = [];
  let ended: (e: DownloadEvent) => void = () => {};
  const end = new Promise<DownloadEvent>((resolve) => (ended = resolve));
  const service = createService({
    transport: 'browser',
    version: 'test',
    dataDir,
    publishedWeights: { base: `${server.origin}/${folder}/`, table: [server.good] },
    emit: (e) => {
      if (e.type !== 'weights') return;
      events.push(e);
      if (e.event.type !== 'progress') ended(e.event);
    },
  });
  const call = <T>(method: string, payload: unknown = {}) => service.handle(method, payload) as Promise<T>;
  return { dataDir, weightsDir: join(dataDir, 'cache', 'weights'), events, end, call };
}

describe('published weights through the service', () => {
  it('download into the cache with progress events; asked again, the cached file', async () => {
    const s = serviceAt('models');
    const url = `${server.origin}/models/${server.good.file}`;
    const { id, ...first } = await s.call<Reply>('weights.download', { template: 'resnet18' });
    expect(first).toEqual({ url, path: null });
    expect(await s.call<Reply>('weights.download', { template: 'ResNet-18' })).toEqual({ id, url, path: null });
    const file = join(s.weightsDir, server.good.file);
    expect(await s.end).toEqual({ type: 'done', dir: s.weightsDir, file });
    expect(s.events.every((e) => e.id === id && e.template === 'resnet18')).toBe(true);
    expect(s.events.at(-2)?.event).toEqual({ type: 'progress', received: server.body.length, total: server.body.length });
    expect(readFileSync(file).equals(server.body)).toBe(true);
    expect(await s.call<Reply>('weights.download', { template: 'resnet18' })).toEqual({ id: '', url, path: file });
  });

  it('send the error in one line and keep nothing', async () => {
    const s = serviceAt('gone');
    await s.call('weights.download', { template: 'resnet18' });
    const url = `${server.origin}/gone/${server.good.file}`;
    expect(await s.end).toEqual({ type: 'error', message: `${new URL(url).host} answered HTTP 404 Not Found for ResNet-18's ImageNet weights. Download ${url} by other means and load it with "Load weights from a file…" (or put it in ${s.weightsDir}).` });
    expect(readdirSync(s.weightsDir)).toEqual([]);
  });

  it('cancel on request, keeping nothing', async () => {
    const s = serviceAt('held');
    const { id } = await s.call<Reply>('weights.download', { template: 'resnet18' });
    // Cancelled once bytes have arrived: the first progress event.
    await new Promise<void>((resolve) => {
      const wait = () => (s.events.length ? resolve() : setImmediate(wait));
      wait();
    });
    expect(await s.call('weights.cancelDownload', { id })).toEqual({ cancelled: true });
    expect(await s.end).toEqual({ type: 'cancelled' });
    expect(await s.call('weights.cancelDownload', { id })).toEqual({ cancelled: false });
    expect(readdirSync(s.weightsDir)).toEqual([]);
  });

  it('refuse a template without published weights, naming those with', async () => {
    await expect(serviceAt('models').call('weights.download', { template: 'googlenet' })).rejects.toThrow('googlenet has no published ImageNet weights; these templates have: resnet18.');
  });

  it('predict with published weights not downloaded yet says how to get them', async () => {
    const s = serviceAt('models');
    await expect(s.call('predict', { doc: tinyDoc(), weights: { published: 'resnet18' }, image: { base64: '' } })).rejects.toThrow(
      "ResNet-18's ImageNet weights are not in the cache yet: download them first (Download ImageNet weights, or netwright weights download resnet18).",
    );
  });
});
