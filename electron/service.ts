/**
 * The engine service: every API method, behind either transport (Electron IPC or the browser
 * mode's WebSocket). It validates each request against the API's schemas and re-validates every
 * document it is asked to compile: the renderer's shapes are for display, this decides.
 */
import { randomUUID } from 'node:crypto';
import { methods, isMethod, type ApiEvent, type Method, type ReplyOf, type TrainOptions } from '../shared/api';
import { loadValue } from '../shared/graph/load';
import type { NetwrightDocument } from '../shared/graph/schema';
import { inferGraph } from '../shared/infer';
import { summarize } from '../shared/summary';
import { templateIds } from '../shared/templates/index';
import { startRun, type SpawnTrainer } from './engine/runner';
import { readTemplate } from './templates';

export interface ServiceHost {
  transport: 'electron' | 'browser';
  version: string;
  emit(event: ApiEvent): void;
  /** How to start a trainer process (child_process.fork by default; utilityProcess in Electron). */
  spawnTrainer?: SpawnTrainer;
  saveFile?(name: string, text: string): Promise<string | null>;
  openFile?(): Promise<{ name: string; text: string } | null>;
}

type Handlers = { [M in Method]: (request: ReturnType<(typeof methods)[M]['request']['parse']>) => Promise<ReplyOf<M>> };

/** Check a document the way a file is checked, then check it can be compiled. */
export function checkDocument(raw: unknown): NetwrightDocument {
  const loaded = loadValue(raw);
  if (!loaded.ok) throw new Error(loaded.error.message);
  return loaded.doc;
}

export function createService(host: ServiceHost) {
  const runs = new Map<string, { stop(): void }>();

  const handlers: Handlers = {
    'engine.info': async () => ({ engine: 'tfjs', version: host.version, transport: host.transport }),
    'templates.list': async () => ({
      templates: await Promise.all(
        templateIds.map(async (id) => {
          const doc = await readTemplate(id);
          return { id, name: doc.name, description: doc.description ?? '', params: inferGraph(doc.graph, doc.blocks).totals.params };
        }),
      ),
    }),
    'templates.get': async ({ id }) => ({ doc: await readTemplate(id) }),
    summary: async ({ doc }) => summarize(checkDocument(doc)),
    'train.start': async ({ doc, options }) => {
      const checked = checkDocument(doc);
      const { errors } = inferGraph(checked.graph, checked.blocks);
      if (errors.length > 0) throw new Error(`The graph has ${errors.length} error(s); fix them before training. First: ${errors[0]!.message}`);
      const runId = randomUUID();
      const run = startRun({ doc: checked, options: (options ?? {}) as TrainOptions }, (event) => host.emit({ type: 'train', runId, event }), host.spawnTrainer);
      runs.set(runId, run);
      void run.done.finally(() => runs.delete(runId));
      return { runId };
    },
    'train.stop': async ({ runId }) => {
      const run = runs.get(runId);
      run?.stop();
      return { stopped: run !== undefined };
    },
    'file.save': async ({ name, text }) => {
      if (!host.saveFile) throw new Error('Saving through a dialog needs the desktop app; the browser mode downloads the file instead.');
      return { path: await host.saveFile(name, text) };
    },
    'file.open': async () => {
      if (!host.openFile) throw new Error('Opening through a dialog needs the desktop app; the browser mode uploads the file instead.');
      return host.openFile();
    },
  };

  return {
    /** Run one API call: `await service.handle('summary', { doc })`. Throws for a bad method or payload. */
    async handle(method: unknown, payload: unknown): Promise<unknown> {
      if (!isMethod(method)) throw new Error(`Unknown API method ${JSON.stringify(method)?.slice(0, 100)}`);
      const parsed = methods[method].request.safeParse(payload ?? {});
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        throw new Error(`Invalid request for ${method} at "${issue.path.join('.')}": ${issue.message}`);
      }
      return (handlers[method] as (r: unknown) => Promise<unknown>)(parsed.data);
    },
    /** Stop every run, e.g. when the app quits. */
    stopAll() {
      for (const run of runs.values()) run.stop();
    },
  };
}

export type Service = ReturnType<typeof createService>;
