/**
 * Read from the store at most once per animation frame. Batch events can arrive ~20 times a
 * second; the chart redraws on the next frame, and the canvas never waits for it.
 */
import { useEffect, useState } from 'react';
import { useApp, type AppState } from '../store/store';

/** Like `useApp(selector)`, but re-renders at most once per frame. `selector` must be stable. */
export function useFrameValue<T>(selector: (s: AppState) => T): T {
  const [value, setValue] = useState(() => selector(useApp.getState()));
  useEffect(() => {
    let frame = 0;
    const update = () => {
      frame = 0;
      setValue(() => selector(useApp.getState()));
    };
    update();
    const unsubscribe = useApp.subscribe(() => {
      if (!frame) frame = requestAnimationFrame(update);
    });
    return () => {
      unsubscribe();
      cancelAnimationFrame(frame);
    };
  }, [selector]);
  return value;
}
