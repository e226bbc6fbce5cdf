/**
 * The torch engine: the document's generated PyTorch training script (shared/codegen) runs in a
 * Python child process and its JSON lines become the same events the tfjs trainer sends, behind
 * the runner's `TrainerProcess` interface — so charts, history, pause and stop work the same.
 * Pause and resume are SIGSTOP and SIGCONT; stop ends the process. The final weights and the best
 * epoch's are kept (saved.ts): train.py writes model.pt before its done event (before the epoch
 * event of a new best), the engine netwright.json beside it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { EpochMetrics, TrainEvent, TrainOptions } from '../../../shared/api';
import { toPyTorchTrainingScript } from '../../../shared/codegen/pytorch-train';
import type { NetwrightDocument } from '../../../shared/graph/schema';
import { weightDirs, type TrainerConfig } from '../protocol/messages';
import type { SpawnTrainer, TrainerProcess } from '../process/runner';
import { resolveSettings } from '../loop/run-settings';
import { prepareDataset } from './dataset';
import { findTorchPython } from './python';
import { torchModelMeta, writeTorchMeta } from './saved';
import { placeStartWeights } from './start-weights';

export const NO_TORCH =
  'The torch engine needs a Python with PyTorch: none of the Python path in Settings, $NETWRIGHT_PYTHON, /usr/bin/python3 and python3 can import torch (apt-get install python3-torch, or pip install torch, then set its Python in Settings).';

/** The train.py arguments for a document and the run's options; `save`: where the final model.pt goes, `best`: the best epoch's. */
export function scriptArgs(doc: NetwrightDocument, options: TrainOptions, data?: string, save: readonly string[] = [], best: readonly string[] = [], weights?: string): string[] {
  const t = doc.training;
  const args = [
    'train.py',
    ...['--dataset', options.dataset ?? t.dataset],
    ...['--epochs', String(options.epochs ?? t.epochs)],
    ...['--batch-size', String(options.batchSize ?? t.batchSize)],
    ...['--lr', String(options.learningRate ?? t.learningRate)],
    ...['--optimizer', options.optimizer ?? t.optimizer],
    ...['--seed', String(t.seed)],
  ];
  if (options.limit) args.push('--limit', String(options.limit));
  if (data) args.push('--data', data);
  for (const dir of save) args.push('--save', dir);
  for (const dir of best) args.push('--save-best', dir);
  if (weights) args.push('--weights', weights);
  return args;
}

/** The Input node's [height, width, channels]: what the prepared images are fitted to. */
export function inputShape(doc: NetwrightDocument): [number, number, number] {
  const input = doc.graph.nodes.find((n) => n.kind === 'Input');
  if (!input) throw new Error('The graph has no Input layer.');
  const p = input.params as { height: number; width: number; channels: number };
  return [p.height, p.width, p.channels];
}

/**
 * The run's dataset as the tfjs engine would train on it (same split, limit and fitting), written
 * for train.py into `dir`: `await prepareRunData(doc, { limit: 512 }, dir, cacheDir)`; `valLimit`
 * keeps only the first validation samples.
 */
export function prepareRunData(doc: NetwrightDocument, options: TrainOptions, dir: string, cacheDir?: string, valLimit?: number) {
  const s = resolveSettings(doc.training, options);
  return prepareDataset(s.dataset, { seed: s.seed, validationSplit: s.validationSplit, input: inputShape(doc), limit: s.limit, valLimit, cacheDir }, dir);
}

export interface TorchTrainerOptions {
  /** Where decoded image folders are cached (the data folder's cache/). */
  cacheDir?: string;
  /** The Python the settings name, tried before auto-detection; read at each run's start. */
  pythonPath?: () => string | undefined;
  /** Where to look after it (default: $NETWRIGHT_PYTHON, /usr/bin/python3, python3). */
  search?: string[];
  /** Validate on only the first N samples (for timing, where validation is not timed). */
  valLimit?: number;
}

