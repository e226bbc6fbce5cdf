/**
 * The app's settings, kept in `settings.json` in the data folder and written atomically. A
 * missing file is the defaults; a damaged one is reported (on stderr, and as a start-up notice
 * through `problem()`) and left alone until the next save replaces it, so one bad edit never
 * stops the app from starting.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SettingsSchema, type Settings } from '../shared/api';
import { fileErrorCause, writeFileAtomic } from './files';

export interface SettingsStore {
  /** The settings now (read from the file each time: the CLI and the app may share it). */
  read(): Settings;
  /** Apply a change (null or empty removes a key) and save; resolves to the new settings. */
  update(change: { [K in keyof Settings]?: Settings[K] | null }): Promise<Settings>;
  /** Why the file on disk is not used (damaged, unreadable), in a sentence; undefined when it is fine or absent. */
  problem(): string | undefined;
  path: string;
}

/** `settingsStore(defaultDataDir()).read().pythonPath`. */
export function settingsStore(dataDir: string): SettingsStore {
  const path = join(dataDir, 'settings.json');
  // Saves one after another, so that two quick changes cannot interleave their read and write.
  let queue: Promise<unknown> = Promise.resolve();

  const inspect = (): { settings: Settings; problem?: string } => {
    if (!existsSync(path)) return { settings: {} };
    let why: string;
    try {
      const parsed = SettingsSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
      if (parsed.success) return { settings: parsed.data };
      why = parsed.error.issues[0]!.message;
    } catch (e) {
      why = e instanceof SyntaxError ? e.message : fileErrorCause(e);
    }
    return { settings: {}, problem: `The settings file is damaged (${why}); the default settings are used until a setting is changed, which replaces it.` };
  };

  const read = (): Settings => {
    const { settings, problem } = inspect();
    if (problem) console.warn(`${path}: ${problem}`);
    return settings;
  };

  const update: SettingsStore['update'] = (change) => {
    const next = queue.then(async () => {
      const settings: Record<string, unknown> = { ...read() };
      for (const [key, value] of Object.entries(change)) {
        const text = typeof value === 'string' ? value.trim() : value;
        if (text === null || text === '' || text === undefined) delete settings[key];
        else settings[key] = text;
      }
      const valid = SettingsSchema.parse(settings);
      await writeFileAtomic(path, JSON.stringify(valid, null, 2) + '\n');
      return valid;
    });
    queue = next.catch(() => undefined);
    return next;
  };

  return { read, update, problem: () => inspect().problem, path };
}
