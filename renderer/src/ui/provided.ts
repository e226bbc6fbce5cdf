/**
 * Commands whose action belongs to a component: the dialog it opens lives in its state (Export…,
 * Import…, Settings…). The component provides the action while it is mounted, and the menu bar
 * (through the command table's actions) runs it by the command's id.
 */
import { useEffect, useRef } from 'react';

const provided = new Map<string, () => void>();

/** Run the action a component provides for `id`; nothing when none is mounted. */
export function runProvided(id: string): void {
  provided.get(id)?.();
}

/** Provide the action for command `id` while the calling component is mounted: `useProvidedCommand('export', () => setOpen(true))`. */
export function useProvidedCommand(id: string, run: () => void): void {
  const latest = useRef(run);
  latest.current = run;
  useEffect(() => {
    const action = () => latest.current();
    provided.set(id, action);
    return () => {
      if (provided.get(id) === action) provided.delete(id);
    };
  }, [id]);
}
