/**
 * The torch engine: the document's generated PyTorch training script (shared/codegen) runs in a
 * Python child process and its JSON lines become the same events the tfjs trainer sends, behind
 * the runner's `TrainerProcess` interface — so charts, history, pause and stop work the same.
 * Pause and resume are SIGSTOP and SIGCONT; stop ends the process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { TrainOptions } from '../../../shared/api';
import { toPyTorchTrainingScript } from '../../../shared/codegen/pytorch-train';
import type { NetwrightDocument } from '../../../shared/graph/schema';
import { loadFashionMnistPool, loadMnistPool } from '../data/mnist';
import type { SpawnTrainer, TrainerProcess } from '../runner';
import { writeIdx } from './idx';
import { findTorchPython } from './python';

export const NO_TORCH =
  'The torch engine needs a Python with PyTorch: none of $NETWRIGHT_PYTHON, /usr/bin/python3 and python3 can import torch (apt-get install python3-torch, or pip install torch).';

/** The train.py arguments for a document and the run's options. */
export function scriptArgs(doc: NetwrightDocument, options: TrainOptions, data?: string): string[] {
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
  return args;
}

/** Where MNIST-like datasets are written as IDX files for Python, once. */
async function idxFolder(dataset: string, cacheDir: string): Promise<string | undefined> {
  if (dataset === 'mnist') return writeIdx(await loadMnistPool(), join(cacheDir, 'mnist-idx'));
  if (dataset === 'fashion-mnist') return writeIdx(await loadFashionMnistPool(), join(cacheDir, 'fashion-mnist-idx'));
  return undefined;
}

/** A SpawnTrainer for the runner: `startRun({ doc, options }, onEvent, torchTrainer())`. */
export function torchTrainer(cacheDir = join(process.env.NETWRIGHT_DATA_DIR ?? join(homedir(), '.netwright'), 'cache')): SpawnTrainer {
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

    async function launch(doc: NetwrightDocument, options: TrainOptions) {
      const python = findTorchPython();
      if (!python) return fail(NO_TORCH);
      const dir = await mkdtemp(join(tmpdir(), 'netwright-torch-'));
      await writeFile(join(dir, 'train.py'), toPyTorchTrainingScript(doc));
      const data = await idxFolder(options.dataset ?? doc.training.dataset, cacheDir);
      if (stopped) return end(0, null);
      const proc = spawn(python.python, scriptArgs(doc, options, data), { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
      child = proc;
      const errors: string[] = [];
      createInterface({ input: proc.stdout! }).on('line', (line) => {
        try {
          onMessage(JSON.parse(line));
        } catch {
          onMessage({ type: 'log', message: line });
        }
      });
      createInterface({ input: proc.stderr! }).on('line', (line) => errors.push(line) > 20 && errors.shift());
      proc.on('close', (code, signal) => {
        void rm(dir, { recursive: true, force: true });
        if (code !== 0 && !stopped && errors.length) onMessage({ type: 'error', message: `PyTorch failed: ${errors.slice(-3).join(' ')}` });
        end(code, signal);
      });
      proc.on('error', (e) => fail(`Cannot start ${python.python}: ${e.message}`));
    }

    return {
      send(request) {
        switch (request.type) {
          case 'start':
            void launch(request.doc as NetwrightDocument, (request.options ?? {}) as TrainOptions).catch((e: Error) => fail(e.message));
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
