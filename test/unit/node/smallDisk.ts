/**
 * A real small disk for fault tests: a 256 KiB tmpfs mounted on a fresh folder (we run as
 * root), which `fill()` fills to the last byte and `free()` empties again. Where mounting is
 * not permitted, `mounted` is false and `reason` says why in one line; tests then inject
 * ENOSPC instead.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SmallDisk {
  dir: string;
  mounted: boolean;
  reason?: string;
  /** Write a filler file until the disk has no space left. */
  fill(): void;
  /** Remove the filler. */
  free(): void;
  unmount(): void;
}

export function smallDisk(size = '256k'): SmallDisk {
  const dir = mkdtempSync(join(tmpdir(), 'netwright-small-disk-'));
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { encoding: 'utf8' });
  const mounted = r.status === 0;
  const filler = join(dir, 'filler');
  return {
    dir,
    mounted,
    ...(mounted ? {} : { reason: `cannot mount a tmpfs here (${(r.stderr || r.error?.message || `exit ${r.status}`).trim().split('\n')[0]})` }),
    fill() {
      const fd = openSync(filler, 'a');
      const chunk = Buffer.alloc(4096, 1);
      try {
        for (let i = 0; i < 1_000_000; i++) writeSync(fd, chunk);
        throw new Error(`${dir} did not fill up: it is not a small disk`);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOSPC') throw e;
        for (;;) {
          try {
            writeSync(fd, Buffer.alloc(1)); // the last bytes of a partly used page
          } catch {
            break;
          }
        }
      } finally {
        closeSync(fd);
      }
    },
    free: () => rmSync(filler, { force: true }),
    unmount() {
      if (mounted) spawnSync('umount', ['-l', dir]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
