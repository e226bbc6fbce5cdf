/** The `?` overlay: every keyboard shortcut (from shortcuts.ts) and what the mouse does. */
import { useEffect, useRef } from 'react';
import { gestures, keyLabel, shortcuts } from '../commands/shortcuts';
import { useUi } from '../store/ui';

/** The commands with keys (the others are only in the menus). */
const keyed = shortcuts.filter((s) => s.keys.length > 0);

/** The shortcuts overlay, while it is open. */
export function HelpOverlay() {
  const open = useUi((s) => s.help);
  return open ? <HelpDialog /> : null;
}

function HelpDialog() {
  const close = () => useUi.getState().setHelp(false);
  const closeButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const returnTo = document.activeElement;
    closeButton.current?.focus();
    return () => {
      if (returnTo instanceof HTMLElement && returnTo.isConnected) returnTo.focus();
    };
  }, []);
  return (
    <div className="overlay" onMouseDown={(e) => e.target === e.currentTarget && close()}>
      <div
        className="help"
        role="dialog"
        aria-modal="true"
        aria-labelledby="help-title"
        onKeyDown={(e) => {
          if (e.key === 'Escape' || e.key === '?') {
            e.preventDefault();
            close();
          }
          if (e.key === 'Tab') e.preventDefault(); // one control: focus stays on Close
        }}
      >
        <div className="help__head">
          <h2 id="help-title" className="panel-title">
            Keyboard shortcuts
          </h2>
          <button ref={closeButton} type="button" className="button" onClick={close}>
            Close
          </button>
        </div>
        <table className="help__table">
          <tbody>
            {keyed.map((s) => (
              <tr key={s.id}>
                <th scope="row">
                  {s.keys.map((k, i) => (
                    <span key={k}>
                      {i > 0 ? ' or ' : ''}
                      <kbd>{keyLabel(k)}</kbd>
                    </span>
                  ))}
                </th>
                <td>{s.description}</td>
              </tr>
            ))}
            {gestures.map((g) => (
              <tr key={g.keys}>
                <th scope="row">{g.keys}</th>
                <td>{g.description}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
