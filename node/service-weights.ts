/**
 * The engine service's downloads of published ImageNet weights: `weights.download` fetches a
 * template's torchvision checkpoint into the data folder's cache (one per template at a time:
 * asking again joins it), its progress and end reaching every window as `weights` events, and
 * `weights.cancelDownload` stops one, keeping nothing.
 */
import type { ApiEvent, methods, ReplyOf } from '../shared/api';
import { PUBLISHED_WEIGHTS, publishedUrl, type PublishedWeights } from '../shared/weights/published';
import { downloads } from './downloads';
import { downloadFile } from './engine/data/download';
import { cachedWeights, weightsCacheDir, weightsSource } from './published-weights';

type WeightsMethod = 'weights.download' | 'weights.cancelDownload';
export type WeightsHandlers = { [M in WeightsMethod]: (request: ReturnType<(typeof methods)[M]['request']['parse']>) => Promise<ReplyOf<M>> };

export interface WeightsHost {
  emit(event: ApiEvent): void;
  /** The data folder's cache; the weights go in its `weights/`. */
  cacheDir: string;
  /**
   * Instead of torchvision's folder and table (tests: a local server and generated checkpoints).
   * Without it, `NETWRIGHT_WEIGHTS_URL` names a mirror of torchvision's folder, if set.
   */
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
  const active = downloads<string>();
  const base = host.published?.base ?? (process.env.NETWRIGHT_WEIGHTS_URL || undefined);
  const handlers: WeightsHandlers = {
    'weights.download': async ({ template }) => {
      const entry = publishedEntry(template, host.published?.table);
      const url = publishedUrl(entry, base);
      const running = active.running(entry.template);
      const path = running ? null : cachedWeights(entry, host.cacheDir);
      if (path) return { id: '', url, path };
      const dir = weightsCacheDir(host.cacheDir);
      const id = active.start(
        entry.template,
        async (signal, onProgress) => ({ type: 'done', dir, file: await downloadFile(weightsSource(entry, host.cacheDir, base), dir, { signal, onProgress }) }),
        (id, event) => host.emit({ type: 'weights', id, template: entry.template, event }),
      );
      return { id, url, path: null };
    },
    'weights.cancelDownload': async ({ id }) => ({ cancelled: active.cancel(id) }),
  };
  return { handlers, cancelAll: () => active.cancelAll() };
}
