/**
 * The editor's keyboard: one window listener dispatches the shortcuts of shortcuts.ts, and the
 * document's copy, cut and paste events carry layers to and from the system clipboard. Keys
 * typed into a text field stay the field's (its own undo, copy and paste), but for the file
 * commands (Ctrl+S saves while a name is typed), and so do dialogs. The desktop app's menu bar
 * runs the same actions (its commands arrive as app events).
 */
import { useReactFlow } from '@xyflow/react';
import { useEffect } from 'react';
import type { XY } from '../../../shared/document/edits';
import { api } from '../api';
import { decodePayload } from '../clipboard/payload';
import { breakEditGroup } from '../store/history';
import { useUi } from '../store/ui';
import { NODE_HALF } from '../ui/dnd';
import { pointerOnCanvas, quickAddAt } from '../ui/pointer';
import { copySelection, cutSelection, pastePayload } from './editor';
import { keyActions } from './keyActions';
import { commandFor, fileCommands, isClipboardCommand, shortcuts, type CommandId } from './shortcuts';

const TEXT_INPUTS = /^(text|search|number|email|password|url|tel|)$/;

/** Whether keys typed at `target` edit text there. */
export function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target.tagName === 'TEXTAREA') return true;
  return target instanceof HTMLInputElement && TEXT_INPUTS.test(target.type);
}

/** A form control (a checkbox, a select): it keeps its own plain keys, but Ctrl+Z still undoes. */
const isFormControl = (target: EventTarget | null) => target instanceof HTMLElement && /^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName);

/** Commands that a form control's own keys would clash with. */
const plainKeys = new Set<CommandId>(['delete', 'deselect', 'quickAdd', 'help', 'selectAll', 'fitView']);

const inDialog = (target: EventTarget | null) => target instanceof Element && target.closest('[role="dialog"], dialog') !== null;

/** What a command chosen in the menu does to the text field being typed in: its own undo, redo, select all. */
const TEXT_EDITS: Partial<Record<CommandId, string>> = { undo: 'undo', redo: 'redo', selectAll: 'selectAll' };
const isCommand = (id: string): id is CommandId => shortcuts.some((s) => s.id === id);
/** Whether a modal dialog is open: the menu's commands then wait, as the keys do. */
const modalOpen = () => document.querySelector('dialog:modal, [aria-modal="true"]') !== null;

/** The visible canvas's centre, in window pixels. */
function canvasCentre(): XY {
  const box = document.querySelector('.canvas')?.getBoundingClientRect();
  return box ? { x: box.left + box.width / 2, y: box.top + box.height / 2 } : { x: innerWidth / 2, y: innerHeight / 2 };
}

/** Install the editor's keys and clipboard handling; call once, inside the `ReactFlowProvider`. */
export function useEditorKeys(): void {
  const { screenToFlowPosition } = useReactFlow();
  useEffect(() => {
    const at = (screen: XY): XY => {
      const p = screenToFlowPosition(screen);
      return { x: p.x - NODE_HALF.x, y: p.y - NODE_HALF.y };
    };
    const openQuickAdd = () => useUi.getState().openQuickAdd(quickAddAt(pointerOnCanvas() ?? canvasCentre(), screenToFlowPosition));

    const actions = keyActions({ openQuickAdd });
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing || inDialog(e.target)) return;
      const command = commandFor(e);
      if (isTextField(e.target) && !(command && fileCommands.has(command))) return;
      // Copy, cut and paste go through the clipboard events below, which the browser fires next.
      if (!command || isClipboardCommand(command)) return;
      if (plainKeys.has(command) && isFormControl(e.target)) return;
      e.preventDefault();
      actions[command]();
    };

    // Text selected on the page (a table, a message) is copied as text, not as layers.
    const forText = (e: ClipboardEvent) => isTextField(e.target) || inDialog(e.target) || (window.getSelection()?.toString() ?? '') !== '';
    const onCopy = (e: ClipboardEvent) => {
      if (!forText(e)) void copySelection(e);
    };
    const onCut = (e: ClipboardEvent) => {
      if (!forText(e)) void cutSelection(e);
    };
    const onPaste = (e: ClipboardEvent) => {
      if (isTextField(e.target) || inDialog(e.target)) return;
      const payload = decodePayload(e.clipboardData?.getData('text/plain') ?? '');
      if (!payload) return;
      e.preventDefault();
      const pointer = pointerOnCanvas();
      pastePayload(payload, pointer ? at(pointer) : undefined);
    };

    // The menu bar: in a text field undo, redo and select all edit the text (as their keys do there).
    const stopMenu = api().onAppEvent((e) => {
      if (e.type !== 'command' || !isCommand(e.id)) return;
      const edit = TEXT_EDITS[e.id];
      if (edit && isTextField(document.activeElement)) document.execCommand(edit);
      else if (!modalOpen() && !isClipboardCommand(e.id)) actions[e.id]();
    });

    window.addEventListener('keydown', onKeyDown);
    document.addEventListener('copy', onCopy);
    document.addEventListener('cut', onCut);
    document.addEventListener('paste', onPaste);
    // Leaving a field ends its run of keystrokes: the next edit there is a new undo step.
    document.addEventListener('focusout', breakEditGroup);
    return () => {
      stopMenu();
      window.removeEventListener('keydown', onKeyDown);
      document.removeEventListener('copy', onCopy);
      document.removeEventListener('cut', onCut);
      document.removeEventListener('paste', onPaste);
      document.removeEventListener('focusout', breakEditGroup);
    };
  }, [screenToFlowPosition]);
}
