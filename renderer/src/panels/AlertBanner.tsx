/** The alert banner: why a file did not open, why training failed, why the server did not answer. */
import { useApp } from '../store/store';

/** Shows the current alert, if any, with a button to dismiss it. */
export function AlertBanner() {
  const alert = useApp((s) => s.alert);
  const dismiss = useApp((s) => s.dismissAlert);
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
