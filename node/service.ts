/**
 * The engine service: every API method, behind either transport (Electron IPC or the browser
 * mode's WebSocket). It validates each request against the API's schemas and re-validates every
 * document it is asked to compile: the renderer's shapes are for display, this decides.
 * What it set aside at start-up (a damaged settings or autosave file) it keeps as notices for
 * the UI (`app.notices`).
 */
import { readFile } from 'node:fs/promises';
import { basename, isAbsolute, join } from 'node:path';
import { methods, isMethod, type ApiEvent, type MenuSpec, type Method, type Notice, type ReplyOf } from '../shared/api';
import { loadValue } from '../shared/graph/load';
import type { NetwrightDocument } from '../shared/graph/schema';
import { summarize } from '../shared/summary';
import { templates } from '../shared/templates/index';
import { autosaveStore } from './autosave';
import { runCompare } from './engine/process/jobs';
import type { SpawnTrainer } from './engine/process/runner';
import { pytorchProjectZip } from './engine/torch/project';
import { detectTorch } from './engine/torch/python';
import { fileErrorCause, writeFileAtomic } from './files';
import { defaultDataDir } from './paths';
import { recentStore, type RecentFile } from './recent';
import { datasetHandlers, type Mirrors } from './service-datasets';
import { compareHandler } from './service-compare';
import { eventBus, experimentHandlers } from './service-experiment';
import { importHandler } from './service-import';
import { predictHandler } from './service-predict';
import { weightsHandlers, type WeightsHost } from './service-weights';
import { trainingHandlers } from './service-training';
import { settingsStore } from './app-settings';
import { templateCard } from './templateCards';
import { readTemplate } from './templates';

export interface ServiceHost {
  transport: 'electron' | 'browser';
  version: string;
  emit(event: ApiEvent): void;
  /** How to start a trainer process (child_process.fork by default; utilityProcess in Electron). */
  spawnTrainer?: SpawnTrainer;
  /** The app's data folder (run history, caches); default `NETWRIGHT_DATA_DIR` or `~/.netwright`. */
  dataDir?: string;
  /** Where to look for a Python with PyTorch after the settings' path (default: $NETWRIGHT_PYTHON, /usr/bin/python3, python3). */
  pythonSearch?: string[];
  /** The native Save dialog, then the write: the path, or null when cancelled (desktop app). */
  saveFile?(name: string, text: string): Promise<string | null>;
  /** The native Open dialog, then the read (desktop app). */
  openFile?(): Promise<{ name: string; path: string; text: string } | null>;
  /** The native Save dialog for an export (desktop app): the path written, or null. */
  exportFile?(name: string, data: string | Uint8Array): Promise<string | null>;
  /** The native folder dialog for several files (desktop app): the folder written, or null. */
  exportFiles?(files: { name: string; data: Uint8Array }[]): Promise<string | null>;
  /** The window may read and write any .json file by path (the desktop app); otherwise only the recent files. */
  anyPath?: boolean;
  /** The recent files changed (the desktop app tells the OS and rebuilds its menu). */
  recentChanged?(files: RecentFile[]): void;
  /** The window is up with this menu bar; the files it was asked to open meanwhile. */
  appReady?(menu: MenuSpec): string[];
  /** The window's title, unsaved state and file. */
  windowState?(state: { title: string; edited: boolean; path: string | null }): void;
  /** The window agreed to close. */
  closeWindow?(): void;
  /** Where dataset archives are downloaded from instead of their official URLs (tests: a local server). */
  datasetMirrors?: Mirrors;
  /** Where published ImageNet weights are downloaded from instead of torchvision's folder, and their table (tests: a local server). */
  publishedWeights?: WeightsHost['published'];
}

type Handlers = { [M in Method]: (request: ReturnType<(typeof methods)[M]['request']['parse']>) => Promise<ReplyOf<M>> };

/** Check a document the way a file is checked, then check it can be compiled. */
export function checkDocument(raw: unknown): NetwrightDocument {
  const loaded = loadValue(raw);
  if (!loaded.ok) throw new Error(loaded.error.message);
  return loaded.doc;
}

