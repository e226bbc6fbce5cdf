/**
 * A node's context menu (right-click on a layer or block instance of the top-level graph):
 * Freeze or Unfreeze it, Freeze everything before it, Unfreeze all. A popover at the pointer, so
 * it sits above every layer and panel; Escape or a click elsewhere closes it. Each item is one
 * undo step (commands/transfer.ts).
 */
import { useEffect, useRef } from 'react';
import { freezeBeforeNode, freezeNodes, unfreezeEverything } from '../commands/transfer';
import { useApp } from '../store/store';

export interface NodeMenuAt {
  /** The node right-clicked. */
  id: string;
  /** Where, in the window. */
  x: number;
  y: number;
}

interface Props {
  at: NodeMenuAt;
  onClose(): void;
}

export function NodeMenu({ at, onClose }: Props) {
  const menu = useRef<HTMLDivElement>(null);
  const node = useApp((s) => s.doc.graph.nodes.find((n) => n.id === at.id));
  const anyFrozen = useApp((s) => s.doc.graph.nodes.some((n) => n.frozen));
  // The selection, when the node is in it: Freeze applies to all of it.
  const inSelection = useApp((s) => s.selection.nodes.includes(at.id) && s.selection.nodes.length > 1);
  const selectedCount = useApp((s) => s.selection.nodes.length);
  const targets = () => {
    const { selection } = useApp.getState();
    return selection.nodes.includes(at.id) ? selection.nodes : [at.id];
  };

  useEffect(() => {
    const el = menu.current;
    if (!el) return;
    el.style.left = `${Math.round(Math.max(4, Math.min(at.x, innerWidth - 264)))}px`;
    el.style.top = `${Math.round(Math.max(4, Math.min(at.y, innerHeight - 160)))}px`;
    el.showPopover();
    el.querySelector<HTMLButtonElement>('[role="menuitem"]')?.focus();
  }, [at]);

  if (!node) return null;
  const name = node.label ?? node.id;
  const choose = (action: () => void) => () => {
    menu.current?.hidePopover();
    action();
  };
  const onKey = (e: React.KeyboardEvent) => {
    e.stopPropagation();
    const list = [...(menu.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? [])];
    const i = list.indexOf(document.activeElement as HTMLButtonElement);
    const step = e.key === 'ArrowDown' ? 1 : e.key === 'ArrowUp' ? -1 : 0;
    if (step) {
      e.preventDefault();
      list[(i + step + list.length) % list.length]?.focus();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      menu.current?.hidePopover();
    }
  };
  const many = inSelection ? ` ${selectedCount} layers` : '';

  return (
    <div
      ref={menu}
      popover="auto"
      role="menu"
      aria-label={`Actions for ${name}`}
      className="fix-menu node-menu nodrag nopan nowheel"
      onToggle={(e: React.ToggleEvent<HTMLDivElement>) => {
        if (e.newState === 'closed') onClose();
      }}
      onKeyDown={onKey}
      onClick={(e) => e.stopPropagation()}
    >
      {node.frozen ? (
        <button type="button" role="menuitem" className="fix-menu__item" onClick={choose(() => freezeNodes(targets(), false))}>
          Unfreeze{many}
        </button>
      ) : (
        <button type="button" role="menuitem" className="fix-menu__item" onClick={choose(() => freezeNodes(targets(), true))} title="Its weights do not change in training">
          Freeze{many}
        </button>
      )}
      <button type="button" role="menuitem" className="fix-menu__item" onClick={choose(() => freezeBeforeNode(at.id))} title={`Freeze every layer that feeds ${name}, and train ${name} and what follows it`}>
        Freeze everything before this node
      </button>
      <button type="button" role="menuitem" className="fix-menu__item" disabled={!anyFrozen} onClick={choose(unfreezeEverything)}>
        Unfreeze all
      </button>
    </div>
  );
}
