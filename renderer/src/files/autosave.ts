/**
 * Autosave: one second after the last edit the open document goes to the engine service, which
 * keeps it in the app's data folder under this window's session (node/autosave.ts), with the
 * name and path of its file; leaving the page sends it at once. The window renews its session
 * every 2 s, so that its work is offered to another window only once it is gone. The session
 * outlives a reload of the page (it is kept in sessionStorage, which is the tab's own), so a
 * reloaded window is offered its own work back, as VS Code does. Only unsaved work is kept: when
 * the document is saved, undone back to its saved state or replaced, its autosave is cleared.
 *
 * Nothing is written until the restore offer has been answered (see RestoreOffer.tsx), so a
 * new window cannot overwrite the work it is about to offer back.
 */
import type { DocFile } from '../../../shared/api';
import type { NetwrightDocument } from '../../../shared/graph/schema';
import { api } from '../api';
import { isModified, useApp, type OpenFile } from '../store/store';

/** Quiet time after the last edit before it is written. */
export const AUTOSAVE_DELAY_MS = 1000;
/** How often the window says it is still open (the service's lease is three times this). */
const RENEW_MS = 2000;
/** Where the tab keeps its session across reloads. */
const SESSION_KEY = 'netwright.session';

/** The tab's session id, kept across reloads where the page may store it. */
function tabSession(): string {
  try {
    const kept = sessionStorage.getItem(SESSION_KEY);
    if (kept && /^[A-Za-z0-9-]{1,64}$/.test(kept)) return kept;
    const fresh = crypto.randomUUID();
    sessionStorage.setItem(SESSION_KEY, fresh);
    return fresh;
  } catch {
    return crypto.randomUUID(); // no storage: each load is a new session
  }
}

/** This window's session: the same after a reload of the tab. */
export const session: string = tabSession();

type Pending = { doc: NetwrightDocument; file: OpenFile | null };

let timer: ReturnType<typeof setTimeout> | undefined;
let pending: Pending | undefined;
let enabled = false;

const failed = (what: string) => (e: unknown) => useApp.getState().showAlert({ source: 'app', message: `${what}: ${e instanceof Error ? e.message : String(e)}` });

/** What of a file the service keeps: its name and path (a browser's file handle cannot be kept). */
const keptFile = (file: OpenFile | null): DocFile | null => (file ? { name: file.name, ...(file.path ? { path: file.path } : {}) } : null);

function flush(): void {
  clearTimeout(timer);
  timer = undefined;
  const next = pending;
  pending = undefined;
  if (!next || !enabled) return;
  api().call('autosave.save', { session, doc: next.doc, file: keptFile(next.file) }).catch(failed('Autosave failed'));
}

/** Nothing left to recover (saved, back at the saved state, replaced): forget this window's autosave. */
function forget(): void {
  clearTimeout(timer);
  timer = undefined;
  pending = undefined;
  if (enabled) void api().call('autosave.clear', { session }).catch(() => undefined);
}

/**
 * Watch the document and autosave its unsaved edits; returns the function that stops watching.
 * Call `enableAutosave()` once the restore offer is settled; edits made before are kept and
 * written then.
 */
export function watchForAutosave(): () => void {
  const unsubscribe = useApp.subscribe((s, prev) => {
    if (s.doc === prev.doc && s.savedDoc === prev.savedDoc && s.file === prev.file) return;
    if (!isModified(s)) {
      if (isModified(prev) || pending) forget();
      return;
    }
    pending = { doc: s.doc, file: s.file };
    clearTimeout(timer);
    if (enabled) timer = setTimeout(flush, AUTOSAVE_DELAY_MS);
  });
  const renew = () => void api().call('autosave.renew', { session }).catch(() => undefined);
  renew();
  const renewing = setInterval(renew, RENEW_MS);
  window.addEventListener('pagehide', flush);
  return () => {
    unsubscribe();
    clearInterval(renewing);
    window.removeEventListener('pagehide', flush);
    clearTimeout(timer);
  };
}

/** Start writing (the restore offer is settled); an edit made meanwhile is written now. */
export function enableAutosave(): void {
  enabled = true;
  if (pending) flush();
}

/**
 * Take over a restored document: it becomes this window's autosave at once (so a second crash
 * loses nothing), and a gone window's file is removed (a reloaded window's is its own).
 */
export async function adoptRestored(doc: NetwrightDocument, file: DocFile | null, from: string): Promise<void> {
  enabled = true;
  pending = undefined;
  await api().call('autosave.save', { session, doc, file });
  if (from !== session) await api().call('autosave.clear', { session: from });
}

/** Forget a session's autosave: this window's after its work was given up, or a gone one declined. */
export function clearAutosave(which: string = session): Promise<unknown> {
  if (which === session) {
    clearTimeout(timer);
    pending = undefined;
  }
  return api().call('autosave.clear', { session: which });
}
