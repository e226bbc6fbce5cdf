/**
 * New, open, template and save: the commands behind the toolbar. Every document that comes in
 * goes through shared/graph/load (parse → check → migrate → validate) before it replaces the
 * open one; a failure leaves the open document as it was and shows why.
 */
import { loadDocument, loadValue, saveDocument } from '../../../shared/graph/load';
import { emptyDocument } from '../../../shared/graph/schema';
import { api } from '../api';
import { clearAutosave } from '../files/autosave';
import { downloadBlob } from '../ui/download';
import { layoutForOpening, needsLayout } from './layout';
import { startOpenTiming } from './timing';
import { useApp } from '../store/store';

const store = () => useApp.getState();
const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Replace the open document with an empty one. */
export function newDocument(): void {
  store().replaceDocument(emptyDocument());
}

/**
 * Open a template from the engine service, laid out to read at a glance (templates are stored
 * as one long row): `await openTemplate('lenet5')`.
 */
export async function openTemplate(id: string): Promise<void> {
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

/**
 * Open a file's text; returns whether it is a document that replaces the open one. A graph
 * without a readable arrangement (an imported one, in one long row) is laid out first.
 */
export function openText(text: string, fileName: string): boolean {
  const result = loadDocument(text);
  if (!result.ok) store().openFailed(result.error, fileName);
  else if (!needsLayout(result.doc)) store().replaceDocument(result.doc);
  else {
    const doc = result.doc;
    layoutForOpening(doc).then(
      (laidOut) => store().replaceDocument(laidOut),
      () => store().replaceDocument(doc),
    );
  }
  return result.ok;
}

/** Open through Electron's native dialog (the browser mode uploads with a file input instead). */
export async function openWithDialog(): Promise<void> {
  try {
    const file = await api().call('file.open', {});
    if (file) openText(file.text, file.name);
  } catch (e) {
    store().showAlert({ source: 'app', message: `Could not open the file: ${messageOf(e)}` });
  }
}

/** `My net` → `My net.netwright.json`, without characters file systems reject. */
export function fileNameFor(name: string): string {
  const base = name.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ').trim() || 'Untitled';
  return `${base}.netwright.json`;
}

/** Save the open document: a native dialog in Electron, a download in the browser. */
export async function saveCurrent(): Promise<void> {
  const { doc } = store();
  const text = saveDocument(doc);
  const name = fileNameFor(doc.name);
  if (api().transport === 'electron') {
    try {
      const { path } = await api().call('file.save', { name, text });
      if (path !== null) await clearAutosave();
    } catch (e) {
      store().showAlert({ source: 'app', message: `Could not save: ${messageOf(e)}` });
    }
    return;
  }
  downloadBlob(new Blob([text], { type: 'application/json' }), name);
  await clearAutosave().catch(() => undefined);
}
