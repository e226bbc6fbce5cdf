/**
 * Trainer processes the test drives by hand: `const trainers = fakeTrainers()`, pass
 * `trainers.spawn` as the service's or a job's `spawnTrainer`, then make each one say what the
 * test wants (`trainers.all[0]!.say({ type: 'epoch', … })`), exit or answer. Nothing runs on a
 * timer: `trainers.started(n)` resolves when the n-th trainer has been spawned.
 */
import type { TrainerProcess, SpawnTrainer } from '../../../node/engine/process/runner';
import type { TrainerRequest } from '../../../node/engine/protocol/messages';

export interface FakeTrainer {
  /** Every request the parent sent, in order. */
  sent: TrainerRequest[];
  killed: boolean;
  ended: boolean;
  /** Send a message to the parent, as the trainer's process.send would. */
  say(message: unknown): void;
  /** End the process (code 0 unless given). */
  exit(code?: number | null, signal?: string | null): void;
}

export function fakeTrainers(options: { exitOnStop?: boolean } = {}) {
  const all: FakeTrainer[] = [];
  const waiters: { n: number; resolve: () => void }[] = [];
  const spawn: SpawnTrainer = (): TrainerProcess => {
    let onMessage: ((m: unknown) => void) | undefined;
    let onExit: ((code: number | null, signal: string | null) => void) | undefined;
    const fake: FakeTrainer = {
      sent: [],
      killed: false,
      ended: false,
      say: (message) => {
        if (!fake.ended) onMessage?.(message);
      },
      exit: (code = 0, signal = null) => {
        if (fake.ended) return;
        fake.ended = true;
        onExit?.(code, signal);
      },
    };
    all.push(fake);
    for (const w of waiters.filter((w) => all.length >= w.n)) w.resolve();
    return {
      pid: 10_000 + all.length,
      send: (message) => {
        fake.sent.push(message);
        if (message.type === 'stop' && (options.exitOnStop ?? true)) fake.exit(0);
      },
      onMessage: (listener) => (onMessage = listener),
      onExit: (listener) => (onExit = listener),
      kill: () => {
        fake.killed = true;
        fake.exit(null, 'SIGKILL');
      },
    };
  };
  return {
    spawn,
    all,
    /** Trainers alive now (spawned, not ended). */
    live: () => all.filter((t) => !t.ended),
    /** Resolves once `n` trainers have been spawned in all. */
    started: (n: number) => new Promise<void>((resolve) => (all.length >= n ? resolve() : waiters.push({ n, resolve }))),
  };
}
