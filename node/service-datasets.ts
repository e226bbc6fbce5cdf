/**
 * The engine service's dataset downloads: which downloadable datasets are in the data folder's
 * cache, a download started (one per dataset at a time: asking again joins it) whose progress
 * and end reach every window as `download` events, and cancelling one.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ApiEvent, DownloadEvent, methods, ReplyOf } from '../shared/api';
import { DOWNLOADABLE_DATASETS, type DownloadableDataset } from '../shared/datasets';
import { cifarArchive } from './engine/data/cifar';
import { DownloadCancelled, downloadArchive } from './engine/data/download';

type DatasetMethod = 'dataset.cache' | 'dataset.download' | 'dataset.cancelDownload';
export type DatasetHandlers = { [M in DatasetMethod]: (request: ReturnType<(typeof methods)[M]['request']['parse']>) => Promise<ReplyOf<M>> };

/** Another URL (and the MD5 of what it serves) for a dataset's archive: a mirror, or a test's local server. */
export type Mirrors = Partial<Record<DownloadableDataset, { url: string; md5: string }>>;

export interface DatasetsHost {
  emit(event: ApiEvent): void;
  /** The data folder's cache, where downloads are unpacked. */
  cacheDir: string;
  mirrors?: Mirrors;
}

/** Whether every file a dataset needs is in the cache. */
export function inCache(dataset: DownloadableDataset, cacheDir: string): boolean {
  const archive = cifarArchive(dataset);
  return archive.files.every((f) => existsSync(join(cacheDir, archive.folder, f)));
}

/** `datasetHandlers({ emit, cacheDir })`: the handlers, and `cancelAll()` for when the app quits. */
export function datasetHandlers(host: DatasetsHost): { handlers: DatasetHandlers; cancelAll(): void } {
  const active = new Map<DownloadableDataset, { id: string; abort: AbortController }>();
  const handlers: DatasetHandlers = {
    'dataset.cache': async () => ({
      datasets: DOWNLOADABLE_DATASETS.map((dataset) => {
        const archive = cifarArchive(dataset, host.mirrors?.[dataset]);
        return { dataset, title: archive.title, dir: join(host.cacheDir, archive.folder), present: inCache(dataset, host.cacheDir), url: archive.url, bytes: archive.bytes, downloading: active.get(dataset)?.id ?? null };
      }),
    }),
    'dataset.download': async ({ dataset }) => {
      const running = active.get(dataset);
      if (running) return { id: running.id };
      const id = randomUUID();
      const abort = new AbortController();
      active.set(dataset, { id, abort });
      const send = (event: DownloadEvent) => host.emit({ type: 'download', id, dataset, event });
      // The end is sent once the download is no longer listed, so that a window asking `dataset.cache` then sees it present.
      const end = (event: DownloadEvent) => {
        active.delete(dataset);
        send(event);
      };
      void downloadArchive(cifarArchive(dataset, host.mirrors?.[dataset]), host.cacheDir, { signal: abort.signal, onProgress: (p) => send({ type: 'progress', ...p }) }).then(
        (dir) => end({ type: 'done', dir }),
        (e: unknown) => end(e instanceof DownloadCancelled ? { type: 'cancelled' } : { type: 'error', message: (e as Error).message }),
      );
      return { id };
    },
    'dataset.cancelDownload': async ({ id }) => {
      const download = [...active.values()].find((d) => d.id === id);
      download?.abort.abort();
      return { cancelled: download !== undefined };
    },
  };
  return {
    handlers,
    cancelAll() {
      for (const d of active.values()) d.abort.abort();
    },
  };
}
