/**
 * At start-up, before anything else is shown: if this tab was reloaded with unsaved work, or a
 * window ended without saving its edits (a crash, a kill, a closed tab), offer them back.
 * Autosave starts once this is answered, and so does the rest of the start-up (`onSettled`: the
 * template gallery, the files the app was asked to open), so the offer never shares the screen
 * with another dialog.
 */
import { useEffect, useRef, useState } from 'react';
import type { ReplyOf } from '../../../shared/api';
import { api } from '../api';
import { useApp } from '../store/store';
import { adoptRestored, clearAutosave, enableAutosave, session } from './autosave';

type Offer = NonNullable<ReplyOf<'autosave.get'>>;

const timeOf = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The restore dialog, shown only when there is something to restore; `onSettled(restored)` once there is nothing (more) to ask. */
export function RestoreOffer({ onSettled }: { onSettled(restored: boolean): void }) {
  const [offer, setOffer] = useState<Offer | null>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const settled = useRef(onSettled);
  settled.current = onSettled;

  useEffect(() => {
    let live = true;
    api()
      .call('autosave.get', { session })
      .then(
        (found) => {
          if (!live) return;
          if (found) setOffer(found);
          else {
            enableAutosave();
            settled.current(false);
          }
        },
        (e: unknown) => {
          if (!live) return;
          // Not being able to look must not stop the work of this session from being saved.
          useApp.getState().showAlert({ source: 'app', message: `Could not look for unsaved work: ${messageOf(e)}` });
          enableAutosave();
          settled.current(false);
        },
      );
    return () => {
      live = false;
    };
  }, []);

  useEffect(() => {
    if (offer && !dialog.current?.open) dialog.current?.showModal();
  }, [offer]);

  if (!offer) return null;
  const close = () => {
    dialog.current?.close();
    setOffer(null);
  };
  const restore = () => {
    const file = offer.file ?? null;
    useApp.getState().replaceDocument(offer.doc, { file, unsaved: true });
    close();
    settled.current(true);
    adoptRestored(offer.doc, file, offer.session).catch((e: unknown) =>
      useApp.getState().showAlert({ source: 'app', message: `The restored work could not be autosaved: ${messageOf(e)}` }),
    );
  };
  const discard = () => {
    close();
    settled.current(false);
    void clearAutosave(offer.session).finally(enableAutosave);
  };
  const layers = offer.doc.graph.nodes.length;
  const what = offer.session === session ? 'This window was reloaded' : 'Netwright closed';
  return (
    <dialog ref={dialog} className="dialog restore" aria-labelledby="restore-title" aria-describedby="restore-text" onCancel={(e) => e.preventDefault()}>
      <h2 id="restore-title">Restore unsaved work?</h2>
      <p id="restore-text">
        {what} before “{offer.file?.name ?? offer.doc.name}” was saved ({layers.toLocaleString('en-US')} {layers === 1 ? 'node' : 'nodes'}, last edit {timeOf(offer.savedAt)}).
      </p>
      <div className="dialog__buttons">
        <button type="button" className="button" onClick={discard}>
          Discard
        </button>
        <button type="button" className="button button--primary" onClick={restore} autoFocus>
          Restore
        </button>
      </div>
    </dialog>
  );
}
