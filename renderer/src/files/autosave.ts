/**
 * Autosave: one second after the last edit the open document goes to the engine service, which
 * keeps it in the app's data folder (electron/autosave.ts); leaving the page sends it at once.
 * Opening a document is not an edit (it came from somewhere safe), so it is not saved; saving
 * to a file clears the autosave, since nothing is left to recover.
 *
 * Nothing is written until the restore offer has been answered (see RestoreOffer.tsx), so a
 * new session cannot overwrite the work it is about to offer back.
 */
import type { NetwrightDocument } from '../../../shared/graph/schema';
import { api } from '../api';
import { useApp } from '../store/store';

/** Quiet time after the last edit before it is written. */
export const AUTOSAVE_DELAY_MS = 1000;

let timer: ReturnType<typeof setTimeout> | undefined;
let pending: NetwrightDocument | undefined;
let enabled = false;

function flush(): void {
  clearTimeout(timer);
  timer = undefined;
  const doc = pending;
  pending = undefined;
  if (!doc || !enabled) return;
  api()
    .call('autosave.save', { doc })
    .catch((e: unknown) => useApp.getState().showAlert({ source: 'app', message: `Autosave failed: ${e instanceof Error ? e.message : String(e)}` }));
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
  window.addEventListener('pagehide', flush);
  return () => {
    unsubscribe();
    window.removeEventListener('pagehide', flush);
    clearTimeout(timer);
  };
}

/** Start writing (the restore offer is settled); an edit made meanwhile is written now. */
export function enableAutosave(): void {
  enabled = true;
  if (pending) flush();
}

/** The document was saved to a file: the autosave is not needed any more. */
export function clearAutosave(): Promise<unknown> {
  clearTimeout(timer);
  pending = undefined;
  return api().call('autosave.clear', {});
}
