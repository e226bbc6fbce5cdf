/**
 * The app's settings, kept in `settings.json` in the data folder and written atomically. A
 * missing file is the defaults; a damaged one is reported and left alone until the next save
 * replaces it, so one bad edit never stops the app from starting.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SettingsSchema, type Settings } from '../shared/api';
import { writeFileAtomic } from './files';

export interface SettingsStore {
  /** The settings now (read from the file each time: the CLI and the app may share it). */
  read(): Settings;
  /** Apply a change (null or empty removes a key) and save; resolves to the new settings. */
  update(change: { [K in keyof Settings]?: Settings[K] | null }): Promise<Settings>;
  path: string;
}

/** `settingsStore(defaultDataDir()).read().pythonPath`. */
export function settingsStore(dataDir: string): SettingsStore {
  const path = join(dataDir, 'settings.json');
  // Saves one after another, so that two quick changes cannot interleave their read and write.
  let queue: Promise<unknown> = Promise.resolve();

  const read = (): Settings => {
    if (!existsSync(path)) return {};
    try {
      const parsed = SettingsSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
      if (parsed.success) return parsed.data;
      console.warn(`${path}: ${parsed.error.issues[0]!.message}; using the default settings`);
    } catch (e) {
      console.warn(`${path} cannot be read (${(e as Error).message}); using the default settings`);
    }
    return {};
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

  return { read, update, path };
}
