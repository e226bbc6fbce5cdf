/**
 * The engine service's downloads of published ImageNet weights: `weights.download` fetches a
 * template's torchvision checkpoint into the data folder's cache (one per template at a time:
 * asking again joins it), its progress and end reaching every window as `weights` events, and
 * `weights.cancelDownload` stops one, keeping nothing.
 */
import { randomUUID } from 'node:crypto';
import type { ApiEvent, DownloadEvent, methods, ReplyOf } from '../shared/api';
import { PUBLISHED_WEIGHTS, publishedUrl, type PublishedWeights } from '../shared/weights/published';
import { DownloadCancelled, downloadFile } from './engine/data/download';
import { cachedWeights, weightsCacheDir, weightsSource } from './published-weights';

type WeightsMethod = 'weights.download' | 'weights.cancelDownload';
export type WeightsHandlers = { [M in WeightsMethod]: (request: ReturnType<(typeof methods)[M]['request']['parse']>) => Promise<ReplyOf<M>> };

export interface WeightsHost {
  emit(event: ApiEvent): void;
  /** The data folder's cache; the weights go in its `weights/`. */
  cacheDir: string;
  /** Instead of torchvision's folder and table (tests: a local server and generated checkpoints). */
  published?: { base: string; table?: readonly PublishedWeights[] };
}

/** The entry for a template, or a one-line error naming those that have weights. */
export function publishedEntry(template: string, table: readonly PublishedWeights[] = PUBLISHED_WEIGHTS): PublishedWeights {
  const entry = table.find((w) => w.template === template || w.name === template);
  if (!entry) throw new Error(`${template} has no published ImageNet weights; these templates have: ${table.map((w) => w.template).join(', ')}.`);
  return entry;
}

/** `weightsHandlers({ emit, cacheDir })`: the handlers, and `cancelAll()` for when the app quits. */
export function weightsHandlers(host: WeightsHost): { handlers: WeightsHandlers; cancelAll(): void } {
  const active = new Map<string, { id: string; abort: AbortController }>();
  const handlers: WeightsHandlers = {
    'weights.download': async ({ template }) => {
      const entry = publishedEntry(template, host.published?.table);
      const url = publishedUrl(entry, host.published?.base);
      const running = active.get(entry.template);
      if (running) return { id: running.id, url, path: null };
      const path = cachedWeights(entry, host.cacheDir);
      if (path) return { id: '', url, path };
      const id = randomUUID();
      const abort = new AbortController();
      active.set(entry.template, { id, abort });
      const send = (event: DownloadEvent) => host.emit({ type: 'weights', id, template: entry.template, event });
      const end = (event: DownloadEvent) => {
        active.delete(entry.template);
        send(event);
      };
      const dir = weightsCacheDir(host.cacheDir);
      void downloadFile(weightsSource(entry, host.cacheDir, host.published?.base), dir, { signal: abort.signal, onProgress: (p) => send({ type: 'progress', ...p }) }).then(
        (file) => end({ type: 'done', dir, file }),
        (e: unknown) => end(e instanceof DownloadCancelled ? { type: 'cancelled' } : { type: 'error', message: (e as Error).message }),
      );
      return { id, url, path: null };
    },
    'weights.cancelDownload': async ({ id }) => {
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
