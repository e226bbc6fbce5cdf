/**
 * The engine service's training methods: runs (start, stop, pause, resume), the estimate before
 * a run, dataset previews and the run history (with its saved models: evaluate, download).
 * Every run is recorded in the data folder's run history. tfjs runs in trainer processes, never
 * here; a torch run's dataset is read and written out for train.py here, before Python starts.
 */
import { randomUUID } from 'node:crypto';
import { freemem, totalmem } from 'node:os';
import { basename, join } from 'node:path';
import type { methods, ReplyOf, TrainEvent, TrainOptions } from '../shared/api';
import type { NetwrightDocument } from '../shared/graph/schema';
import { inferGraph } from '../shared/infer';
import { estimateRun } from './engine/budget/estimate';
import { runEvaluate, runExplain, runPreview, runProbe } from './engine/process/jobs';
import { startRun, type Run, type SpawnTrainer } from './engine/process/runner';
import { runOnnx } from './engine/process/jobs';
import { snakeCase } from '../shared/codegen/names';
import { resolveSettings } from './engine/loop/run-settings';
import { probeTorch } from './engine/torch/probe';
import { hasNativeBinding } from './engine/backend/native';
import { defaultRunName, type RunSetup } from '../shared/runName';
import { torchTrainer, type TorchTrainerOptions } from './engine/torch/process';
import { findTorchPython } from './engine/torch/python';
import type { ApiEvent } from '../shared/api';
import { RunStore } from './runs';
import { importRun } from './runs-import';
import { weightsFile } from './service-weights-file';
import { importedWeightsPath } from './service-import';

type TrainingMethod =
  | 'train.start'
  | 'train.stop'
  | 'train.pause'
  | 'train.resume'
  | 'train.estimate'
  | 'dataset.preview'
  | 'runs.list'
  | 'runs.get'
  | 'runs.delete'
  | 'runs.update'
  | 'runs.import'
  | 'runs.evaluate'
  | 'runs.explain'
  | 'explain'
  | 'runs.model'
  | 'export.onnx';
export type TrainingHandlers = { [M in TrainingMethod]: (request: ReturnType<(typeof methods)[M]['request']['parse']>) => Promise<ReplyOf<M>> };

export interface TrainingHost {
  emit(event: ApiEvent): void;
  spawnTrainer?: SpawnTrainer;
  /** How runs with `engine: 'torch'` find their Python (the settings' path, then where to look). */
  torch?: Omit<TorchTrainerOptions, 'cacheDir'>;
  /** The app's data folder: run history in `runs/`, caches in `cache/`. */
  dataDir: string;
  /** Check a document as a file is checked (throws a readable error). */
  checkDocument(raw: unknown): NetwrightDocument;
}

/** The backend a run will probably get, without loading tfjs: native if its package can run here. */
const likelyBackend = (): string => (hasNativeBinding('@tensorflow/tfjs-node-gpu') || hasNativeBinding('@tensorflow/tfjs-node') ? 'tensorflow' : 'wasm');

/** The newest run of the history as its name compares with (its document, settings and engine), if it can be read. */
async function previousRun(store: RunStore): Promise<RunSetup | undefined> {
  const [last] = await store.list();
  if (!last) return undefined;
  try {
    return { doc: await store.doc(last.id), settings: last.settings, engine: last.engine };
  } catch {
    return undefined; // a damaged record names nothing
  }
}

/** Validation images shown with a saved model's evaluation, mistakes first. */
const EVALUATE_SAMPLES = 16;

