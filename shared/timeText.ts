/** Times in words, as the app and the command line write them. */

/**
 * Time left in words: `etaText(130)` → "2 min 10 s left", `etaText(3900)` → "1 h 5 min left",
 * `etaText(0.4)` → "under a second left"; '' when unknown.
 */
export function etaText(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return '';
  const s = Math.round(seconds);
  if (s < 1) return 'under a second left';
  if (s < 60) return `${s} s left`;
  if (s < 3600) {
    const min = Math.floor(s / 60);
    return s % 60 ? `${min} min ${s % 60} s left` : `${min} min left`;
  }
  // Over an hour, seconds are noise.
  const m = Math.round(s / 60);
  const h = Math.floor(m / 60);
  return m % 60 ? `${h} h ${m % 60} min left` : `${h} h left`;
}

/** A measured duration, e.g. per epoch: `duration(4.26)` → "4.3 s", `duration(185)` → "3 min 5 s", `duration(4320)` → "1.2 h". */
export function duration(seconds: number): string {
  if (seconds < 60) return `${seconds < 10 ? seconds.toFixed(1) : Math.round(seconds)} s`;
  // Whole seconds first, so 179.6 s reads "3 min 0 s", not "2 min 60 s".
  const s = Math.round(seconds);
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

/** A run's seconds per epoch: the mean of its epochs' measured times; undefined for runs that did not record them. */
export function secondsPerEpoch(epochs: { seconds?: number }[]): number | undefined {
  const timed = epochs.filter((e) => e.seconds !== undefined);
  return timed.length === 0 ? undefined : timed.reduce((sum, e) => sum + e.seconds!, 0) / timed.length;
}

/**
 * How far off an estimate was, in words: `estimateOff(1.7, 5)` → "estimated 1.7 s, took 5.0 s
 * an epoch: 66 % short"; `estimateOff(4.8, 5)` → "… 4 % short".
 */
export function estimateOff(estimated: number, actual: number): string {
  const off = Math.round((100 * (estimated - actual)) / actual);
  const verdict = off === 0 ? 'on the mark' : `${Math.abs(off)} % ${off < 0 ? 'short' : 'long'}`;
  return `estimated ${duration(estimated)}, took ${duration(actual)} an epoch: ${verdict}`;
}
