/**
 * Autosave and recovery: the open document is saved to the data folder a moment after each
 * edit, atomically; after a crash or a kill the next start finds it and offers it back.
 * A clean close (or a save by the user) clears it.
 */
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { loadDocument, saveDocument } from '../shared/graph/load';
import type { NetwrightDocument } from '../shared/graph/schema';
import { writeFileAtomic } from './files';

const FILE = 'autosave.netwright.json';

export function autosaveStore(dataDir: string) {
  const path = join(dataDir, FILE);
  return {
    path,
    /** Keep this document as the one to offer back after a crash. */
    save: (doc: NetwrightDocument, savedAt = new Date()) => writeFileAtomic(path, JSON.stringify({ savedAt: savedAt.toISOString(), doc: JSON.parse(saveDocument(doc)) })),
    /** The document left by a session that did not end cleanly, if any (a damaged one is ignored). */
    async load(): Promise<{ savedAt: string; doc: NetwrightDocument } | null> {
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
    clear: () => rm(path, { force: true }),
  };
}
