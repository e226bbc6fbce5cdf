/**
 * `netwright train <file | template-id> [--dataset SPEC] [--epochs N] [--batch N] [--limit N]
 * [--optimizer sgd|adam|rmsprop] [--lr X] [--backend tensorflow|wasm|cpu] [--threads N] [--save DIR]
 * [--engine tfjs|torch] [--weights FILE|imagenet] [--estimate] [--json]`: the same trainer process the app uses, reporting to
 * a terminal (a progress bar) or as JSON lines ending with the final event. `--estimate` measures
 * the speed first, as the app's "Measure speed" does, and says at the end how far off it was.
 * `--weights` starts from pretrained weights (fine-tuning: loop/initial-weights.ts).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { BACKENDS, describeBackend, type EpochMetrics, type TrainEvent, type TrainOptions } from '../../shared/api';
import { DATASET_HELP, parseDatasetSpec } from '../../shared/datasets';
import { OPTIMIZERS, type NetwrightDocument } from '../../shared/graph/schema';
import { inferGraph } from '../../shared/infer';
import { healthWarnings, warningText } from '../../shared/health';
import { duration, estimateOff, etaText, secondsPerEpoch } from '../../shared/timeText';
import { timeOf } from '../engine/budget/estimate';
import { runProbe } from '../engine/process/jobs';
import { probeTorch } from '../engine/torch/probe';
import { startRun } from '../engine/process/runner';
import { torchTrainer, NO_TORCH, type TorchTrainerOptions } from '../engine/torch/process';
import { findTorchPythonSync } from '../engine/torch/python';
import { settingsStore } from '../app-settings';
import { defaultDataDir } from '../paths';
import { intFlag, UsageError, type Parsed } from './args';
import { InvalidModel } from './evaluate';
import { imagenetWeights } from './predict';
import { InvalidDocument } from './documents';

export const TRAIN_FLAGS = ['json', 'dataset', 'epochs', 'batch', 'limit', 'optimizer', 'lr', 'backend', 'threads', 'save', 'engine', 'estimate', 'weights'];

export interface TrainCliOptions extends TrainOptions {
  json: boolean;
  /** tfjs (built in) or torch (the generated PyTorch script in a Python process). */
  engine?: 'tfjs' | 'torch';
  /** Save the final model (and the best epoch's in best/) here. */
  save?: string;
  /** Measure the speed before training, and compare after. */
  estimate?: boolean;
  /** Start from these weights: a file or saved model's folder (resolved), or `imagenet` (the template's cached checkpoint). */
  weights?: string;
}

/** A string flag that must be one of `choices`. */
function choice<T extends string>(flags: Parsed['flags'], name: string, choices: readonly T[]): T | undefined {
  const v = flags[name];
  if (v === undefined) return undefined;
  if (v === true || !(choices as readonly string[]).includes(v)) throw new UsageError(`--${name} must be one of: ${choices.join(', ')}`);
  return v as T;
}

/** The train command's options from its flags; throws UsageError for a bad one. */
export function trainOptionsFromFlags(flags: Parsed['flags']): TrainCliOptions {
  const engine = choice(flags, 'engine', ['tfjs', 'torch'] as const);
  if (engine === 'torch' && !findTorchPythonSync(settingsStore(defaultDataDir()).read().pythonPath)) throw new UsageError(NO_TORCH);
  let dataset: string | undefined;
  if (flags.dataset !== undefined) {
    if (flags.dataset === true) throw new UsageError(`--dataset needs a value: ${DATASET_HELP}`);
    const parsed = parseDatasetSpec(flags.dataset);
    if (!parsed.ok) throw new UsageError(`--dataset: ${parsed.message}`);
    dataset = flags.dataset;
  }
  let learningRate: number | undefined;
  if (flags.lr !== undefined) {
    learningRate = Number(flags.lr);
    if (flags.lr === true || !(learningRate > 0 && learningRate <= 10)) throw new UsageError('--lr must be a number above 0 and at most 10, e.g. 0.001');
  }
  if (flags.save === true) throw new UsageError('--save needs a folder');
  const out: TrainCliOptions = {
    json: flags.json === true,
    estimate: flags.estimate === true ? true : undefined,
    engine,
    dataset,
    epochs: intFlag(flags, 'epochs', 1, 1000),
    batchSize: intFlag(flags, 'batch', 1, 4096),
    limit: intFlag(flags, 'limit', 1, 10_000_000),
    optimizer: choice(flags, 'optimizer', OPTIMIZERS),
    learningRate,
    backend: choice(flags, 'backend', BACKENDS),
    threads: intFlag(flags, 'threads', 1, 8),
    save: flags.save === undefined ? undefined : resolve(flags.save),
    weights: flags.weights === undefined || flags.weights === 'imagenet' ? flags.weights : resolve(String(flags.weights)),
  };
  for (const key of Object.keys(out) as (keyof TrainCliOptions)[]) if (out[key] === undefined) delete out[key];
  return out;
}

