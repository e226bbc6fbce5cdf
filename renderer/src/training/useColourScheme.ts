/** Whether the system shows the dark theme, live: charts drawn on a canvas read their colours once and must redraw on a switch. */
import { useSyncExternalStore } from 'react';

const query = () => matchMedia('(prefers-color-scheme: dark)');

function subscribe(onChange: () => void): () => void {
  const q = query();
  q.addEventListener('change', onChange);
  return () => q.removeEventListener('change', onChange);
}

/** `true` while the dark theme is on. */
export const useColourScheme = (): boolean => useSyncExternalStore(subscribe, () => query().matches);
