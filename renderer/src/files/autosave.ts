/**
 * Autosave: one second after the last edit the open document goes to the engine service, which
 * keeps it in the app's data folder under this window's session (node/autosave.ts); leaving
 * the page sends it at once. The window renews its session every 2 s, so that its work is
 * offered back only once it is gone, never to another window while it is open. Opening a
 * document is not an edit (it came from somewhere safe), so it is not saved; saving to a file
 * clears the autosave, since nothing is left to recover.
 *
 * Nothing is written until the restore offer has been answered (see RestoreOffer.tsx), so a
 * new window cannot overwrite the work it is about to offer back.
 */
import type { NetwrightDocument } from '../../../shared/graph/schema';
import { api } from '../api';
import { useApp } from '../store/store';

/** Quiet time after the last edit before it is written. */
export const AUTOSAVE_DELAY_MS = 1000;
/** How often the window says it is still open (the service's lease is three times this). */
const RENEW_MS = 2000;

/** This window's session: new with every page load. */
export const session: string = crypto.randomUUID();

let timer: ReturnType<typeof setTimeout> | undefined;
let pending: NetwrightDocument | undefined;
let enabled = false;

const failed = (what: string) => (e: unknown) => useApp.getState().showAlert({ source: 'app', message: `${what}: ${e instanceof Error ? e.message : String(e)}` });

function flush(): void {
  clearTimeout(timer);
  timer = undefined;
  const doc = pending;
  pending = undefined;
  if (!doc || !enabled) return;
  api().call('autosave.save', { session, doc }).catch(failed('Autosave failed'));
}

/**
 * Watch the document and autosave its edits; returns the function that stops watching.
 * Call `enableAutosave()` once the restore offer is settled; edits made before are kept and
 * written then.
 */
export function watchForAutosave(): () => void {
  const unsubscribe = useApp.subscribe((s, prev) => {
    if (s.doc === prev.doc || s.loadId !== prev.loadId) return;
    pending = s.doc;
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
 * loses nothing), and the gone session's file is removed.
 */
export async function adoptRestored(doc: NetwrightDocument, from: string): Promise<void> {
  enabled = true;
  await api().call('autosave.save', { session, doc });
  await api().call('autosave.clear', { session: from });
}

/** Forget a session's autosave: this window's after a save to a file, or a gone one declined. */
export function clearAutosave(which: string = session): Promise<unknown> {
  if (which === session) {
    clearTimeout(timer);
    pending = undefined;
  }
  return api().call('autosave.clear', { session: which });
}
