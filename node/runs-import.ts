/**
 * A run of an exported training project's train.py (`--run DIR`: events.jsonl, settings.json,
 * final/model.pt, best/model.pt), brought into the run history (runs.ts), so that the Runs tab
 * overlays its curves on the local runs and offers its weights. The network is the project's
 * network.netwright.json, found in DIR or the folders above it (a run is kept in
 * PROJECT/runs/NAME), or the document named. A run stopped and resumed from its checkpoint
 * (`train.py --run DIR --resume DIR` appends its events) comes in as one run.
 */
import { randomUUID } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { type EpochMetrics, type RunSummary, type TrainEvent, type TrainOptions } from '../shared/api';
import { PROJECT_DOCUMENT } from '../shared/codegen/pytorch-project';
import { loadDocument } from '../shared/graph/load';
import type { NetwrightDocument } from '../shared/graph/schema';
import { resolveSettings } from './engine/loop/run-settings';
import { torchModelMeta, writeTorchMeta } from './engine/torch/saved';
import { eventLines, type RunStore } from './runs';

/** What train.py writes into settings.json (run_settings in shared/codegen/pytorch-train-loop.ts). */
interface ProjectRunSettings {
  started?: string;
  dataset?: string;
  epochs?: number;
  batchSize?: number;
  learningRate?: number;
  optimizer?: TrainOptions['optimizer'];
  limit?: number | null;
  processes?: number;
}

/** The run's events, one per line; a line that is not an event (a crash cut it short) is left out. */
async function readEvents(dir: string): Promise<TrainEvent[]> {
  const file = join(dir, 'events.jsonl');
  if (!existsSync(file)) throw new Error(`${dir} has no events.jsonl: it is not a run of train.py --run ${dir}.`);
  return eventLines(await readFile(file, 'utf8'));
}

const ENDS = new Set(['done', 'stopped', 'error']);

/**
 * The events of a run resumed from its checkpoint, as one run's: the first start, the last end,
 * and each epoch once (the later, where a part re-ran an epoch its checkpoint did not hold).
 */
export function joinResumed(events: readonly TrainEvent[]): TrainEvent[] {
  const lastStart = events.findLastIndex((e) => e.type === 'start');
  const firstStart = events.findIndex((e) => e.type === 'start');
  if (lastStart === firstStart) return [...events];
  const lastEpoch = new Map(events.flatMap((e, i) => (e.type === 'epoch' ? [[e.epoch, i] as const] : [])));
  return events.filter((e, i) => {
    if (e.type === 'start') return i === firstStart;
    if (ENDS.has(e.type)) return i > lastStart;
    if (e.type === 'epoch') return lastEpoch.get(e.epoch) === i;
    return true;
  });
}

/** The document: `docFile`, or the project's network.netwright.json in DIR or up to two folders above it. */
async function readDocument(dir: string, docFile?: string): Promise<NetwrightDocument> {
  const candidates = docFile ? [resolve(docFile)] : [dir, dirname(dir), dirname(dirname(dir))].map((d) => join(d, PROJECT_DOCUMENT));
  const file = candidates.find((f) => existsSync(f));
  if (!file) throw new Error(`No ${PROJECT_DOCUMENT} in ${dir} or the two folders above it: name the run's network with --doc FILE.`);
  const loaded = loadDocument(await readFile(file, 'utf8'));
  if (!loaded.ok) throw new Error(`${file}: ${loaded.error.message}`);
  return loaded.doc;
}

/**
 * Add the run in `dir` to the history; returns its summary:
 * `await importRun(store, 'lenet5-project/runs/first')`. Throws a readable error when the folder
 * holds no run (no events.jsonl, no start event) or its network cannot be found.
 */
export async function importRun(store: RunStore, dir: string, docFile?: string): Promise<RunSummary> {
  const from = resolve(dir);
  const events = joinResumed(await readEvents(from));
  const start = events.find((e): e is Extract<TrainEvent, { type: 'start' }> => e.type === 'start');
  if (!start) throw new Error(`${join(from, 'events.jsonl')} has no start event: the run failed before it began.`);
  const doc = await readDocument(from, docFile);
  const file = join(from, 'settings.json');
  const s: ProjectRunSettings = existsSync(file) ? JSON.parse(await readFile(file, 'utf8')) : {};
  const options: TrainOptions = { dataset: s.dataset, epochs: s.epochs, batchSize: s.batchSize, learningRate: s.learningRate, optimizer: s.optimizer, ...(s.limit ? { limit: s.limit } : {}) };
  const processes = s.processes && s.processes > 1 ? `, ${s.processes} processes` : '';
  const id = randomUUID();
  const runDir = store.begin(id, doc, resolveSettings(doc.training, options), {
    title: `${doc.name} · imported`,
    note: `Imported from ${from} (train.py${processes}).`,
    ...(s.started ? { started: s.started } : {}),
  });
  for (const event of events) {
    const failure = store.record(id, event);
    if (failure) throw failure;
  }
  store.release(id);
  const epochs = events.filter((e): e is Extract<TrainEvent, { type: 'epoch' }> => e.type === 'epoch');
  const best = epochs.reduce<EpochMetrics | undefined>((a, b) => (a === undefined || b.valAcc > a.valAcc ? b : a), undefined);
  for (const [which, metrics] of [['final', epochs.at(-1)], ['best', best]] as const) {
    if (!existsSync(join(from, which, 'model.pt'))) continue;
    mkdirSync(join(runDir, which), { recursive: true });
    copyFileSync(join(from, which, 'model.pt'), join(runDir, which, 'model.pt'));
    writeTorchMeta([join(runDir, which)], torchModelMeta(doc, options, start, metrics));
  }
  return (await store.list()).find((r) => r.id === id)!;
}
