/**
 * The trainer process: receives `{ type: 'start', doc, options, config }` (then maybe `pause`,
 * `resume`, `stop`) and trains, or a one-shot job — `probe` (time a few steps), `preview`
 * (a dataset's sample images), `evaluate` (a saved model on a dataset), `explain` (a saved
 * model's layers for one image), `predict` (pretrained weights' top classes for a photo) or
 * `compare` (forward times of several networks at several batch sizes); sends every
 * reply back and exits. Runs under `child_process.fork` (process.send) or as an Electron
 * utilityProcess (process.parentPort); a crash here ends a run, not the app.
 */
import type { TrainEvent } from '../../../shared/api';
import { RunControl } from '../loop/control';
import { previewDataset } from '../data/preview';
import { trainingErrorMessage } from '../budget/memory';
import { probe } from '../loop/probe';
import { evaluateJob } from '../loop/evaluate-saved';
import { onnxJob } from '../loop/onnx-weights';
import { explainJob } from '../loop/explain-job';
import { predictJob } from '../loop/predict-job';
import { compareJob } from '../loop/compare';
import { TrainerRequestSchema, type CompareReply, type EvaluateReply, type ExplainReply, type PredictReply, type PreviewReply, type ProbeReply } from '../protocol/messages';
import { train } from '../loop/train';
import type { OnnxReply } from '../protocol/messages';

type Reply = TrainEvent | ProbeReply | PreviewReply | EvaluateReply | OnnxReply | ExplainReply | PredictReply | CompareReply;

interface Channel {
  /** Resolves once the message has left this process (so exiting after it loses nothing). */
  send(reply: Reply): Promise<void>;
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

/** Wire a channel to `train` (or `probe`): one job per process, then exit once every reply has been sent. */
function serve(channel: Channel, exit: (code: number) => void): void {
  const pending = new Set<Promise<void>>();
  const send = (e: Reply) => {
    const p = channel.send(e).finally(() => pending.delete(p));
    pending.add(p);
  };
  const finish = async (code: number) => {
    await Promise.all(pending);
    if (channel.drainMs > 0) await new Promise((r) => setTimeout(r, channel.drainMs));
    exit(code);
  };
  const control = new RunControl();
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
    switch (request.type) {
      case 'stop':
        control.stop();
        if (!running) {
          send({ type: 'stopped' });
          void finish(0);
        }
        return;
      case 'pause':
        control.pause();
        return;
      case 'resume':
        control.resume();
        return;
      case 'start':
      case 'probe':
      case 'preview':
      case 'onnx':
      case 'evaluate':
      case 'explain':
      case 'predict':
      case 'compare':
        if (running) {
          send({ type: 'log', message: 'A job is already running in this trainer; the new request was ignored.' });
          return;
        }
        running = true;
        if (request.type !== 'start') {
          const job: Promise<Reply> =
            request.type === 'probe'
              ? probe(request.doc, request.options, { cacheDir: request.config.cacheDir })
              : request.type === 'onnx'
                ? onnxJob(request)
              : request.type === 'evaluate'
                ? evaluateJob(request)
                : request.type === 'explain'
                  ? explainJob(request)
                  : request.type === 'predict'
                    ? predictJob(request)
                    : request.type === 'compare'
                      ? compareJob(request)
                    : previewDataset(request.dataset, request.count, request.seed, request.cacheDir).then((preview) => ({ type: 'preview' as const, preview }));
          void job.then(
            (reply) => (send(reply), finish(0)),
            (e: unknown) => (send({ type: 'error', message: trainingErrorMessage(e) }), finish(0)),
          );
        } else {
          void train(request.doc, request.options, send, control, request.config).then(() => finish(0));
        }
    }
  });
}

serve(connect(), (code) => process.exit(code));
