/**
 * The document's lifecycle: new, open (a file, a recent one, a dropped one, a template), save and
 * save as. Whatever would replace a document with unsaved edits asks first (Save, Don't save,
 * Cancel), and Cancel changes nothing. Every document that comes in goes through
 * shared/graph/load (parse → check → migrate → validate) before it replaces the open one; a
 * failure leaves the open document as it was and shows why.
 */
import { loadDocument, loadValue, saveDocument } from '../../../shared/graph/load';
import { emptyDocument } from '../../../shared/graph/schema';
import { api } from '../api';
import { clearAutosave } from '../files/autosave';
import { canWriteBack, pickDocument, readDocument, saveDocumentAs, writeDocument, type PickedDocument, type Written } from '../files/fileAccess';
import { usePanels } from '../store/panels';
import { documentLabel, isModified, useApp, type DocumentOrigin } from '../store/store';
import { useUi } from '../store/ui';
import { layoutForOpening, needsLayout } from './layout';
import { startOpenTiming } from './timing';

const store = () => useApp.getState();
const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));
const failed = (what: string) => (e: unknown) => store().showAlert({ source: 'app', message: `${what}: ${messageOf(e)}` });

/** `My net` → `My net.netwright.json`, without characters file systems reject. */
export function fileNameFor(name: string): string {
  const base = name.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ').trim() || 'Untitled';
  return `${base}.netwright.json`;
}

/** Say what was written, in the toast. */
function written(result: Written): true {
  store().markSaved(store().doc, result.file);
  useUi.getState().showToast(result.message);
  return true;
}

/** Save as: ask for a file and write the document there; resolves to whether it was written. */
export async function saveAs(): Promise<boolean> {
  const { doc, file } = store();
  try {
    const result = await saveDocumentAs(file?.name ?? fileNameFor(doc.name), saveDocument(doc));
    return result ? written(result) : false;
  } catch (e) {
    failed('Could not save')(e);
    return false;
  }
}

/** Save: write the document back to the file it came from (a new one asks for a name); resolves to whether it was written. */
export async function save(): Promise<boolean> {
  const { doc, file } = store();
  if (!canWriteBack(file)) return saveAs();
  try {
    return written(await writeDocument(file, saveDocument(doc)));
  } catch (e) {
    failed('Could not save')(e);
    return false;
  }
}

/**
 * Before the document is replaced or closed: when it has unsaved edits, ask whether to save
 * them. Resolves to whether to go on: saved, or not wanted; false on Cancel (or a save that was
 * cancelled or failed), and nothing has changed then. The gallery closes first, so that only
 * one dialog is ever open.
 */
export async function confirmDiscard(): Promise<boolean> {
  const s = store();
  if (!isModified(s)) return true;
  usePanels.getState().showGallery(false);
  const answer = await useUi.getState().askUnsaved(documentLabel(s));
  if (answer === 'cancel') return false;
  return answer === 'discard' || (await save());
}

/** Put a document in place, laid out to read if it arrives without an arrangement (an imported graph). */
async function replaceWith(text: string, fileName: string, origin: DocumentOrigin): Promise<boolean> {
  const result = loadDocument(text);
  if (!result.ok) {
    store().openFailed(result.error, fileName);
    return false;
  }
  const doc = needsLayout(result.doc) ? await layoutForOpening(result.doc).catch(() => result.doc) : result.doc;
  store().replaceDocument(doc, origin);
  return true;
}

/**
 * Open a file's text as the document, without asking (the caller asked already); returns
 * whether it is a document that replaces the open one. A graph without a readable arrangement
 * (an imported one, in one long row) is laid out first.
 */
export function openText(text: string, fileName: string, origin: DocumentOrigin = {}): Promise<boolean> {
  return replaceWith(text, fileName, origin);
}

const openPicked = (picked: PickedDocument) => replaceWith(picked.text, picked.file.name, { file: picked.file });

/** New: an empty document, once unsaved edits are saved or given up. */
export async function newDocument(): Promise<void> {
  if (await confirmDiscard()) store().replaceDocument(emptyDocument());
}

/**
 * Open a template from the engine service, laid out to read at a glance (templates are stored
 * as one long row): `await openTemplate('lenet5')`. It is a new document: Save asks for a name.
 */
export async function openTemplate(id: string): Promise<void> {
  if (!(await confirmDiscard())) return;
  const opened = startOpenTiming(`template ${id}`);
  try {
    const { doc } = await api().call('templates.get', { id });
    const result = loadValue(doc);
    if (result.ok) {
      store().replaceDocument(await layoutForOpening(result.doc));
      opened();
    } else store().openFailed(result.error, `the template "${id}"`);
  } catch (e) {
    store().showAlert({ source: 'app', message: `Could not load the template "${id}": ${messageOf(e)}` });
  }
}

/** Open…: ask first, then choose a file (native dialog, open picker or file input). */
export async function openDocument(): Promise<void> {
  if (!(await confirmDiscard())) return;
  try {
    const picked = await pickDocument();
    if (picked) await openPicked(picked);
  } catch (e) {
    failed('Could not open the file')(e);
  }
}

/** Open a file by path: a recent file, or one the desktop app was asked to open (a second launch, a double-click). */
export async function openPath(path: string): Promise<void> {
  if (!(await confirmDiscard())) return;
  try {
    await openPicked(await readDocument(path));
  } catch (e) {
    failed(`Could not open ${path}`)(e);
  }
}

/** Open a file dropped on the window (its path, where the desktop app knows it, so Save writes it back). */
export async function openDropped(file: File, path?: string): Promise<void> {
  if (!(await confirmDiscard())) return;
  try {
    await openPicked(path ? await readDocument(path) : { text: await file.text(), file: { name: file.name } });
  } catch (e) {
    failed(`Could not open ${file.name}`)(e);
  }
}

/**
 * The desktop app asks to close the window (its close button, Quit): once unsaved edits are
 * saved or given up, say it may. Given up, they are not offered back at the next start either.
 */
export async function closeWindow(): Promise<void> {
  const discarding = isModified(store());
  if (!(await confirmDiscard())) return;
  if (discarding && isModified(store())) await clearAutosave().catch(() => undefined);
  await api().call('app.close', {});
}
