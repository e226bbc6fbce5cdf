/**
 * A table row that acts like a button: focusable, and run by a click, Enter or Space, as the
 * summary's rows and the lecture figures' lines are.
 */
import type { KeyboardEvent } from 'react';

/** Spread onto a `<tr>`: `<tr {...clickableRow(() => select(id))}>`. */
export function clickableRow(act: () => void) {
  return {
    tabIndex: 0,
    onClick: act,
    onKeyDown: (e: KeyboardEvent) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        act();
      }
    },
  };
}
