/**
 * Closing the window asks its page first, since its document may have unsaved edits: the first
 * `close` (the close button, Close Window, Quit) is held and the page is told (an app event);
 * the page asks Save / Don't save / Cancel and, unless cancelled, answers with `app.close`, and
 * the window closes then. A page that cannot answer (not loaded yet, crashed) does not hold the
 * window: its work is in the autosave anyway. Pure: the window is a stand-in in tests.
 */

/** What the guard needs of a BrowserWindow. */
export interface ClosableWindow {
  on(event: 'close', listener: (e: { preventDefault(): void }) => void): unknown;
  close(): void;
}

/**
 * Hold `win`'s closing for its page: `ask()` tells the page, `answering()` says whether it can
 * answer. Returns `allow()`, the page's yes, which closes the window.
 */
export function guardClose(win: ClosableWindow, ask: () => void, answering: () => boolean) {
  let allowed = false;
  win.on('close', (e) => {
    if (allowed || !answering()) return;
    e.preventDefault();
    ask();
  });
  return {
    allow(): void {
      allowed = true;
      win.close();
    },
  };
}
