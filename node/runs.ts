/**
 * The run history, on disk under the app's data folder (`~/.netwright/runs/<id>/`):
 *
 *   run.json        the summary (`RunSummary`): status, settings, per-epoch metrics, best epoch
 *   doc.json        the document as it was when the run started
 *   events.jsonl    every event the run reported, one JSON object per line
 *   final/, best/   weights in tfjs format (model.json, weights.bin, netwright.json), written
 *                   by the trainer process: after the last epoch, and at each new best epoch;
 *                   a torch run's final/ holds model.pt (a PyTorch state_dict) and netwright.json
 *
 * A run still marked running that no process of this app is training was interrupted (the app
 * quit or crashed); it is listed as such.
 *
 * No write here throws at the caller that reports a run's events (the trainer's message
 * handler): `record` returns what could not be written (a full disk, a deleted folder), and
 * the caller stops that run; the app and its other runs go on.
 */
import { appendFileSync, existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { TrainEventSchema, type RunSummary, type RunWeights, type TrainEvent } from '../shared/api';
import { DocumentSchema, type NetwrightDocument } from '../shared/graph/schema';
import type { RunSettings } from './engine/loop/run-settings';
import { WriteError } from './files';

const ID = /^[A-Za-z0-9][A-Za-z0-9-]{0,99}$/;

/**
 * The files of a saved model by the engine that trained it: tfjs's as `saveModel` writes them,
 * torch's as train.py's --save and the torch engine write them. The first one holds the weights.
 */
export const MODEL_FILES = { tfjs: ['model.json', 'weights.bin', 'netwright.json'], torch: ['model.pt', 'netwright.json'] } as const;
export type ModelFormat = keyof typeof MODEL_FILES;

/** The format of a run's weights: its engine's (runs recorded before engines were, tfjs). */
export const formatOf = (run: { engine?: string }): ModelFormat => (run.engine === 'torch' ? 'torch' : 'tfjs');

/** Larger models are not sent over the API as file contents; the UI shows their folder instead. */
export const MODEL_SEND_LIMIT = 64 * 2 ** 20;

export class RunStore {
  private readonly active = new Map<string, RunSummary>();
  /** Finished runs whose last summary could not be written (a full disk). */
  private readonly unsaved = new Map<string, RunSummary>();

  /** `new RunStore(join(dataDir, 'runs'))`; the folder is made when the first run begins. */
  constructor(readonly root: string) {}

  /** The folder of a run; throws for an id that is not one of ours (no path tricks). */
  dir(id: string): string {
    if (!ID.test(id)) throw new Error(`"${id.slice(0, 100)}" is not a run id.`);
    return join(this.root, id);
  }

  /**
   * Record a new run: its folder, the document snapshot and a first summary. Returns the folder;
   * throws a readable error (which file, why) when they cannot be written.
   */
  begin(id: string, doc: NetwrightDocument, settings: RunSettings, extra: Partial<Pick<RunSummary, 'title' | 'estimate' | 'note' | 'started' | 'experiment'>> = {}): string {
    const dir = this.dir(id);
    const summary: RunSummary = {
      id,
      name: doc.name,
      started: new Date().toISOString(),
      ...extra,
      status: 'running',
      dataset: settings.dataset,
      settings: { ...settings },
      epochs: [],
      weights: { final: false, best: false },
    };
    const failure =
      this.attempt(join(dir, 'doc.json'), (file) => {
        mkdirSync(dir, { recursive: true });
        writeFileSync(file, JSON.stringify(doc, null, 2) + '\n');
      }) ?? this.writeSummary(summary);
    if (failure) {
      quietly(() => rmSync(dir, { recursive: true, force: true }));
      throw new Error(`${failure.message}: the run was not started`, { cause: failure });
    }
    this.active.set(id, summary);
    return dir;
  }

  /**
   * Add an event to a run's record; the summary follows start, epoch and final events. Never
   * throws: returns what could not be written (the caller stops the run), else undefined.
   */
  record(id: string, event: TrainEvent): WriteError | undefined {
    const summary = this.active.get(id);
    if (!summary) return undefined;
    const failure = this.attempt(join(this.dir(id), 'events.jsonl'), (file) => appendFileSync(file, JSON.stringify(event) + '\n'));
    switch (event.type) {
      case 'start':
        summary.backend = event.backend;
        summary.engine = event.engine;
        break;
      case 'epoch': {
        const { type: _, ...metrics } = event;
        summary.epochs.push(metrics);
        const best = summary.epochs.reduce((a, b) => (b.valAcc > a.valAcc ? b : a));
        summary.bestEpoch = best.epoch;
        break;
      }
      case 'done':
        summary.status = 'done';
        if (event.bestEpoch !== undefined) summary.bestEpoch = event.bestEpoch;
        break;
      case 'stopped':
        summary.status = 'stopped';
        break;
      case 'error':
        summary.status = 'error';
        summary.message = event.message;
        break;
      default:
        return failure;
    }
    if (summary.status !== 'running') {
      summary.ended = new Date().toISOString();
      this.active.delete(id);
    }
    const unsaved = this.writeSummary(summary);
    // A finished run whose summary could not be saved is still listed as it ended, while the app runs.
    if (unsaved && summary.status !== 'running') this.unsaved.set(id, summary);
    else this.unsaved.delete(id);
    return failure ?? unsaved;
  }

  /**
   * No process reports to the run any more (an imported run whose events stop short): while it
   * is still marked running, it is listed as interrupted.
   */
  release(id: string): void {
    this.active.delete(id);
  }

  /**
   * Rename a run or change its note (an empty note removes it); throws when there is no such
   * run, or when its summary cannot be written.
   */
  async update(id: string, patch: { title?: string; note?: string }): Promise<RunSummary> {
    const live = this.active.get(id) ?? this.unsaved.get(id);
    const run = live ?? (await this.summary(id).catch(() => undefined));
    if (!run) throw new Error(`There is no run "${id}".`);
    if (patch.title !== undefined) run.title = patch.title;
    if (patch.note !== undefined) {
      if (patch.note.trim()) run.note = patch.note;
      else delete run.note;
    }
    const failure = this.writeSummary(run);
    if (failure) throw failure;
    return this.summary(id);
  }

  /** Every run, newest first. */
  async list(): Promise<RunSummary[]> {
    if (!existsSync(this.root)) return [];
    const ids = (await readdir(this.root, { withFileTypes: true })).filter((e) => e.isDirectory() && ID.test(e.name)).map((e) => e.name);
    const runs = await Promise.all(ids.map((id) => this.summary(id).catch(() => undefined)));
    return runs.filter((r): r is RunSummary => r !== undefined).sort((a, b) => b.started.localeCompare(a.started));
  }

  /** One run: summary, document and events. Throws when there is no such run. */
  async get(id: string): Promise<{ run: RunSummary; doc: NetwrightDocument; events: TrainEvent[] }> {
    const dir = this.dir(id);
    const doc = await this.doc(id);
    const run = await this.summary(id);
    const events = existsSync(join(dir, 'events.jsonl')) ? eventLines(await readFile(join(dir, 'events.jsonl'), 'utf8')) : [];
    return { run, doc, events };
  }

  /** The document a run trained, without reading its events; throws when there is no such run. */
  async doc(id: string): Promise<NetwrightDocument> {
    const dir = this.dir(id);
    if (!existsSync(join(dir, 'run.json'))) throw new Error(`There is no run "${id}".`);
    return DocumentSchema.parse(JSON.parse(await readFile(join(dir, 'doc.json'), 'utf8')));
  }

  /** Delete a finished run and its weights; a run in progress is not deleted (false). */
  async delete(id: string): Promise<boolean> {
    const dir = this.dir(id);
    if (this.active.has(id) || !existsSync(dir)) return false;
    await rm(dir, { recursive: true, force: true });
    this.unsaved.delete(id);
    return true;
  }

  /**
   * The folder of a run's saved weights in `format` (tfjs, which Evaluate reads, by default);
   * throws a readable error when the run has none.
   */
  weightsDir(id: string, which: RunWeights, format: ModelFormat = 'tfjs'): string {
    const dir = join(this.dir(id), which);
    if (!existsSync(join(dir, MODEL_FILES[format][0]))) {
      if (existsSync(join(dir, MODEL_FILES.torch[0]))) throw new Error(`Run "${id}" was trained by the torch engine: its weights are a PyTorch model.pt, which only Save model offers (Evaluate is for tfjs runs).`);
      throw new Error(`Run "${id}" has no ${which === 'final' ? 'final' : "best epoch's"} weights (a run saves them after its first epoch and when it ends).`);
    }
    return dir;
  }

  /** The folder of a run's saved weights of either engine (looking inside reads a torch run's model.pt too). */
  anyWeightsDir(id: string, which: RunWeights): string {
    return this.weightsDir(id, which, existsSync(join(this.dir(id), which, MODEL_FILES.torch[0])) ? 'torch' : 'tfjs');
  }

  /** A saved model's folder, and its files (those of its engine that are there) base64-encoded when they are small enough to send. */
  async modelFiles(id: string, which: RunWeights): Promise<{ dir: string; files?: { name: string; base64: string }[] }> {
    const format = formatOf(await this.summary(id).catch(() => ({})));
    const dir = this.weightsDir(id, which, format);
    const names = MODEL_FILES[format].filter((name) => existsSync(join(dir, name)));
    const sizes = await Promise.all(names.map((name) => stat(join(dir, name)).then((s) => s.size)));
    if (sizes.reduce((a, b) => a + b, 0) > MODEL_SEND_LIMIT) return { dir };
    const files = await Promise.all(names.map(async (name) => ({ name, base64: (await readFile(join(dir, name))).toString('base64') })));
    return { dir, files };
  }

  private async summary(id: string): Promise<RunSummary> {
    const live = this.active.get(id) ?? this.unsaved.get(id);
    const dir = this.dir(id);
    const run = live ? structuredClone(live) : (JSON.parse(await readFile(join(dir, 'run.json'), 'utf8')) as RunSummary);
    if (run.status === 'running' && !live) run.status = 'interrupted';
    const weights = MODEL_FILES[formatOf(run)][0];
    run.weights = { final: existsSync(join(dir, 'final', weights)), best: existsSync(join(dir, 'best', weights)) };
    return run;
  }

  private writeSummary(summary: RunSummary): WriteError | undefined {
    const dir = this.dir(summary.id);
    const temp = join(dir, 'run.json.tmp');
    return this.attempt(join(dir, 'run.json'), (file) => {
      try {
        writeFileSync(temp, JSON.stringify(summary, null, 2) + '\n');
        // rename is atomic: a reader never sees half a summary
        renameSync(temp, file);
      } catch (e) {
        quietly(() => rmSync(temp, { force: true }));
        throw e;
      }
    });
  }

  /** Run one write of `file`; what failed, naming the file as under the data folder ("runs/<id>/events.jsonl"). */
  private attempt(file: string, write: (file: string) => void): WriteError | undefined {
    try {
      write(file);
      return undefined;
    } catch (e) {
      return new WriteError(relative(dirname(this.root), file), e);
    }
  }
}

/** The events of an events.jsonl, one per line; a line that is not an event (cut short by a crash) is left out. */
export function eventLines(text: string): TrainEvent[] {
  return text
    .split('\n')
    .filter((line) => line.trim())
    .flatMap((line) => {
      try {
        const parsed = TrainEventSchema.safeParse(JSON.parse(line));
        return parsed.success ? [parsed.data] : [];
      } catch {
        return []; // a line cut short by a crash
      }
    });
}

/** Tidying up after a failed write, which may fail the same way: nothing more to do then. */
function quietly(f: () => void) {
  try {
    f();
  } catch {
    // the failure that matters has been reported
  }
}
