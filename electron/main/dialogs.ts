/**
 * The native Save and Open dialogs behind `file.save`, `file.open`, `file.export` and
 * `file.exportFiles`, given the dialog functions (so tests pass stand-ins). Saves write
 * atomically: a failed save (a full disk) leaves the file as it was and no temporary file, and
 * says which file and why.
 */
import { readFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { writeFileAtomic } from '../../node/files';

const FILTERS = [{ name: 'Netwright', extensions: ['netwright.json', 'json'] }];

type Filter = { name: string; extensions: string[] };
type ShowSave = (options: { defaultPath: string; filters: Filter[] }) => Promise<{ canceled: boolean; filePath?: string }>;
type ShowOpen = (options: { properties: ['openFile']; filters: Filter[] }) => Promise<{ canceled: boolean; filePaths: string[] }>;
type ShowFolder = (options: { title: string; buttonLabel: string; properties: ['openDirectory', 'createDirectory'] }) => Promise<{ canceled: boolean; filePaths: string[] }>;

/** Ask where to save `name`, then write `text` there; the path, or null when the user cancelled. */
export async function saveWithDialog(show: ShowSave, name: string, text: string): Promise<string | null> {
  const r = await show({ defaultPath: name, filters: FILTERS });
  if (r.canceled || !r.filePath) return null;
  await writeFileAtomic(r.filePath, text);
  return r.filePath;
}

/** Ask which file to open and read it; null when the user cancelled. */
export async function openWithDialog(show: ShowOpen): Promise<{ name: string; path: string; text: string } | null> {
  const r = await show({ properties: ['openFile'], filters: [{ name: 'Netwright', extensions: ['json'] }] });
  const path = r.filePaths[0];
  if (r.canceled || !path) return null;
  return { name: basename(path), path, text: await readFile(path, 'utf8') };
}

/** Ask where to save an export (`model.py`, `figure.png`), offering its own type, then write it; the path, or null when cancelled. */
export async function exportWithDialog(show: ShowSave, name: string, data: string | Uint8Array): Promise<string | null> {
  const ext = extname(name).slice(1);
  const r = await show({ defaultPath: name, filters: ext ? [{ name: ext.toUpperCase(), extensions: [ext] }] : [] });
  if (r.canceled || !r.filePath) return null;
  await writeFileAtomic(r.filePath, data);
  return r.filePath;
}

/** Ask for a folder and write several files into it (a saved model); the folder, or null when cancelled. */
export async function exportFilesWithDialog(show: ShowFolder, files: { name: string; data: Uint8Array }[]): Promise<string | null> {
  const r = await show({ title: 'Choose a folder for the model', buttonLabel: 'Save here', properties: ['openDirectory', 'createDirectory'] });
  const dir = r.filePaths[0];
  if (r.canceled || !dir) return null;
  for (const f of files) await writeFileAtomic(join(dir, basename(f.name)), f.data);
  return dir;
}
