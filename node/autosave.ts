/**
 * Autosave and recovery. Each open window (a "session": the renderer's random id) sends its
 * document a second after each edit; it is kept as `autosave/<session>.json` in the data
 * folder, written atomically, one write at a time, the latest last. A live window renews its
 * lease every few seconds; the work of a session whose lease ran out (a crash, a kill, a closed
 * tab) is what the next window to start is offered back — never the work of another window
 * that is still open. A reloaded window keeps its session and is offered its own work at once
 * (`get`), with the name and path of its file. Saving to a file, or declining the offer, clears a
 * session's autosave.
 */
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { DocFileSchema, SESSION_PATTERN } from '../shared/api';
import { loadDocument, saveDocument } from '../shared/graph/load';
import type { DocFile, Notice } from '../shared/api';
import type { NetwrightDocument } from '../shared/graph/schema';
import { fileErrorCause, writeFileAtomic } from './files';

/** A session that has not been heard from for this long is gone (renderers renew every 2 s). */
export const LEASE_MS = 6000;

export interface Autosaved {
  session: string;
  /** ISO 8601 time of the edit it holds. */
  savedAt: string;
  doc: NetwrightDocument;
  /** The file the document came from or was last saved to, if any (so Save writes back to it). */
  file?: DocFile | null;
}


export function autosaveStore(dataDir: string, now: () => number = Date.now) {
  const dir = join(dataDir, 'autosave');
  const fileOf = (session: string) => {
    if (!SESSION_PATTERN.test(session)) throw new Error(`Invalid autosave session "${session.slice(0, 80)}".`);
    return join(dir, `${session}.json`);
  };
  const seen = new Map<string, number>();
  const alive = (session: string) => now() - (seen.get(session) ?? -Infinity) < LEASE_MS;
  // Per session, writes are chained so that an older document never lands after a newer one;
  // a queued write takes whatever is waiting when its turn comes (only the newest).
  const writers = new Map<string, { writing: Promise<void>; waiting?: string }>();

  const write = (session: string, text: string): Promise<void> => {
    const w = writers.get(session) ?? { writing: Promise.resolve() };
    writers.set(session, w);
    const queued = w.waiting !== undefined;
    w.waiting = text;
    if (!queued) {
      w.writing = w.writing
        .catch(() => undefined)
        .then(() => {
          const next = w.waiting;
          w.waiting = undefined;
          return next === undefined ? undefined : writeFileAtomic(fileOf(session), next);
        });
    }
    return w.writing;
  };

  /** A session's autosave; null when there is none, `{ damaged }` (why) when it cannot be used. */
  const read = async (session: string): Promise<Autosaved | { damaged: string } | null> => {
    let text: string;
    try {
      text = await readFile(fileOf(session), 'utf8');
    } catch (e) {
      return (e as NodeJS.ErrnoException).code === 'ENOENT' ? null : { damaged: fileErrorCause(e) };
    }
    try {
      const { savedAt, doc, file } = JSON.parse(text) as { savedAt: string; doc: unknown; file?: unknown };
      const loaded = loadDocument(JSON.stringify(doc));
      const from = DocFileSchema.safeParse(file);
      return loaded.ok ? { session, savedAt: String(savedAt), doc: loaded.doc, file: from.success ? from.data : null } : { damaged: loaded.error.message };
    } catch (e) {
      return { damaged: (e as Error).message };
    }
  };
  const sessionsOnDisk = async () =>
    (await readdir(dir).catch((e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? [] : Promise.reject(e))))
      .filter((f) => f.endsWith('.json'))
      .map((f) => f.slice(0, -5))
      .filter((s) => SESSION_PATTERN.test(s));

  return {
    dir,
    /** The session is still open (called every 2 s by each window). */
    renew(session: string): void {
      fileOf(session); // validates the id
      seen.set(session, now());
    },
    /** Keep this session's document, to offer back if the session ends without saving. */
    save(session: string, doc: NetwrightDocument, savedAt = new Date(now()), file: DocFile | null = null): Promise<void> {
      this.renew(session);
      return write(session, JSON.stringify({ savedAt: savedAt.toISOString(), doc: JSON.parse(saveDocument(doc)), file }));
    },
    /** A session's own autosave (a reloaded window asks for its work), once its writes are done; null when none or damaged. */
    async get(session: string): Promise<Autosaved | null> {
      await writers.get(session)?.writing.catch(() => undefined);
      const found = await read(session);
      return found && !('damaged' in found) ? found : null;
    },
    /** The newest work left by a session that is gone (a damaged file is ignored), if any. */
    async orphan(): Promise<Autosaved | null> {
      await mkdir(dir, { recursive: true });
      const sessions = (await sessionsOnDisk()).filter((s) => !alive(s));
      const found = (await Promise.all(sessions.map(read))).filter((a): a is Autosaved => a !== null && !('damaged' in a));
      return found.sort((a, b) => b.savedAt.localeCompare(a.savedAt))[0] ?? null;
    },
    /** The autosaves of windows that are gone which cannot be offered back (damaged), and why: the start-up notices. */
    async damaged(): Promise<Notice[]> {
      const sessions = (await sessionsOnDisk()).filter((s) => !alive(s));
      const checked = await Promise.all(sessions.map(async (s) => ({ file: fileOf(s), found: await read(s) })));
      return checked.flatMap(({ file, found }) =>
        found && 'damaged' in found ? [{ file, message: `This autosave is damaged (${found.damaged}); it was ignored, so its work is not offered back. The file is left as it is.` }] : [],
      );
    },
    async clear(session: string): Promise<void> {
      const file = fileOf(session);
      const w = writers.get(session);
      if (w) {
        w.waiting = undefined; // a write queued before the clear must not bring the file back
        await w.writing.catch(() => undefined);
        writers.delete(session);
      }
      await rm(file, { force: true });
    },
  };
}
