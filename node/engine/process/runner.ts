/**
 * The parent side of a training run: start a trainer process, validate and forward its events,
 * and make sure every run ends with exactly one final event (done, stopped or error) even when
 * the process crashes or hangs.
 */
import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { TrainEventSchema, type TrainEvent, type TrainOptions } from '../../../shared/api';
import type { NetwrightDocument } from '../../../shared/graph/schema';
import { distPath } from '../../paths';
import { FINAL_EVENTS, OUT_OF_MEMORY, type TrainerConfig, type TrainerRequest } from '../protocol/messages';

/** How long a trainer may take to end after `stop()` (or after its final event) before it is killed. */
export const STOP_GRACE_MS = 2000;

/** A started trainer process, whatever started it (child_process.fork, Electron utilityProcess, a test). */
export interface TrainerProcess {
  pid?: number;
  send(message: TrainerRequest): void;
  onMessage(listener: (message: unknown) => void): void;
  /** Called once when the process has ended (or could not start: code and signal null). */
  onExit(listener: (code: number | null, signal: string | null) => void): void;
  kill(): void;
  /** The last few kilobytes the process wrote to stderr, where its starter keeps them. */
  stderrTail?(): string;
}

export type SpawnTrainer = () => TrainerProcess;

export interface Run {
  /** Ask the trainer to stop; it is killed (and `stopped` reported) if still alive after 2 s. */
  stop(): void;
  /** Ask the trainer to pause between two batches (it reports `paused`); false once the run is over. */
  pause(): boolean;
  /** Ask a paused trainer to go on (it reports `resumed`); false once the run is over. */
  resume(): boolean;
  /**
   * End the run from this side with an error event carrying `message` (e.g. its record cannot
   * be written): the trainer is asked to stop, killed if still alive after 2 s, and nothing it
   * reports afterwards is forwarded. Nothing happens once the run is over.
   */
  fail(message: string): void;
  /** Resolves when the trainer process has ended and the final event has been reported. */
  done: Promise<void>;
}

/** The built trainer entry; the source is node/engine/process/trainer.ts. */
export const trainerPath = () => distPath('node', 'trainer.js');

/** Start the built trainer with child_process.fork (Node, the CLI, the browser host). */
export const forkTrainer: SpawnTrainer = () => forkTrainerAt(trainerPath());

/** How much of a trainer's stderr is kept to explain how it died (V8's fatal error is followed by a native stack trace). */
const STDERR_TAIL = 16_384;

/**
 * Start the trainer script at `path`, e.g. one built just for a test: `forkTrainerAt(trainerPath())`;
 * `execArgv` are Node's flags for it (none by default, so it does not inherit a test runner's or
 * debugger's).
 */
export function forkTrainerAt(path: string, execArgv: string[] = []): TrainerProcess {
  if (!existsSync(path)) throw new Error(`The trainer is not built (${path} is missing): run npm run build.`);
  const child = fork(path, [], { execArgv, stdio: ['ignore', 'inherit', 'pipe', 'ipc'] });
  // stderr still reaches the terminal; its tail is kept to explain a crash (e.g. a full heap).
  let tail = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    process.stderr.write(chunk);
    tail = (tail + chunk).slice(-STDERR_TAIL);
  });
  let exitListener: ((code: number | null, signal: string | null) => void) | undefined;
  let ended = false;
  const end = (code: number | null, signal: string | null) => {
    if (ended) return;
    ended = true;
    exitListener?.(code, signal);
  };
  // 'close', not 'exit': it comes after the IPC channel has delivered the last messages, so a
  // final event sent just before exiting is never mistaken for a crash.
  child.on('close', (code, signal) => end(code, signal));
  // A failed spawn may emit 'error' and never 'exit'; a failed send is followed by 'exit' anyway.
  child.on('error', () => {
    if (child.pid === undefined) end(null, null);
  });
  return {
    pid: child.pid,
    send: (message) => {
      if (child.connected) child.send(message);
    },
    onMessage: (listener) => child.on('message', listener),
    onExit: (listener) => (exitListener = listener),
    kill: () => child.kill('SIGKILL'),
    stderrTail: () => tail,
  };
}

/** Why a trainer process ended without a final event, in words. */
export function crashMessage(code: number | null, signal: string | null, stderr = ''): string {
  const how = signal ? `signal ${signal}` : code !== null ? `exit code ${code}` : 'it could not be started';
  if (/heap out of memory|Reached heap limit|Allocation failed|Out of memory|Cannot allocate memory/i.test(stderr)) {
    return `${OUT_OF_MEMORY}: its process was ended (${how}). Use a smaller batch size, input or dataset limit; the estimate before training shows what fits.`;
  }
  return `The trainer process ended unexpectedly (${how}).`;
}

/**
 * Train `request.doc` in its own process and report its events:
 * `const run = startRun({ doc, options: { epochs: 1 } }, console.log); await run.done;`.
 * Throws only if the process cannot be started (e.g. the trainer is not built).
 */
export function startRun(request: { doc: NetwrightDocument; options?: TrainOptions; config?: TrainerConfig }, onEvent: (e: TrainEvent) => void, spawn: SpawnTrainer = forkTrainer): Run {
  const child = spawn();
  let finished = false;
  let exited = false;
  let killTimer: ReturnType<typeof setTimeout> | undefined;

  const killLater = (then?: () => void) => {
    killTimer ??= setTimeout(() => {
      if (exited) return;
      then?.();
      child.kill();
    }, STOP_GRACE_MS);
  };
  const report = (e: TrainEvent) => {
    if (finished) return; // one final event per run; anything after it is noise
    if (FINAL_EVENTS.has(e.type)) {
      finished = true;
      // The trainer exits by itself after its final event; if it hangs, end it.
      killLater();
    }
    onEvent(e);
  };

  const done = new Promise<void>((resolve) => {
    child.onExit((code, signal) => {
      exited = true;
      clearTimeout(killTimer);
      report({ type: 'error', message: crashMessage(code, signal, child.stderrTail?.()) });
      resolve();
    });
  });

  child.onMessage((raw) => {
    const parsed = TrainEventSchema.safeParse(raw);
    if (parsed.success) return report(parsed.data);
    report({ type: 'error', message: `The trainer sent a malformed event: ${parsed.error.issues[0]?.message ?? 'unknown'}.` });
    child.kill();
  });

  child.send({ type: 'start', doc: request.doc, options: request.options ?? {}, config: request.config ?? {} });

  const tell = (type: 'pause' | 'resume') => {
    if (exited || finished) return false;
    child.send({ type });
    return true;
  };
  return {
    stop() {
      if (exited || finished) return;
      child.send({ type: 'stop' });
      killLater(() => report({ type: 'stopped' }));
    },
    pause: () => tell('pause'),
    resume: () => tell('resume'),
    fail(message) {
      if (exited || finished) return;
      report({ type: 'error', message });
      child.send({ type: 'stop' });
    },
    done,
  };
}
