/**
 * Quick add: double-click the empty canvas or press `/`, type a few letters of a layer or block
 * ("incep", "mp2", "relu"), pick with ↑↓ and Enter; the choice lands where the box opened (on a
 * connection: into it). Escape, or a click elsewhere, closes the box.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { blockLibrary, placeAt } from '../commands/editor';
import { useApp } from '../store/store';
import { useUi, type QuickAddAt } from '../store/ui';
import { NODE_HALF } from '../ui/dnd';
import { catalogue, type CatalogueEntry } from './catalogue';
import { fuzzyFilter } from './fuzzy';

const WIDTH = 340;
const HEIGHT = 360;
const MAX_SHOWN = 50;

/** The quick-add box, while it is open. */
export function QuickAdd() {
  const at = useUi((s) => s.quickAdd);
  return at ? <QuickAddBox at={at} /> : null;
}

function QuickAddBox({ at }: { at: QuickAddAt }) {
  const blocks = useApp((s) => s.doc.blocks);
  const entries = useMemo(() => catalogue(blocks, blockLibrary()), [blocks]);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const shown = useMemo(() => fuzzyFilter(entries, query).slice(0, MAX_SHOWN), [entries, query]);
  const listId = useId();
  const input = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const returnTo = useRef<Element | null>(null);

  useEffect(() => {
    returnTo.current = document.activeElement;
    input.current?.focus();
    return () => {
      if (returnTo.current instanceof HTMLElement && returnTo.current.isConnected) returnTo.current.focus();
    };
  }, []);

  useEffect(() => {
    list.current?.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [active, shown]);

  const close = () => useUi.getState().closeQuickAdd();
  const choose = (entry: CatalogueEntry | undefined) => {
    if (!entry) return;
    placeAt(entry.what, { x: at.flow.x - NODE_HALF.x, y: at.flow.y - NODE_HALF.y }, at.edge);
    close();
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    const step = (d: number) => {
      e.preventDefault();
      if (shown.length) setActive((i) => (i + d + shown.length) % shown.length);
    };
    if (e.key === 'ArrowDown') step(1);
    else if (e.key === 'ArrowUp') step(-1);
    else if (e.key === 'PageDown') step(Math.min(8, shown.length - 1));
    else if (e.key === 'PageUp') step(-Math.min(8, shown.length - 1));
    else if (e.key === 'Enter') {
      e.preventDefault();
      choose(shown[active]);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      close();
    } else if (e.key === 'Tab') e.preventDefault(); // the box is modal: focus stays in it
  };

  const left = Math.max(8, Math.min(at.screen.x, window.innerWidth - WIDTH - 8));
  const top = Math.max(8, Math.min(at.screen.y, window.innerHeight - HEIGHT - 8));
  const optionId = (i: number) => `${listId}-${i}`;
  return (
    <div
      className="quick-add"
      role="dialog"
      aria-modal="true"
      aria-label="Add layer"
      style={{ left, top, width: WIDTH }}
      onKeyDown={onKeyDown}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) close();
      }}
    >
      <input
        ref={input}
        className="quick-add__input"
        role="combobox"
        aria-label="Add layer"
        aria-expanded="true"
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={shown.length ? optionId(active) : undefined}
        placeholder="Search layers and blocks…"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        spellCheck={false}
        autoComplete="off"
      />
      <ul ref={list} className="quick-add__list" id={listId} role="listbox" aria-label="Layers and blocks">
        {shown.map((entry, i) => (
          <li
            key={entry.key}
            id={optionId(i)}
            role="option"
            aria-selected={i === active}
            className={`quick-add__option quick-add__option--${entry.category}${i === active ? ' quick-add__option--active' : ''}`}
            onMouseMove={() => setActive(i)}
            onMouseDown={(e) => e.preventDefault()} // keep focus in the input
            onClick={() => choose(entry)}
          >
            <span className="quick-add__name">{entry.name}</span>
            <span className="quick-add__category">{entry.category}</span>
            <span className="quick-add__desc">{entry.description}</span>
          </li>
        ))}
      </ul>
      {shown.length === 0 ? <p className="quick-add__empty">Nothing matches “{query}”.</p> : null}
    </div>
  );
}
