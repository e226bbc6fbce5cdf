/**
 * A passing message at the bottom of the window (the ui store's `toast`): which file a save
 * wrote. Announced politely, gone after a few seconds or when clicked.
 */
import { useEffect } from 'react';
import { useUi } from '../store/ui';

/** How long a message stays. */
const SHOWN_MS = 6000;

export function Toast() {
  const toast = useUi((s) => s.toast);
  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(() => useUi.getState().hideToast(), SHOWN_MS);
    return () => clearTimeout(timer);
  }, [toast]);
  return (
    <div role="status" aria-live="polite" aria-label="Message">
      {toast ? (
        <p className="dialog toast" onClick={() => useUi.getState().hideToast()}>
          {toast.message}
        </p>
      ) : null}
    </div>
  );
}