/** `trainingHandlers(host)`: the handlers, and `stopAll()` for when the app quits. */
export function trainingHandlers(host: TrainingHost): { handlers: TrainingHandlers; stopAll(): void } {
  const runs = new Map<string, Run>();
  const store = new RunStore(join(host.dataDir, 'runs'));
  const cacheDir = join(host.dataDir, 'cache');
  // The torch engine is a trainer like the tfjs one behind the runner: same events, history, pause and stop.
  const spawnFor = (options: TrainOptions) => (options.engine === 'torch' ? torchTrainer({ ...host.torch, cacheDir }) : host.spawnTrainer);
  const checked = (raw: unknown) => {
    const doc = host.checkDocument(raw);
    const { errors } = inferGraph(doc.graph, doc.blocks);
    if (errors.length > 0) throw new Error(`The graph has ${errors.length} error(s); fix them before training. First: ${errors[0]!.message}`);
    return doc;
  };

  const handlers: TrainingHandlers = {
    'train.start': async ({ doc, options, estimate, experiment, weights }) => {
      const valid = checked(doc);
      const start = weights ? await weightsFile(weights, { store, dataDir: host.dataDir }) : undefined;
      const runOptions = (options ?? {}) as TrainOptions;
      const runId = randomUUID();
      const settings = resolveSettings(valid.training, runOptions);
      const title = defaultRunName({ doc: valid, settings, engine: runOptions.engine }, await previousRun(store));
      const runDir = store.begin(runId, valid, settings, { title, ...(estimate ? { estimate } : {}), ...(experiment ? { experiment } : {}) });
      let run: Run | undefined;
      let unrecorded: string | undefined;
      // Each event is recorded, then sent on; a run whose record cannot be written is stopped.
      const onEvent = (event: TrainEvent) => {
        const failure = store.record(runId, event);
        host.emit({ type: 'train', runId, event });
        if (failure) {
          unrecorded ??= `${failure.message}: the run was stopped`;
          run?.fail(unrecorded);
        }
      };
      try {
        const from = start ? { weights: { path: start.path, ...(start.name ? { name: start.name } : {}) } } : {};
        run = startRun({ doc: valid, options: runOptions, config: { runDir, cacheDir, ...from } }, onEvent, spawnFor(runOptions));
      } catch (e) {
        store.record(runId, { type: 'error', message: (e as Error).message });
        void start?.release();
        throw e;
      }
      if (unrecorded) run.fail(unrecorded); // an event that came while the run was starting
      runs.set(runId, run);
      void run.done.finally(() => {
        runs.delete(runId);
        void start?.release();
      });
      return { runId };
    },
    'train.stop': async ({ runId }) => {
      const run = runs.get(runId);
      run?.stop();
      return { stopped: run !== undefined };
    },
    'train.pause': async ({ runId }) => ({ paused: runs.get(runId)?.pause() ?? false }),
    'train.resume': async ({ runId }) => ({ resumed: runs.get(runId)?.resume() ?? false }),
    'train.estimate': async ({ doc, options, probe }) => {
      const valid = checked(doc);
      const runOptions = (options ?? {}) as TrainOptions;
      const settings = resolveSettings(valid.training, runOptions);
      const torch = runOptions.engine === 'torch';
      let timing: Awaited<ReturnType<typeof runProbe>> | undefined;
      let timeError: string | undefined;
      if (probe !== false) {
        try {
          // Each engine is timed as it will run: the torch engine is not the tfjs one.
          timing = torch ? await probeTorch(valid, runOptions, { ...host.torch, cacheDir }) : await runProbe(valid, runOptions, host.spawnTrainer, cacheDir);
        } catch (e) {
          timeError = (e as Error).message;
        }
      }
      // The wasm heap's 4 GiB is a tfjs limit; a torch run has the machine's memory, or on CUDA the GPU's.
      const backend = torch ? 'torch' : (timing?.backend ?? likelyBackend());
      const gpuMemory = torch ? (await findTorchPython(host.torch?.pythonPath?.(), host.torch?.search))?.gpuMemory : undefined;
      const estimate = estimateRun(valid, settings, { totalMemory: totalmem(), freeMemory: freemem(), backend, ...(gpuMemory ? { gpuMemory } : {}) }, timing);
      return timeError ? { ...estimate, timeError } : estimate;
    },
    'dataset.preview': async ({ dataset, count, seed }) => runPreview(dataset, count ?? 12, seed ?? 1, host.spawnTrainer, cacheDir),
    'runs.list': async () => ({ runs: await store.list() }),
    'export.onnx': async ({ doc: raw, run, imported }) => {
      const doc = host.checkDocument(raw);
      const weights = run ? store.weightsDir(run.id, run.weights) : imported ? importedWeightsPath(host.dataDir, imported) : undefined;
      const { base64, from } = await runOnnx(doc, weights, host.spawnTrainer);
      return { filename: `${snakeCase(doc.name, 'model', false)}.onnx`, base64, from };
    },
    'runs.get': async ({ id }) => store.get(id),
    'runs.delete': async ({ id }) => ({ deleted: await store.delete(id) }),
    'runs.update': async ({ id, title, note }) => ({ run: await store.update(id, { title, note }) }),
    'runs.import': async ({ dir, doc }) => ({ run: await importRun(store, dir, doc) }),
    'runs.evaluate': async ({ id, weights, dataset, limit }) =>
      runEvaluate({ type: 'evaluate', dir: store.weightsDir(id, weights ?? 'final'), weights: weights ?? 'final', dataset, limit, cacheDir, samples: EVALUATE_SAMPLES }, host.spawnTrainer),
    'runs.explain': async ({ id, weights, ...request }) =>
      runExplain({ type: 'explain', ...request, dir: store.anyWeightsDir(id, weights ?? 'final'), weights: weights ?? 'final', doc: await store.doc(id), cacheDir }, host.spawnTrainer),
    explain: async ({ doc: raw, weights, ...request }) => {
      const doc = host.checkDocument(raw);
      if ('run' in weights) return runExplain({ type: 'explain', ...request, dir: store.anyWeightsDir(weights.run, weights.which ?? 'final'), weights: weights.which ?? 'final', doc, cacheDir }, host.spawnTrainer);
      const file = await weightsFile(weights, { store, dataDir: host.dataDir });
      try {
        return await runExplain({ type: 'explain', ...request, file: file.path, weights: file.name ?? basename(file.path), doc, cacheDir }, host.spawnTrainer);
      } finally {
        await file.release();
      }
    },
    'runs.model': async ({ id, weights }) => store.modelFiles(id, weights ?? 'final'),
  };
  return {
    handlers,
    stopAll() {
      for (const run of runs.values()) run.stop();
    },
  };
}
