/**
 * Autosave and recovery: the renderer sends the open document a second after each edit; it is
 * written to the data folder atomically, one write at a time, the latest last. After a
 * crash or a kill the next start finds it and offers it back. Saving to a file, or declining the
 * offer, clears it.
 */
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { loadDocument, saveDocument } from '../shared/graph/load';
import type { NetwrightDocument } from '../shared/graph/schema';
import { writeFileAtomic } from './files';

const FILE = 'autosave.netwright.json';

export interface Autosaved {
  /** ISO 8601 time of the edit it holds. */
  savedAt: string;
  doc: NetwrightDocument;
}

export function autosaveStore(dataDir: string) {
  const path = join(dataDir, FILE);
  // Writes are chained so that an older document can never land after a newer one; while one
  // is being written only the newest waiting document is kept.
  let writing: Promise<void> = Promise.resolve();
  // Set while a queued write has not started: it takes whatever is here when its turn comes.
  let waiting: string | undefined;

  const write = (text: string): Promise<void> => {
    const queued = waiting !== undefined;
    waiting = text;
    if (!queued) {
      writing = writing
        .catch(() => undefined)
        .then(() => {
          const next = waiting;
          waiting = undefined;
          return next === undefined ? undefined : writeFileAtomic(path, next);
        });
    }
    return writing;
  };

  return {
    path,
    /** Keep this document as the one to offer back after a crash. */
    save(doc: NetwrightDocument, savedAt = new Date()): Promise<void> {
      return write(JSON.stringify({ savedAt: savedAt.toISOString(), doc: JSON.parse(saveDocument(doc)) }));
    },
    /** The document left by a session that did not end cleanly, if any (a damaged one is ignored). */
    async load(): Promise<Autosaved | null> {
      await writing.catch(() => undefined);
      let text: string;
      try {
        text = await readFile(path, 'utf8');
      } catch {
        return null;
      }
      try {
        const { savedAt, doc } = JSON.parse(text) as { savedAt: string; doc: unknown };
        const loaded = loadDocument(JSON.stringify(doc));
        return loaded.ok ? { savedAt: String(savedAt), doc: loaded.doc } : null;
      } catch {
        return null;
      }
    },
    async clear(): Promise<void> {
      waiting = undefined; // a write queued before the clear must not bring the file back
      await writing.catch(() => undefined);
      await rm(path, { force: true });
    },
  };
}
