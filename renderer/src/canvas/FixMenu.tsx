/**
 * A red node's one-click fixes, on the node itself: a small "Fix" button that opens a menu of
 * them (a popover, so it sits above every layer and panel, and Escape or a click elsewhere
 * closes it). Choosing one applies it as one undo step.
 */
import { useRef, useState } from 'react';
import { applyFixNamed } from '../ui/fixes';

interface Props {
  /** The node's id in the graph on the canvas. */
  id: string;
  /** Its name, for the button's and the menu's accessible names. */
  name: string;
  /** The fixes' labels. */
  labels: string[];
}

export function FixMenu({ id, name, labels }: Props) {
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const [open, setOpen] = useState(false);
  const menuId = `fix-menu-${id}`;

  const items = () => [...(menu.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? [])];
  // The button opens and closes the menu itself (popoverTarget); the menu opens under it.
  const onBeforeToggle = (e: React.ToggleEvent<HTMLDivElement>) => {
    const at = button.current?.getBoundingClientRect();
    if (e.newState !== 'open' || !at) return;
    e.currentTarget.style.left = `${Math.round(Math.max(4, Math.min(at.left, innerWidth - 264)))}px`;
    e.currentTarget.style.top = `${Math.round(at.bottom + 4)}px`;
  };
  const onToggle = (e: React.ToggleEvent<HTMLDivElement>) => {
    setOpen(e.newState === 'open');
    if (e.newState === 'open') items()[0]?.focus();
  };
  const choose = (label: string) => {
    menu.current?.hidePopover();
    applyFixNamed(id, label);
  };
  // The menu's keys are its own: the canvas would move the node on an arrow, deselect on Escape.
  const onMenuKey = (e: React.KeyboardEvent) => {
    e.stopPropagation();
    const list = items();
    const at = list.indexOf(document.activeElement as HTMLButtonElement);
    const step = e.key === 'ArrowDown' ? 1 : e.key === 'ArrowUp' ? -1 : 0;
    if (step) {
      e.preventDefault();
      list[(at + step + list.length) % list.length]?.focus();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      menu.current?.hidePopover();
      button.current?.focus();
    }
  };

  return (
    <>
      <button
        ref={button}
        type="button"
        className="layer-node__fix nodrag"
        popoverTarget={menuId}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-label={`Fix ${name}`}
        title={labels.join('\n')}
        onClick={(e) => e.stopPropagation()}
        onKeyDown={(e) => e.stopPropagation()}
      >
        Fix ▾
      </button>
      <div
        ref={menu}
        id={menuId}
        popover="auto"
        role="menu"
        aria-label={`Fixes for ${name}`}
        className="fix-menu nodrag nopan nowheel"
        onBeforeToggle={onBeforeToggle}
        onToggle={onToggle}
        onKeyDown={onMenuKey}
        onClick={(e) => e.stopPropagation()}
      >
        {labels.map((label) => (
          <button key={label} type="button" role="menuitem" className="fix-menu__item" onClick={() => choose(label)}>
            {label}
          </button>
        ))}
      </div>
    </>
  );
}
