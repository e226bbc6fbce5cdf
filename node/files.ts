/**
 * Writing files so that a crash or a kill never leaves half a file: write a temporary file
 * next to the target, flush it, then rename it over the target (atomic on one file system).
 * A failed write leaves neither half a target nor a temporary file, and says which file and why.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** What a file system error code means, in the words a person reads. */
const CAUSES: Record<string, string> = {
  ENOSPC: 'No space left on device',
  EDQUOT: 'Disk quota exceeded',
  ENOENT: 'Its folder no longer exists',
  ENOTDIR: 'A part of its path is not a folder',
  EACCES: 'Permission denied',
  EPERM: 'Operation not permitted',
  EROFS: 'Read-only file system',
  EIO: 'Input/output error',
  EMFILE: 'Too many open files',
  EISDIR: 'It is a folder',
  EFBIG: 'The file is too large',
};

/** Why a file operation failed, in a few words: `fileErrorCause(e)` → "No space left on device". */
export function fileErrorCause(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  return (code && CAUSES[code]) || (e instanceof Error ? e.message : String(e));
}

/** A write that failed, naming the file and the cause: "No space left on device while writing runs/1/events.jsonl". */
export class WriteError extends Error {
  readonly code: string | undefined;
  constructor(
    /** The file as the message names it. */
    readonly file: string,
    cause: unknown,
  ) {
    super(`${fileErrorCause(cause)} while writing ${file}`, { cause });
    this.name = 'WriteError';
    this.code = (cause as NodeJS.ErrnoException | undefined)?.code;
  }
}

/** `await writeFileAtomic('/data/autosave.netwright.json', text)`; rejects with a `WriteError` naming `path`. */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const temp = join(dirname(path), `.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await mkdir(dirname(path), { recursive: true });
    const handle = await open(temp, 'w');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (e) {
    // Whatever failed (the folder, the write, the flush, the rename), no temporary file stays behind.
    await rm(temp, { force: true }).catch(() => undefined);
    throw new WriteError(path, e);
  }
}
