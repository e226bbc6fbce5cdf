/**
 * What the app set aside at start-up (a damaged settings.json, autosaves that could not be read),
 * one line per file, shown until the user dismisses it: the service keeps these notices
 * (`app.notices`) because they were found before any window could show them.
 */
import { useEffect, useState } from 'react';
import type { Notice } from '../../../shared/api';
import { api } from '../api';

/** The start-up notices, if there are any. */
export function StartupNotices() {
  const [notices, setNotices] = useState<Notice[]>([]);
  useEffect(() => {
    let live = true;
    api()
      .call('app.notices', {})
      .then(
        (found) => live && setNotices(found),
        // An older service without notices has nothing to say; nothing is lost by not showing them.
        () => undefined,
      );
    return () => {
      live = false;
    };
  }, []);
  if (notices.length === 0) return null;
  return (
    <div className="alert alert--notice" role="status" aria-label="Start-up notices">
      <ul className="alert__message">
        {notices.map((n) => (
          <li key={n.file}>
            <strong>{n.file}</strong>: {n.message}
          </li>
        ))}
      </ul>
      <button type="button" className="alert__close" aria-label="Dismiss" onClick={() => setNotices([])}>
        ×
      </button>
    </div>
  );
}
