/**
 * The alert banner: why a file did not open, why training failed, why the server did not answer.
 * It can be dismissed, and it goes by itself once the document changes (an edit, an undo, another
 * document): the message was about the network as it was.
 */
import { useEffect } from 'react';
import { useApp } from '../store/store';

/** Shows the current alert, if any, with a button to dismiss it. */
export function AlertBanner() {
  const alert = useApp((s) => s.alert);
  const dismiss = useApp((s) => s.dismissAlert);
  useEffect(
    () =>
      useApp.subscribe((s, prev) => {
        // Only an alert that was already up: a change that brings its own alert keeps it.
        if (s.alert && s.alert === prev.alert && s.doc !== prev.doc) s.dismissAlert();
      }),
    [],
  );
  if (!alert) return null;
  return (
    <div className="alert" role="alert">
      <span className="alert__message">{alert.message}</span>
      <button type="button" className="alert__close" aria-label="Dismiss" onClick={dismiss}>
        ×
      </button>
    </div>
  );
}
