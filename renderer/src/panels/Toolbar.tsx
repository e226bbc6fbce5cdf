/** The toolbar: new, templates, open, save, import, export, settings, undo, redo, layout and grouping, and the document's name. */
import { memo, useRef } from 'react';
import { api } from '../api';
import { newDocument, openTemplate, openText, openWithDialog, saveCurrent } from '../commands/files';
import { useApp } from '../store/store';
import { usePanels } from '../store/panels';
import { ExportButton } from '../export/ExportDialog';
import { ImportButton } from '../export/ImportButton';
import { SettingsButton } from '../settings/SettingsDialog';
import { ArrangeTools } from './ArrangeTools';
import { HistoryButtons } from './HistoryButtons';

function ToolbarImpl() {
  const name = useApp((s) => s.doc.name);
  const rename = useApp((s) => s.rename);
  const fileInput = useRef<HTMLInputElement>(null);

  const open = () => {
    if (api().transport === 'electron') void openWithDialog();
    else fileInput.current?.click();
  };

  const onFile = async (e: React.ChangeEvent<HTMLInputElement>) => {
    const input = e.currentTarget;
    const file = input.files?.[0];
    if (file) openText(await file.text(), file.name);
    input.value = ''; // so choosing the same file again still fires a change
  };

  return (
    <header className="toolbar">
      <span className="toolbar__brand" aria-hidden="true">
        <svg viewBox="0 0 24 24" width="20" height="20">
          <circle cx="5" cy="6" r="2.4" />
          <circle cx="5" cy="18" r="2.4" />
          <circle cx="19" cy="12" r="2.4" />
          <path d="M7 6.8 17 11.2M7 17.2 17 12.8" />
        </svg>
        Netwright
      </span>
      <nav className="toolbar__actions" aria-label="File">
        <button type="button" className="button" onClick={newDocument}>
          New
        </button>
        <button type="button" className="button" onClick={() => usePanels.getState().showGallery(true)}>
          New from template…
        </button>
        <button type="button" className="button" onClick={() => void openTemplate('lenet5')}>
          LeNet-5
        </button>
        <button type="button" className="button" onClick={open}>
          Open…
        </button>
        <button type="button" className="button" onClick={() => void saveCurrent()}>
          Save
        </button>
        <ImportButton />
        <ExportButton />
        <SettingsButton />
        <input ref={fileInput} type="file" accept=".json,application/json" hidden aria-label="Open file" onChange={(e) => void onFile(e)} />
      </nav>
      <HistoryButtons />
      <ArrangeTools />
      <input className="toolbar__name" aria-label="Document name" value={name} onChange={(e) => rename(e.target.value)} spellCheck={false} />
    </header>
  );
}

/** The toolbar panel. */
export const Toolbar = memo(ToolbarImpl);