/** Resolves to the process exit code: 0 when training finished, 3 when it failed or was stopped. */
export async function trainCommand(doc: NetwrightDocument, opts: TrainCliOptions, out: NodeJS.WriteStream = process.stdout): Promise<number> {
  const errors = inferGraph(doc.graph, doc.blocks).errors;
  if (errors.length > 0) throw new InvalidDocument(`The graph has errors:\n${errors.map((e) => `  ${e.nodeId}: ${e.message}`).join('\n')}`);
  const { json, save, engine, estimate, weights, ...options } = opts;
  let code = 3;
  const show = json ? (e: TrainEvent) => out.write(JSON.stringify(e) + '\n') : progressPrinter(out);
  const config = { cacheDir: resolve(defaultDataDir(), 'cache'), ...(save ? { saveTo: save } : {}), ...(weights ? { weights: startingWeights(doc, weights) } : {}) };
  const torch = { cacheDir: config.cacheDir, pythonPath: () => settingsStore(defaultDataDir()).read().pythonPath };
  const estimated = estimate ? await measureSpeed(doc, { ...options, engine }, torch, json, out) : undefined;
  const epochs: EpochMetrics[] = [];
  const run = startRun(
    { doc, options, config },
    (event) => {
      if (event.type === 'done') code = 0;
      if (event.type === 'epoch') epochs.push(event);
      if (event.type === 'error' && !json) process.stderr.write(`Training failed: ${event.message}\n`);
      show(event);
    },
    engine === 'torch' ? torchTrainer(torch) : undefined,
  );
  const interrupt = () => run.stop();
  process.once('SIGINT', interrupt);
  await run.done;
  process.off('SIGINT', interrupt);
  const took = secondsPerEpoch(epochs);
  if (!json && estimated !== undefined && took !== undefined) out.write(`Speed: ${estimateOff(estimated, took)}\n`);
  return code;
}

/** `--weights`: the file or folder, or for `imagenet` the template's checkpoint in the cache; one clear line when it is not there. */
function startingWeights(doc: NetwrightDocument, weights: string): { path: string } {
  const path = weights === 'imagenet' ? imagenetWeights(doc) : weights;
  if (!existsSync(path)) throw new InvalidModel(`${path} does not exist.`);
  return { path };
}

/**
 * `--estimate`: time the engine as "Measure speed" does, print the figure (a first JSON line
 * `{"type":"estimate",…}` with `--json`) and return seconds per epoch; a failed probe is reported
 * and training goes on.
 */
async function measureSpeed(doc: NetwrightDocument, options: TrainOptions, torch: TorchTrainerOptions, json: boolean, out: NodeJS.WriteStream): Promise<number | undefined> {
  try {
    const probe = options.engine === 'torch' ? await probeTorch(doc, options, torch) : await runProbe(doc, options, undefined, torch.cacheDir);
    const time = timeOf(probe);
    out.write(json ? JSON.stringify({ type: 'estimate', ...time }) + '\n' : `Estimate: ${duration(time.secondsPerEpoch)} per epoch (${time.engine} · ${time.backend})\n`);
    return time.secondsPerEpoch;
  } catch (e) {
    process.stderr.write(`Could not measure the speed: ${(e as Error).message}\n`);
    return undefined;
  }
}

function progressPrinter(out: NodeJS.WriteStream) {
  let epochs = 0;
  let classNames: string[] = [];
  let backend = '';
  /** Each node's warnings are printed once per kind, not at every sampled batch. */
  const warned = new Set<string>();
  return (e: TrainEvent) => {
    switch (e.type) {
      case 'start':
        epochs = e.epochs;
        classNames = e.classNames ?? [];
        backend = describeBackend(e.backend, e.threads);
        out.write(`Training on ${e.trainSamples} samples${e.dataset ? ` of ${e.dataset}` : ''}, validating on ${e.valSamples} · engine ${e.engine} · backend ${backend}\n`);
        if (e.frozenParams) out.write(`Parameters: ${e.trainableParams?.toLocaleString('en-US')} trainable, ${e.frozenParams.toLocaleString('en-US')} frozen\n`);
        break;
      case 'batch':
        if (out.isTTY) {
          const width = 30;
          const filled = Math.round((e.batch / e.batches) * width);
          const left = etaText(e.eta);
          const eta = left ? ` · ${left}` : '';
          out.write(`\r\x1b[KEpoch ${e.epoch}/${epochs} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${e.batch}/${e.batches} loss ${e.loss.toFixed(4)} acc ${e.acc.toFixed(3)}${eta}`);
        }
        break;
      case 'epoch':
        out.write(`${out.isTTY ? '\r\x1b[K' : ''}Epoch ${e.epoch}/${epochs}: loss ${e.loss.toFixed(4)} acc ${e.acc.toFixed(4)} · val loss ${e.valLoss.toFixed(4)} val acc ${e.valAcc.toFixed(4)}${e.seconds !== undefined ? ` · ${duration(e.seconds)}` : ''}\n`);
        break;
      case 'evaluation': {
        const worst = e.perClassAccuracy
          .map((a, k) => ({ a, name: classNames[k] ?? String(k) }))
          .filter((c): c is { a: number; name: string } => c.a !== null)
          .sort((x, y) => x.a - y.a)
          .slice(0, 3);
        if (worst.length) out.write(`  weakest classes: ${worst.map((c) => `${c.name} ${c.a.toFixed(3)}`).join(', ')}\n`);
        break;
      }
      case 'done':
        out.write(`Done: ${Math.round(e.samplesPerSecond)} samples/s on ${backend || e.backend}${e.bestEpoch !== undefined ? ` · best epoch ${e.bestEpoch}` : ''}\n`);
        break;
      case 'paused':
        out.write('\nPaused.\n');
        break;
      case 'resumed':
        out.write('Resumed.\n');
        break;
      case 'stopped':
        out.write('\nStopped.\n');
        break;
      case 'log':
        out.write(`${e.message}\n`);
        break;
      case 'health':
        for (const w of healthWarnings(e).filter((w) => !warned.has(`${w.node} ${w.issue}`))) {
          warned.add(`${w.node} ${w.issue}`);
          out.write(`${out.isTTY ? '\r\x1b[K' : ''}Health at epoch ${e.epoch}, batch ${e.batch}: ${warningText(w)}\n`);
        }
        break;
      case 'error':
        break;
    }
  };
}
