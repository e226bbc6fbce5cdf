/**
 * The last resort of a long-lived process (the browser-mode host, Electron's main process): an
 * exception nobody caught, or a promise rejection nobody handled, is written with its stack to
 * a log file in the data folder and named in one line on stderr, and the process goes on
 * serving. Nothing is swallowed silently: if the log cannot be written, the stack goes to stderr.
 */
import { appendFileSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { inspect } from 'node:util';
import { fileErrorCause } from '../files';

/** The log's name in the data folder. */
export const ERROR_LOG = 'errors.log';

/** A log larger than this is moved to `<log>.old` (one generation) before the next entry. */
export const ERROR_LOG_LIMIT = 1024 * 1024;

/** What the handler needs of `process`: its two events (a test passes an EventEmitter). */
export interface ProcessEvents {
  on(event: 'uncaughtException' | 'unhandledRejection', listener: (reason: unknown) => void): unknown;
  off(event: 'uncaughtException' | 'unhandledRejection', listener: (reason: unknown) => void): unknown;
}

export interface LastResortOptions {
  /** Where the one line goes (default process.stderr). */
  stderr?: { write(text: string): unknown };
  /** The time stamped on each entry. */
  now?: () => Date;
}

/**
 * `installLastResort(process, join(dataDir, ERROR_LOG))`; returns a function that removes the
 * handlers again.
 */
export function installLastResort(proc: ProcessEvents, logPath: string, options: LastResortOptions = {}): () => void {
  const stderr = options.stderr ?? process.stderr;
  const now = options.now ?? (() => new Date());
  const report = (kind: string, reason: unknown) => {
    try {
      const stack = reason instanceof Error ? (reason.stack ?? `${reason.name}: ${reason.message}`) : inspect(reason);
      const summary = (reason instanceof Error ? reason.message : stack).split('\n')[0]!.slice(0, 300);
      let logged: string | undefined;
      try {
        mkdirSync(dirname(logPath), { recursive: true });
        if (sizeOf(logPath) > ERROR_LOG_LIMIT) renameSync(logPath, `${logPath}.old`);
        appendFileSync(logPath, `[${now().toISOString()}] ${kind}: ${stack}\n\n`);
      } catch (e) {
        logged = `${fileErrorCause(e)} while writing ${logPath}`;
      }
      if (logged === undefined) stderr.write(`netwright: ${kind} (the app goes on; the stack is in ${logPath}): ${summary}\n`);
      else stderr.write(`netwright: ${kind} (the app goes on; not logged: ${logged}): ${stack}\n`);
    } catch {
      // Reporting must never throw from here: that would end the process after all.
    }
  };
  const onException = (error: unknown) => report('unexpected error', error);
  const onRejection = (reason: unknown) => report('unhandled promise rejection', reason);
  proc.on('uncaughtException', onException);
  proc.on('unhandledRejection', onRejection);
  return () => {
    proc.off('uncaughtException', onException);
    proc.off('unhandledRejection', onRejection);
  };
}

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}
