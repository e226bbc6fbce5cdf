/**
 * Where documents, exports and figures are written and read, in each shell. The desktop app
 * uses its native dialogs and writes by path (through the API). The browser uses Chromium's File
 * System Access API where it exists, keeping the file's handle so that Save writes the same file
 * again; elsewhere it downloads, and opens through a file input. Each save says what it wrote,
 * for the toast; a cancelled dialog or picker is null.
 */
import type { NetwrightDocument } from '../../../shared/graph/schema';
import { api } from '../api';
import type { OpenFile } from '../store/store';
import { downloadBlob } from '../ui/download';

/** The parts of the File System Access API used here (not yet in TypeScript's DOM types). */
interface PickerType {
  description: string;
  accept: Record<string, string[]>;
}
interface FileAccessWindow {
  showSaveFilePicker?(options: { suggestedName?: string; types?: PickerType[] }): Promise<FileSystemFileHandle>;
  showOpenFilePicker?(options: { types?: PickerType[]; multiple?: boolean }): Promise<FileSystemFileHandle[]>;
}

/** A document's text and where it came from. */
export interface PickedDocument {
  text: string;
  file: OpenFile;
}

/** What a save wrote: the file, and a sentence for the toast ("Saved My net.netwright.json"). */
export interface Written {
  file: OpenFile;
  message: string;
}

const DOCUMENT_TYPES: PickerType[] = [{ description: 'Netwright document', accept: { 'application/json': ['.json'] } }];

const fileAccess = (): FileAccessWindow => window as FileAccessWindow;
const inElectron = () => api().transport === 'electron';
/** Whether the browser lets the page choose files to write (Chromium over http://127.0.0.1). */
export const hasSavePicker = (): boolean => !inElectron() && typeof fileAccess().showSaveFilePicker === 'function';
const isCancel = (e: unknown) => e instanceof DOMException && e.name === 'AbortError';

/** The last part of a path, whichever separator it uses: `baseName('C:\\nets\\a.json')` → `a.json`. */
export const baseName = (path: string): string => path.split(/[\\/]/).pop() || path;

async function writeHandle(handle: FileSystemFileHandle, data: Blob | string): Promise<void> {
  const writable = await handle.createWritable();
  try {
    await writable.write(data);
  } finally {
    await writable.close();
  }
}

/** Ask for a name with the save picker and write `data` there; null when cancelled. */
async function pickAndWrite(name: string, data: Blob | string, types?: PickerType[]): Promise<FileSystemFileHandle | null> {
  let handle: FileSystemFileHandle;
  try {
    handle = await fileAccess().showSaveFilePicker!({ suggestedName: name, ...(types ? { types } : {}) });
  } catch (e) {
    if (isCancel(e)) return null;
    throw e;
  }
  await writeHandle(handle, data);
  return handle;
}

const downloaded = (name: string) => `Downloaded ${name} (to the browser's downloads folder)`;

/** Save as: ask for a file (native dialog, save picker) and write the document there; without a picker, download it as `name`. */
export async function saveDocumentAs(name: string, text: string): Promise<Written | null> {
  if (inElectron()) {
    const { path } = await api().call('file.save', { name, text });
    return path === null ? null : { file: { name: baseName(path), path }, message: `Saved ${path}` };
  }
  if (hasSavePicker()) {
    const handle = await pickAndWrite(name, text, DOCUMENT_TYPES);
    return handle && { file: { name: handle.name, handle }, message: `Saved ${handle.name}` };
  }
  downloadBlob(new Blob([text], { type: 'application/json' }), name);
  return { file: { name }, message: downloaded(name) };
}

/** Whether Save can write `file` again without asking: it has a path or a handle, or the browser can only download anyway. */
export const canWriteBack = (file: OpenFile | null): file is OpenFile => !!file && (!!file.path || !!file.handle || (!inElectron() && !hasSavePicker()));

