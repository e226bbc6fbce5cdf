/**
 * The recent files (the engine service keeps the last 10, shared by the desktop app and the
 * browser mode; files that are gone are dropped): a menu in the toolbar, and a list in the
 * template gallery. Choosing one opens it, asking first about unsaved edits.
 */
import { useEffect, useRef, useState } from 'react';
import type { ReplyOf } from '../../../shared/api';
import { api } from '../api';
import { openPath } from '../commands/files';

export type RecentFile = ReplyOf<'recent.list'>['files'][number];

/** The recent files, asked of the service each time `shown` turns true; undefined until they arrive. */
export function useRecentFiles(shown = true): RecentFile[] | undefined {
  const [files, setFiles] = useState<RecentFile[]>();
  useEffect(() => {
    if (!shown) return;
    let live = true;
    api()
      .call('recent.list', {})
      .then(
        (r) => live && setFiles(r.files),
        () => live && setFiles([]),
      );
    return () => {
      live = false;
    };
  }, [shown]);
  return files;
}

/** A recent file as a button: its name, its folder as the title. */
function RecentButton({ file, onChosen, className, role }: { file: RecentFile; onChosen?(): void; className: string; role?: string }) {
  return (
    <button
      type="button"
      role={role}
      className={className}
      title={file.path}
      onClick={() => {
        onChosen?.();
        void openPath(file.path);
      }}
    >
      {file.name}
    </button>
  );
}

/** The toolbar's "Recent" menu button and its list. */
export function RecentMenu() {
  const [open, setOpen] = useState(false);
  const files = useRecentFiles(open);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const outside = (e: PointerEvent) => {
      if (!box.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', outside);
    return () => document.removeEventListener('pointerdown', outside);
  }, [open]);
  return (
    <div className="recent" ref={box} onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}>
      <button type="button" className="button" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen(!open)}>
        Recent ▾
      </button>
      {open ? (
        <div className="recent__menu" role="menu" aria-label="Recent files">
          {files === undefined ? null : files.length === 0 ? (
            <p className="recent__empty muted">No recent files yet: documents you open or save appear here.</p>
          ) : (
            files.map((f) => <RecentButton key={f.path} file={f} role="menuitem" className="recent__item" onChosen={() => setOpen(false)} />)
          )}
        </div>
      ) : null}
    </div>
  );
}

/** The gallery's list of recent files (nothing when there are none). */
export function RecentList({ onChosen }: { onChosen(): void }) {
  const files = useRecentFiles();
  if (!files?.length) return null;
  return (
    <section className="gallery__recent" aria-label="Recent files">
      <h3>Recent files</h3>
      <ul>
        {files.map((f) => (
          <li key={f.path}>
            <RecentButton file={f} className="button" onChosen={onChosen} />
          </li>
        ))}
      </ul>
    </section>
  );
}