/** A SpawnTrainer for the runner: `startRun({ doc, options }, onEvent, torchTrainer({ cacheDir }))`. */
export function torchTrainer({ cacheDir, pythonPath = () => undefined, search, valLimit }: TorchTrainerOptions = {}): SpawnTrainer {
  return (): TrainerProcess => {
    let child: ChildProcess | undefined;
    let onMessage: (m: unknown) => void = () => undefined;
    let onExit: (code: number | null, signal: string | null) => void = () => undefined;
    let ended = false;
    let stopped = false;
    const end = (code: number | null, signal: string | null) => {
      if (ended) return;
      ended = true;
      onExit(code, signal);
    };
    const fail = (message: string) => {
      onMessage({ type: 'error', message });
      end(1, null);
    };

    async function launch(doc: NetwrightDocument, options: TrainOptions, config: TrainerConfig) {
      const python = await findTorchPython(pythonPath(), search);
      if (!python) return fail(NO_TORCH);
      const dir = await mkdtemp(join(tmpdir(), 'netwright-torch-'));
      const cleanUp = () => void rm(dir, { recursive: true, force: true });
      let weights: string | undefined;
      try {
        await writeFile(join(dir, 'train.py'), toPyTorchTrainingScript(doc));
        await prepareRunData(doc, options, dir, config.cacheDir ?? cacheDir, valLimit);
        weights = config.weights ? await placeStartWeights(config.weights, dir) : undefined;
      } catch (e) {
        cleanUp();
        throw e;
      }
      if (stopped) {
        cleanUp();
        return end(0, null);
      }
      const [saveTo, saveBest] = [weightDirs(config, 'final'), weightDirs(config, 'best')];
      const proc = spawn(python.python, scriptArgs(doc, options, dir, saveTo, saveBest, weights), { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
      child = proc;
      const errors: string[] = [];
      let start: Extract<TrainEvent, { type: 'start' }> | undefined;
      let bestAcc = -Infinity;
      const writeMeta = (dirs: string[], from: Extract<TrainEvent, { type: 'start' }>, metrics: EpochMetrics | undefined, which: string) => {
        try {
          writeTorchMeta(dirs, torchModelMeta(doc, options, from, metrics));
        } catch (e) {
          onMessage({ type: 'log', message: `Could not write netwright.json beside the ${which} weights: ${(e as Error).message}` });
        }
      };
      createInterface({ input: proc.stdout! }).on('line', (line) => {
        let message: unknown;
        try {
          message = JSON.parse(line);
        } catch {
          message = { type: 'log', message: line };
        }
        const event = message as TrainEvent;
        if (event.type === 'start') {
          start = event;
          // The run history's folder, as the tfjs trainer reports it in its start event.
          if (config.runDir) message = { ...event, runDir: config.runDir };
        }
        // model.pt is there (train.py saves it before the event): netwright.json joins it before the event is reported.
        if (event.type === 'epoch' && start && saveBest.length && event.valAcc > bestAcc) {
          bestAcc = event.valAcc;
          writeMeta(saveBest, start, event, "best epoch's");
        }
        if (event.type === 'done' && start && saveTo.length) writeMeta(saveTo, start, event.epochs.at(-1), 'final');
        onMessage(message);
      });
      createInterface({ input: proc.stderr! }).on('line', (line) => errors.push(line) > 20 && errors.shift());
      proc.on('close', (code, signal) => {
        cleanUp();
        if (code !== 0 && !stopped && errors.length) onMessage({ type: 'error', message: `PyTorch failed: ${errors.slice(-3).join(' ')}` });
        end(code, signal);
      });
      proc.on('error', (e) => fail(`Cannot start ${python.python}: ${e.message}`));
    }

    return {
      send(request) {
        switch (request.type) {
          case 'start':
            void launch(request.doc as NetwrightDocument, (request.options ?? {}) as TrainOptions, request.config ?? {}).catch((e: Error) => fail(e.message));
            break;
          case 'stop':
            stopped = true;
            onMessage({ type: 'stopped' });
            if (child) {
              child.kill('SIGCONT');
              child.kill('SIGTERM');
            }
            break;
          case 'pause':
            if (child?.kill('SIGSTOP')) onMessage({ type: 'paused' });
            break;
          case 'resume':
            if (child?.kill('SIGCONT')) onMessage({ type: 'resumed' });
            break;
        }
      },
      onMessage: (listener) => (onMessage = listener),
      onExit: (listener) => (onExit = listener),
      kill: () => {
        if (child) child.kill('SIGKILL');
        else end(null, 'SIGKILL');
      },
    };
  };
}