/** Save: write the document back to its file (by path, by handle, or a download under its name). */
export async function writeDocument(file: OpenFile, text: string): Promise<Written> {
  if (file.path) {
    await api().call('file.write', { path: file.path, text });
    return { file, message: `Saved ${file.path}` };
  }
  if (file.handle) {
    await writeHandle(file.handle, text);
    return { file, message: `Saved ${file.name}` };
  }
  downloadBlob(new Blob([text], { type: 'application/json' }), file.name);
  return { file, message: downloaded(file.name) };
}

/** Let the user choose a file with a file input (every browser): the file, or null when cancelled. */
export function chooseFile(accept = '.json,application/json'): Promise<File | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = accept;
    input.hidden = true;
    input.setAttribute('aria-label', 'Open file');
    const done = (file: File | null) => {
      input.remove();
      resolve(file);
    };
    input.addEventListener('change', () => done(input.files?.[0] ?? null));
    input.addEventListener('cancel', () => done(null));
    document.body.append(input);
    input.click();
  });
}

/** Open…: a document chosen in the native dialog, the open picker or a file input; null when cancelled. */
export async function pickDocument(): Promise<PickedDocument | null> {
  if (inElectron()) {
    const found = await api().call('file.open', {});
    return found && { text: found.text, file: { name: found.name, path: found.path } };
  }
  if (typeof fileAccess().showOpenFilePicker === 'function') {
    let handle: FileSystemFileHandle | undefined;
    try {
      [handle] = await fileAccess().showOpenFilePicker!({ types: DOCUMENT_TYPES });
    } catch (e) {
      if (isCancel(e)) return null;
      throw e;
    }
    if (!handle) return null;
    return { text: await (await handle.getFile()).text(), file: { name: handle.name, handle } };
  }
  const chosen = await chooseFile();
  return chosen && { text: await chosen.text(), file: { name: chosen.name } };
}

/** A document by path (a recent file, one the desktop app was asked to open). */
export async function readDocument(path: string): Promise<PickedDocument> {
  const found = await api().call('file.read', { path });
  return { text: found.text, file: { name: found.name, path: found.path } };
}

/** Bytes as base64, in chunks (a spread of a large array would overflow the stack). */
export function toBase64(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

/**
 * Save an export or a figure: the desktop app's Save dialog, else the save picker, else a
 * download. Resolves to the sentence for the toast, or null when cancelled.
 */
export async function saveExport(name: string, blob: Blob): Promise<string | null> {
  if (inElectron()) {
    const text = blob.type.startsWith('text/') || blob.type.endsWith('json') || blob.type.endsWith('svg+xml');
    const { path } = await api().call('file.export', text ? { name, text: await blob.text() } : { name, text: toBase64(new Uint8Array(await blob.arrayBuffer())), base64: true });
    return path === null ? null : `Saved ${path}`;
  }
  if (hasSavePicker()) {
    const handle = await pickAndWrite(name, blob);
    return handle && `Saved ${handle.name}`;
  }
  downloadBlob(blob, name);
  return downloaded(name);
}

/** The document as a PyTorch training project, zipped by the service (its data included); only the size where that data is too large to send. */
export async function projectZip(doc: NetwrightDocument): Promise<{ name: string; blob: Blob } | { bytes: number }> {
  const { name, bytes, base64 } = await api().call('export.project', { doc });
  if (base64 === undefined) return { bytes };
  return { name, blob: new Blob([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], { type: 'application/zip' }) };
}

/** Names as a sentence lists them: `listed(['a', 'b', 'c'])` → `a, b and c`. */
const listed = (names: string[]) => (names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`);

/** Save several files together (a saved model): into a folder chosen in the desktop app's dialog, else as downloads; the sentence saying so, null when cancelled. */
export async function saveFiles(files: { name: string; base64: string }[]): Promise<string | null> {
  const names = listed(files.map((f) => f.name));
  if (inElectron()) {
    const { dir } = await api().call('file.exportFiles', { files });
    return dir === null ? null : `Saved ${names} in ${dir}.`;
  }
  for (const f of files) {
    const bytes = Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0));
    downloadBlob(new Blob([bytes], { type: f.name.endsWith('.json') ? 'application/json' : 'application/octet-stream' }), f.name);
  }
  return `Downloaded ${names}.`;
}
