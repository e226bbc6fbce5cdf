/**
 * The service's downloads under way, one per key (a dataset, a template): starting one that runs
 * joins it, its events carry its id, cancelling by id aborts it, and the app's quitting aborts all.
 * Its end is sent once it is no longer listed, so that a window asking what is cached then sees it.
 */
import { randomUUID } from 'node:crypto';
import type { DownloadEvent } from '../shared/api';
import { DownloadCancelled } from './engine/data/download';

export interface Downloads<K> {
  /** The id of the download under way for `key`, or undefined. */
  running(key: K): string | undefined;
  /**
   * `start('cifar10', (signal, progress) => downloadArchive(…), (id, event) => emit(…))` → its id;
   * `run` resolves to the done event, and its failure becomes an error or cancelled event.
   */
  start(key: K, run: (signal: AbortSignal, progress: (p: { received: number; total: number }) => void) => Promise<Extract<DownloadEvent, { type: 'done' }>>, send: (id: string, event: DownloadEvent) => void): string;
  /** False when no download has that id. */
  cancel(id: string): boolean;
  cancelAll(): void;
}

export function downloads<K>(): Downloads<K> {
  const active = new Map<K, { id: string; abort: AbortController }>();
  return {
    running: (key) => active.get(key)?.id,
    start(key, run, send) {
      const running = active.get(key);
      if (running) return running.id;
      const id = randomUUID();
      const abort = new AbortController();
      active.set(key, { id, abort });
      const end = (event: DownloadEvent) => {
        active.delete(key);
        send(id, event);
      };
      void run(abort.signal, (p) => send(id, { type: 'progress', ...p })).then(end, (e: unknown) =>
        end(e instanceof DownloadCancelled ? { type: 'cancelled' } : { type: 'error', message: (e as Error).message }),
      );
      return id;
    },
    cancel(id) {
      const download = [...active.values()].find((d) => d.id === id);
      download?.abort.abort();
      return download !== undefined;
    },
    cancelAll() {
      for (const d of active.values()) d.abort.abort();
    },
  };
}
