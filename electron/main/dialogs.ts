/**
 * The native Save and Open dialogs behind `file.save` and `file.open`, given the dialog
 * functions (so tests pass stand-ins). Save writes atomically: a failed save (a full disk)
 * leaves the file as it was and no temporary file, and says which file and why.
 */
import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '../../node/files';

const FILTERS = [{ name: 'Netwright', extensions: ['netwright.json', 'json'] }];

type ShowSave = (options: { defaultPath: string; filters: typeof FILTERS }) => Promise<{ canceled: boolean; filePath?: string }>;
type ShowOpen = (options: { properties: ['openFile']; filters: { name: string; extensions: string[] }[] }) => Promise<{ canceled: boolean; filePaths: string[] }>;

/** Ask where to save `name`, then write `text` there; the path, or null when the user cancelled. */
export async function saveWithDialog(show: ShowSave, name: string, text: string): Promise<string | null> {
  const r = await show({ defaultPath: name, filters: FILTERS });
  if (r.canceled || !r.filePath) return null;
  await writeFileAtomic(r.filePath, text);
  return r.filePath;
}

/** Ask which file to open and read it; null when the user cancelled. */
export async function openWithDialog(show: ShowOpen): Promise<{ name: string; text: string } | null> {
  const r = await show({ properties: ['openFile'], filters: [{ name: 'Netwright', extensions: ['json'] }] });
  const path = r.filePaths[0];
  if (r.canceled || !path) return null;
  return { name: path, text: await readFile(path, 'utf8') };
}
