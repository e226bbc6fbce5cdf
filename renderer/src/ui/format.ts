/** Numbers as the panels write them: `count(61706)` → `61,706`, `counted(2, 'layer')` → `2 layers`, `compact(6_998_552)` → `7.0 M`, `mib(4194304)` → `4.0 MiB`. */

export const count = (n: number) => n.toLocaleString('en-US');

/** A count with its noun: `counted(1002, 'layer')` → `1,002 layers`, `counted(1, 'error')` → `1 error`. */
export const counted = (n: number, noun: string) => `${count(n)} ${n === 1 ? noun : `${noun}s`}`;

/** One decimal below 10 (`1.5 G`), none above (`138 M`); plain below a thousand. */
export function compact(n: number): string {
  const units: [number, string][] = [
    [1e12, 'T'],
    [1e9, 'G'],
    [1e6, 'M'],
    [1e3, 'k'],
  ];
  for (const [size, unit] of units) {
    if (Math.abs(n) >= size) {
      const v = n / size;
      return `${v < 10 ? v.toFixed(1) : Math.round(v)} ${unit}`;
    }
  }
  return String(n);
}

/** Bytes in binary units: `bytes(3211264)` → `3.1 MiB`. */
export function bytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB'];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${i === 0 ? v : v < 10 ? v.toFixed(1) : Math.round(v)} ${units[i]}`;
}

/** `timeLeft(10e6, 40e6, 5)` → `'about 15 s left'`: what is left at the rate so far; '' before any byte. */
export function timeLeft(received: number, total: number, seconds: number): string {
  if (received <= 0 || seconds <= 0) return '';
  const left = ((total - received) / received) * seconds;
  return left < 60 ? `about ${Math.max(1, Math.round(left))} s left` : `about ${Math.round(left / 60)} min left`;
}
