/**
 * At start-up: if a window ended without saving its edits (a crash, a kill, a closed tab),
 * offer them back before anything else happens. Autosave starts once this is answered.
 */
import { useEffect, useRef, useState } from 'react';
import type { ReplyOf } from '../../../shared/api';
import { api } from '../api';
import { useApp } from '../store/store';
import { adoptRestored, clearAutosave, enableAutosave } from './autosave';

type Offer = NonNullable<ReplyOf<'autosave.get'>>;

const timeOf = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

/** The restore dialog, shown only when there is something to restore. */
export function RestoreOffer() {
  const [offer, setOffer] = useState<Offer | null>(null);
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    let live = true;
    api()
      .call('autosave.get', {})
      .then(
        (found) => {
          if (!live) return;
          if (found) setOffer(found);
          else enableAutosave();
        },
        (e: unknown) => {
          // Not being able to look must not stop the work of this session from being saved.
          useApp.getState().showAlert({ source: 'app', message: `Could not look for unsaved work: ${e instanceof Error ? e.message : String(e)}` });
          enableAutosave();
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
    useApp.getState().replaceDocument(offer.doc);
    close();
    adoptRestored(offer.doc, offer.session).catch((e: unknown) =>
      useApp.getState().showAlert({ source: 'app', message: `The restored work could not be autosaved: ${e instanceof Error ? e.message : String(e)}` }),
    );
  };
  const discard = () => {
    close();
    void clearAutosave(offer.session).finally(enableAutosave);
  };
  const layers = offer.doc.graph.nodes.length;
  return (
    <dialog ref={dialog} className="dialog restore" aria-labelledby="restore-title" aria-describedby="restore-text" onCancel={(e) => e.preventDefault()}>
      <h2 id="restore-title">Restore unsaved work?</h2>
      <p id="restore-text">
        Netwright closed before “{offer.doc.name}” was saved ({layers.toLocaleString('en-US')} {layers === 1 ? 'node' : 'nodes'}, last edit {timeOf(offer.savedAt)}).
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
