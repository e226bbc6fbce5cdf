/** Timing helpers: the median of repeated runs, after warm-up, in milliseconds. */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** `timeIt(() => work(), 20)` → { median, min, max } over 20 runs after 3 warm-ups. */
export function timeIt(fn: () => unknown, runs = 20, warmup = 3) {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  return { median: median(times), min: Math.min(...times), max: Math.max(...times) };
}

export const ms = (x: number) => `${x.toFixed(2)} ms`;
