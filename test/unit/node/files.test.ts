/**
 * writeFileAtomic, which every settings, autosave and Save goes through: a write that fails
 * anywhere leaves the old file as it was and no temporary file, and the error names the file.
 * The full disk is a real 256 KiB tmpfs where mounting is permitted, and an injected ENOSPC always.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { itWhen } from '../../skip';
import { writeFileAtomic, WriteError } from '../../../node/files';
import { smallDisk } from './smallDisk';

// The next write through a file handle fails with ENOSPC, on demand (the injected full disk).
const injected = vi.hoisted(() => ({ full: false }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs/promises')>();
  const open = (async (...args: Parameters<typeof fs.open>) => {
    const handle = await fs.open(...args);
    if (injected.full) handle.writeFile = async () => Promise.reject(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }));
    return handle;
  }) as typeof fs.open;
  return { ...fs, open, default: { ...fs, open } };
});

const folder = () => mkdtempSync(join(tmpdir(), 'netwright-files-'));

describe('writeFileAtomic', () => {
  it('replaces the file in one step and leaves nothing else', async () => {
    const dir = folder();
    const file = join(dir, 'deep', 'settings.json');
    await writeFileAtomic(file, 'one');
    await writeFileAtomic(file, 'two');
    expect(readFileSync(file, 'utf8')).toBe('two');
    expect(readdirSync(join(dir, 'deep'))).toEqual(['settings.json']);
  });

  it('names the file and the cause when its folder cannot be made', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'a-file'), '');
    const target = join(dir, 'a-file', 'settings.json');
    const error = await writeFileAtomic(target, '{}').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WriteError);
    expect((error as WriteError).message).toMatch(new RegExp(`^.+ while writing ${target.replace(/[.]/g, '\\.')}$`));
    expect((error as WriteError).file).toBe(target);
  });
});

describe('faults: disk full while writing a file atomically', () => {
  const disk = smallDisk();
  afterAll(() => disk.unmount());

  itWhen(disk.mounted, 'tmpfs')('on a real full tmpfs: the old file stays whole, no temporary file is left, the error names the file', async () => {
    const file = join(disk.dir, 'settings.json');
    await writeFileAtomic(file, 'old contents');
    disk.fill();
    await expect(writeFileAtomic(file, 'x'.repeat(64 * 1024))).rejects.toThrow(`No space left on device while writing ${file}`);
    expect(readFileSync(file, 'utf8')).toBe('old contents');
    expect(readdirSync(disk.dir).sort()).toEqual(['filler', 'settings.json']);
    disk.free();
    await writeFileAtomic(file, 'new contents');
    expect(readFileSync(file, 'utf8')).toBe('new contents');
  });

  it('with an injected ENOSPC: the same, on any machine', async () => {
    const dir = folder();
    const file = join(dir, 'autosave', 'window-1.json');
    await writeFileAtomic(file, 'old contents');
    injected.full = true;
    try {
      await expect(writeFileAtomic(file, 'new contents')).rejects.toThrow(`No space left on device while writing ${file}`);
    } finally {
      injected.full = false;
    }
    expect(readFileSync(file, 'utf8')).toBe('old contents');
    expect(readdirSync(join(dir, 'autosave'))).toEqual(['window-1.json']);
  });
});
