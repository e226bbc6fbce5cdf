/** The toolbar: new, templates, open, recent files, save, save as, import, export, settings, undo, redo, layout and grouping, and the document's name. */
import { memo } from 'react';
import { newDocument, openDocument, openTemplate, save, saveAs } from '../commands/files';
import { ariaKeys, keyLabel, keysOf, type CommandId } from '../commands/shortcuts';
import { useApp } from '../store/store';
import { usePanels } from '../store/panels';
import { ExportButton } from '../export/ExportDialog';
import { ImportButton } from '../export/ImportButton';
import { SettingsButton } from '../settings/SettingsDialog';
import { ArrangeTools } from './ArrangeTools';
import { HistoryButtons } from './HistoryButtons';
import { RecentMenu } from './RecentFiles';

/** A button's tooltip and aria-keyshortcuts for its command's first key: `keyed('save', 'Save')`. */
function keyed(id: CommandId, what: string): { title: string; 'aria-keyshortcuts'?: string } {
  const key = keysOf(id)[0];
  return key ? { title: `${what} (${keyLabel(key)})`, 'aria-keyshortcuts': ariaKeys(key) } : { title: what };
}

function ToolbarImpl() {
  const name = useApp((s) => s.doc.name);
  const rename = useApp((s) => s.rename);

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
        <button type="button" className="button" onClick={() => void newDocument()} {...keyed('new', 'New document')}>
          New
        </button>
        <button type="button" className="button" onClick={() => usePanels.getState().showGallery(true)}>
          New from template…
        </button>
        <button type="button" className="button" onClick={() => void openTemplate('lenet5')}>
          LeNet-5
        </button>
        <button type="button" className="button" onClick={() => void openDocument()} {...keyed('open', 'Open a document')}>
          Open…
        </button>
        <RecentMenu />
        <button type="button" className="button" onClick={() => void save()} {...keyed('save', 'Save')}>
          Save
        </button>
        <button type="button" className="button" onClick={() => void saveAs()} {...keyed('saveAs', 'Save as a new file')}>
          Save as…
        </button>
        <ImportButton />
        <ExportButton />
        <SettingsButton />
      </nav>
      <HistoryButtons />
      <ArrangeTools />
      <input className="toolbar__name" aria-label="Document name" value={name} onChange={(e) => rename(e.target.value)} spellCheck={false} />
    </header>
  );
}

/** The toolbar panel. */
export const Toolbar = memo(ToolbarImpl);