export function createService(host: ServiceHost) {
  const dataDir = host.dataDir ?? defaultDataDir();
  const settings = settingsStore(dataDir);
  const torch = { pythonPath: () => settings.read().pythonPath, search: host.pythonSearch };
  // Experiments hear their runs' events on the way out to the host.
  const bus = eventBus(host.emit);
  const training = trainingHandlers({ emit: bus.emit, spawnTrainer: host.spawnTrainer, torch, dataDir, checkDocument });
  const experiments = experimentHandlers({ bus, training: training.handlers, checkDocument, cacheDir: join(dataDir, 'cache') });
  const datasets = datasetHandlers({ emit: host.emit, cacheDir: join(dataDir, 'cache'), mirrors: host.datasetMirrors });
  const weights = weightsHandlers({ emit: host.emit, cacheDir: join(dataDir, 'cache'), published: host.publishedWeights });
  const autosave = autosaveStore(dataDir);
  const notices = startupNotices(settings, autosave);
  const recent = recentStore(dataDir);
  /** Put a file first in the recent list, and tell the host. */
  const opened = async (path: string) => host.recentChanged?.(await recent.add(path));
  /** Refuse a path this window may not read or write: not a .json file, not absolute, or (browser mode) not a recent file. */
  const checkPath = async (path: string) => {
    if (!isAbsolute(path) || !/\.json$/i.test(path)) throw new Error(`Not a document path: ${path.slice(0, 200)}`);
    if (!host.anyPath && !(await recent.has(path))) throw new Error('The browser mode opens and saves by path only the files in the recent list.');
  };
  // The stored templates do not change while the app runs: their cards are computed once.
  let cards: Promise<ReplyOf<'templates.list'>> | undefined;

  const handlers: Handlers = {
    'engine.info': async () => ({ engine: 'tfjs', version: host.version, transport: host.transport }),
    'app.notices': async () => [...(await notices)],
    'templates.list': () =>
      (cards ??= Promise.all(templates.map(async (t) => templateCard(t, await readTemplate(t.id)))).then(
        (list) => ({ templates: list }),
        (e: unknown) => {
          cards = undefined; // a damaged file may be repaired; try again next time
          throw e;
        },
      )),
    'templates.get': async ({ id }) => ({ doc: await readTemplate(id) }),
    summary: async ({ doc }) => summarize(checkDocument(doc)),
    predict: predictHandler({ spawnTrainer: host.spawnTrainer, dataDir, checkDocument, publishedTable: host.publishedWeights?.table }),
    compare: compareHandler({ spawnTrainer: host.spawnTrainer, torch, checkDocument }),
    'import.onnx': importHandler(dataDir),
    'export.project': async ({ doc }) => {
      const { name, bytes, zip } = await pytorchProjectZip(checkDocument(doc), join(dataDir, 'cache'));
      return { name, bytes, ...(zip ? { base64: Buffer.from(zip).toString('base64') } : {}) };
    },
    ...training.handlers,
    // A run's folder by path, read only where the window may name any file (the desktop app): the
    // browser mode's page must not make the host copy files of its choosing into the history.
    'runs.import': async (request) => {
      if (!host.anyPath) throw new Error('The browser mode imports no folder the page names: use netwright runs import DIR, or the desktop app.');
      return training.handlers['runs.import'](request);
    },
    ...datasets.handlers,
    ...weights.handlers,
    ...experiments.handlers,
    'autosave.save': async ({ session, doc, file }) => {
      const savedAt = new Date();
      await autosave.save(session, doc, savedAt, file ?? null);
      return { savedAt: savedAt.toISOString() };
    },
    'autosave.renew': async ({ session }) => {
      autosave.renew(session);
      return {};
    },
    'autosave.get': async ({ session }) => (session !== undefined && (await autosave.get(session))) || autosave.orphan(),
    'autosave.clear': async ({ session }) => {
      await autosave.clear(session);
      return { cleared: true };
    },
    'file.save': async ({ name, text }) => {
      if (!host.saveFile) throw new Error('Saving through a dialog needs the desktop app; the browser mode downloads the file instead.');
      const path = await host.saveFile(name, text);
      if (path !== null) await opened(path);
      return { path };
    },
    'file.open': async () => {
      if (!host.openFile) throw new Error('Opening through a dialog needs the desktop app; the browser mode uploads the file instead.');
      const file = await host.openFile();
      if (file) await opened(file.path);
      return file;
    },
    'file.read': async ({ path }) => {
      await checkPath(path);
      let text: string;
      try {
        text = await readFile(path, 'utf8');
      } catch (e) {
        throw new Error((e as NodeJS.ErrnoException).code === 'ENOENT' ? `${path} no longer exists.` : `${fileErrorCause(e)} while reading ${path}`);
      }
      await opened(path);
      return { name: basename(path), path, text };
    },
    'file.write': async ({ path, text }) => {
      await checkPath(path);
      await writeFileAtomic(path, text);
      await opened(path);
      return { path };
    },
    'file.export': async ({ name, text, base64 }) => {
      if (!host.exportFile) throw new Error('Saving through a dialog needs the desktop app; the browser mode downloads the file instead.');
      return { path: await host.exportFile(name, base64 ? Buffer.from(text, 'base64') : text) };
    },
    'file.exportFiles': async ({ files }) => {
      if (!host.exportFiles) throw new Error('Saving through a dialog needs the desktop app; the browser mode downloads the files instead.');
      return { dir: await host.exportFiles(files.map((f) => ({ name: basename(f.name), data: Buffer.from(f.base64, 'base64') }))) };
    },
    'recent.list': async () => ({ files: await recent.list() }),
    'app.ready': async ({ menu }) => ({ open: host.appReady?.(menu) ?? [] }),
    'app.window': async (state) => {
      host.windowState?.(state);
      return {};
    },
    'app.close': async () => {
      host.closeWindow?.();
      return {};
    },
    'settings.get': async () => settings.read(),
    'settings.set': async (change) => settings.update(change),
    'torch.detect': async ({ python }) => detectTorch(python, settings.read().pythonPath, host.pythonSearch),
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
    /** Stop every run and download, e.g. when the app quits. */
    stopAll() {
      experiments.cancelAll(); // first: a stopped run would otherwise let its experiment start the next
      training.stopAll();
      datasets.cancelAll();
      weights.cancelAll();
    },
  };
}

export type Service = ReturnType<typeof createService>;

/** What was ignored at start-up: a damaged settings file, damaged autosaves (checked once, as the service starts). */
async function startupNotices(settings: ReturnType<typeof settingsStore>, autosave: ReturnType<typeof autosaveStore>): Promise<Notice[]> {
  const notices: Notice[] = [];
  const problem = settings.problem();
  if (problem) notices.push({ file: settings.path, message: problem });
  try {
    notices.push(...(await autosave.damaged()));
  } catch (e) {
    notices.push({ file: autosave.dir, message: `The autosave folder cannot be read (${fileErrorCause(e)}); no earlier work can be offered back.` });
  }
  return notices;
}
