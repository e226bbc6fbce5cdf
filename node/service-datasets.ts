/**
 * The engine service's dataset downloads: which downloadable datasets are in the data folder's
 * cache, a download started (one per dataset at a time: asking again joins it) whose progress
 * and end reach every window as `download` events, and cancelling one.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ApiEvent, methods, ReplyOf } from '../shared/api';
import { DOWNLOADABLE_DATASETS, type DownloadableDataset } from '../shared/datasets';
import { cifarArchive } from './engine/data/cifar';
import { downloadArchive } from './engine/data/download';
import { downloads } from './downloads';

type DatasetMethod = 'dataset.cache' | 'dataset.download' | 'dataset.cancelDownload';
export type DatasetHandlers = { [M in DatasetMethod]: (request: ReturnType<(typeof methods)[M]['request']['parse']>) => Promise<ReplyOf<M>> };

/** Another URL (and the MD5 of what it serves, the official archive's when left out) for a dataset's archive: a mirror, or a test's local server. */
export type Mirrors = Partial<Record<DownloadableDataset, { url: string; md5?: string }>>;

/**
 * `NETWRIGHT_DATASETS_URL`: a folder that mirrors the official archives under their own names
 * (`…/cifar-10-binary.tar.gz`), checked against the official MD5s. For a lab without the
 * internet, and for tests (a local server).
 */
export function envMirrors(base = process.env.NETWRIGHT_DATASETS_URL): Mirrors | undefined {
  if (!base) return undefined;
  const folder = base.endsWith('/') ? base : `${base}/`;
  return Object.fromEntries(DOWNLOADABLE_DATASETS.map((d) => [d, { url: folder + cifarArchive(d).url.split('/').at(-1)! }]));
}

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
  const active = downloads<DownloadableDataset>();
  const mirrors = host.mirrors ?? envMirrors();
  const handlers: DatasetHandlers = {
    'dataset.cache': async () => ({
      datasets: DOWNLOADABLE_DATASETS.map((dataset) => {
        const archive = cifarArchive(dataset, mirrors?.[dataset]);
        return { dataset, title: archive.title, dir: join(host.cacheDir, archive.folder), present: inCache(dataset, host.cacheDir), url: archive.url, bytes: archive.bytes, downloading: active.running(dataset) ?? null };
      }),
    }),
    'dataset.download': async ({ dataset }) => ({
      id: active.start(
        dataset,
        async (signal, onProgress) => ({ type: 'done', dir: await downloadArchive(cifarArchive(dataset, mirrors?.[dataset]), host.cacheDir, { signal, onProgress }) }),
        (id, event) => host.emit({ type: 'download', id, dataset, event }),
      ),
    }),
    'dataset.cancelDownload': async ({ id }) => ({ cancelled: active.cancel(id) }),
  };
  return { handlers, cancelAll: () => active.cancelAll() };
}
