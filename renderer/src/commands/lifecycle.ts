/**
 * The window's life around its document. At start-up it tells the shell its menu bar (from the
 * command table) and hears which files it was asked to open; once the restore offer is settled
 * it opens them, or greets a window with nothing open with the template gallery. Meanwhile: the
 * title with its unsaved marker, files dropped on the window (a photo goes to the Summary tab's
 * Predict section, anything else is opened as a document), the desktop app's requests (open a
 * file, close the window), and in the browser the tab's own warning before unsaved edits are
 * closed.
 */
import { api, pathOfFile } from '../api';
import { watchTitle } from '../files/title';
import { noDocumentYet, usePanels } from '../store/panels';
import { usePredict } from '../store/predict';
import { isModified, useApp } from '../store/store';
import { closeWindow, openDropped, openPath } from './files';
import { menuSpec } from './menu';

let ready: Promise<string[]> | undefined;
let settled = false;
const waiting: string[] = [];

/** Tell the shell the window is up (once): its menu bar; resolves to the files it was asked to open meanwhile. */
const appReady = () =>
  (ready ??= api()
    .call('app.ready', { menu: menuSpec() })
    .then(
      (r) => r.open,
      () => [],
    ));

/** Open the files that wait, one after another (each asks first about unsaved edits). */
async function openWaiting(): Promise<void> {
  for (let path = waiting.shift(); path !== undefined; path = waiting.shift()) await openPath(path);
}

/**
 * The restore offer is answered, or there was none (RestoreOffer's `onSettled`): open the files
 * the app was asked to open, or show the gallery to a window that has nothing open.
 */
export function startupSettled(restored: boolean): void {
  void appReady().then((paths) => {
    settled = true;
    waiting.unshift(...paths);
    if (waiting.length > 0) return openWaiting();
    if (!restored && noDocumentYet()) usePanels.getState().showGallery(true);
  });
}

/** A Netwright document dragged from the desktop (a file, not a layer from the palette). */
function draggedFile(e: DragEvent): boolean {
  return e.dataTransfer?.types.includes('Files') ?? false;
}

/** An image file rather than a document: by its type, or its name where the system gives no type. */
const isPhoto = (file: File) => file.type.startsWith('image/') || /\.(png|jpe?g|webp|gif|bmp|tiff?|avif)$/i.test(file.name);

/** A photo dropped on the canvas: the Summary tab's Predict section shows its top classes (once weights are loaded). */
function predictDropped(photo: File): void {
  usePanels.getState().showDock('summary');
  usePredict.getState().dropPhoto(photo);
}

/** Start the window's lifecycle; returns the function that stops it. */
export function startLifecycle(): () => void {
  void appReady();
  const stopTitle = watchTitle();
  const stopEvents = api().onAppEvent((e) => {
    if (e.type === 'open') {
      waiting.push(e.path);
      if (settled) void openWaiting();
    } else if (e.type === 'close') void closeWindow();
  });
  // The browser's own question when a tab with unsaved edits is closed (the desktop app asks its own).
  const onBeforeUnload = (e: BeforeUnloadEvent) => {
    if (api().transport !== 'browser' || !isModified(useApp.getState())) return;
    e.preventDefault();
    e.returnValue = '';
  };
  const onDragOver = (e: DragEvent) => {
    if (!draggedFile(e)) return;
    e.preventDefault();
    e.dataTransfer!.dropEffect = 'copy';
  };
  const onDrop = (e: DragEvent) => {
    // A panel that takes files itself (Predict, Look inside) has handled it.
    const file = draggedFile(e) && !e.defaultPrevented ? e.dataTransfer?.files[0] : undefined;
    if (!file) return;
    e.preventDefault();
    if (isPhoto(file)) predictDropped(file);
    else void openDropped(file, pathOfFile(file));
  };
  window.addEventListener('beforeunload', onBeforeUnload);
  window.addEventListener('dragover', onDragOver);
  window.addEventListener('drop', onDrop);
  return () => {
    stopTitle();
    stopEvents();
    window.removeEventListener('beforeunload', onBeforeUnload);
    window.removeEventListener('dragover', onDragOver);
    window.removeEventListener('drop', onDrop);
  };
}
