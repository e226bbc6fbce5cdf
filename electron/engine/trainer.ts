/**
 * The trainer process: receives `{ type: 'start', doc, options }` then maybe `{ type: 'stop' }`,
 * trains, sends every `TrainEvent` back and exits. Runs under `child_process.fork` (process.send)
 * or as an Electron utilityProcess (process.parentPort); a crash here ends a run, not the app.
 */
import type { TrainEvent } from '../../shared/api';
import { TrainerRequestSchema } from './protocol';
import { train, type StopSignal } from './train';

interface Channel {
  /** Resolves once the message has left this process (so exiting after it loses nothing). */
  send(event: TrainEvent): Promise<void>;
  onMessage(listener: (message: unknown) => void): void;
  /** Electron's parentPort has no delivery callback; give its queue a moment before exiting. */
  drainMs: number;
}

interface ParentPort {
  on(event: 'message', listener: (e: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

function connect(): Channel {
  const port = (process as unknown as { parentPort?: ParentPort }).parentPort;
  if (port) {
    return { send: async (e) => port.postMessage(e), onMessage: (l) => port.on('message', (e) => l(e.data)), drainMs: 100 };
  }
  if (process.send) {
    // The parent went away: nobody is listening, so stop using its CPU.
    process.on('disconnect', () => process.exit(0));
    return {
      send: (e) => new Promise((resolve) => process.send!(e, undefined, undefined, () => resolve())),
      onMessage: (l) => process.on('message', l),
      drainMs: 0,
    };
  }
  throw new Error('The trainer must be started as a child process (child_process.fork or Electron utilityProcess).');
}

/** Wire a channel to `train`: one run per process, then exit once every event has been sent. */
function serve(channel: Channel, exit: (code: number) => void): void {
  const pending = new Set<Promise<void>>();
  const send = (e: TrainEvent) => {
    const p = channel.send(e).finally(() => pending.delete(p));
    pending.add(p);
  };
  const finish = async (code: number) => {
    await Promise.all(pending);
    if (channel.drainMs > 0) await new Promise((r) => setTimeout(r, channel.drainMs));
    exit(code);
  };
  const signal: StopSignal = { stopped: false };
  let running = false;

  process.on('uncaughtException', (err) => {
    send({ type: 'error', message: `The trainer crashed: ${err.message}` });
    void finish(1);
  });

  channel.onMessage((raw) => {
    const parsed = TrainerRequestSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      send({ type: 'error', message: `The trainer got an invalid request at "${issue.path.join('.')}": ${issue.message}` });
      void finish(1);
      return;
    }
    const request = parsed.data;
    if (request.type === 'stop') {
      signal.stopped = true;
      if (!running) {
        send({ type: 'stopped' });
        void finish(0);
      }
      return;
    }
    if (running) {
      send({ type: 'log', message: 'A run is already in progress in this trainer; the new start request was ignored.' });
      return;
    }
    running = true;
    void train(request.doc, request.options, send, signal).then(() => finish(0));
  });
}

serve(connect(), (code) => process.exit(code));
