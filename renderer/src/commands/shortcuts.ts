/**
 * Every keyboard shortcut, once: the key handler matches against this table and the help
 * overlay lists it. `Mod` is Ctrl, or ⌘ on a Mac (either works on both).
 */

export type CommandId = 'undo' | 'redo' | 'selectAll' | 'delete' | 'copy' | 'cut' | 'paste' | 'duplicate' | 'group' | 'quickAdd' | 'help' | 'deselect' | 'overview';

/** The commands the browser's copy, cut and paste events carry out (with the system clipboard). */
export type ClipboardCommand = 'copy' | 'cut' | 'paste';
export const isClipboardCommand = (id: CommandId): id is ClipboardCommand => id === 'copy' || id === 'cut' || id === 'paste';

export interface Shortcut {
  id: CommandId;
  /** Key combinations, e.g. `Mod+Shift+Z`; a key name is `KeyboardEvent.key`. */
  keys: string[];
  description: string;
}

export const shortcuts: readonly Shortcut[] = [
  { id: 'undo', keys: ['Mod+Z'], description: 'Undo' },
  { id: 'redo', keys: ['Mod+Shift+Z', 'Mod+Y'], description: 'Redo' },
  { id: 'quickAdd', keys: ['/'], description: 'Add a layer or block by name (or double-click the canvas)' },
  { id: 'selectAll', keys: ['Mod+A'], description: 'Select every layer' },
  { id: 'deselect', keys: ['Escape'], description: 'Clear the selection, close a dialog' },
  { id: 'delete', keys: ['Delete', 'Backspace'], description: 'Delete the selection' },
  { id: 'copy', keys: ['Mod+C'], description: 'Copy the selected layers (they paste into any Netwright window)' },
  { id: 'cut', keys: ['Mod+X'], description: 'Cut the selected layers' },
  { id: 'paste', keys: ['Mod+V'], description: 'Paste at the pointer' },
  { id: 'duplicate', keys: ['Mod+D'], description: 'Duplicate the selected layers' },
  { id: 'group', keys: ['Mod+G'], description: 'Group the selected layers into a new block' },
  { id: 'overview', keys: ['M'], description: 'Show or hide the overview (the map of the whole graph)' },
  { id: 'help', keys: ['?'], description: 'Show these shortcuts' },
];

/** What the mouse (and React Flow's own keys) do, for the help overlay. */
export const gestures: readonly { keys: string; description: string }[] = [
  { keys: 'Drag from the palette', description: 'Add a layer; drop it on a connection to insert it there' },
  { keys: 'Double-click a connection', description: 'Add a layer by name, inserted into that connection' },
  { keys: 'Drag an output to an input', description: 'Connect two layers' },
  { keys: 'Click, Shift+click', description: 'Select a layer, add one to the selection (or Ctrl/⌘+click)' },
  { keys: 'Shift+drag on the canvas', description: 'Select with a box (or turn on the box tool and just drag)' },
  { keys: 'Drag on the canvas', description: 'Pan (middle or right button while the box tool is on)' },
  { keys: 'Scroll, pinch', description: 'Zoom' },
  { keys: 'Tab, Enter', description: 'Move between layers, select the focused one' },
  { keys: 'Arrow keys', description: 'Move the selected layers' },
];

export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

/** Characters typed with Shift on some layouts; for them Shift is part of the key, not a modifier. */
const shifted = new Set(['?', '/']);

function matches(combo: string, e: KeyPress): boolean {
  const parts = combo.split('+');
  const key = parts.pop()!;
  const mod = parts.includes('Mod');
  const shift = parts.includes('Shift');
  if (mod !== (e.ctrlKey || e.metaKey) || e.altKey) return false;
  if (!shifted.has(key) && shift !== e.shiftKey) return false;
  return key.length === 1 ? e.key.toLowerCase() === key.toLowerCase() : e.key === key;
}

/** The command a key press asks for: `commandFor({ key: 'z', ctrlKey: true, … })` → 'undo'. */
export function commandFor(e: KeyPress): CommandId | undefined {
  return shortcuts.find((s) => s.keys.some((k) => matches(k, e)))?.id;
}

/** `Mod+Shift+Z` as this platform writes it: `Ctrl+Shift+Z`, or `⌘⇧Z` on a Mac. */
export function keyLabel(combo: string, mac = isMac()): string {
  if (!mac) return combo.replace('Mod', 'Ctrl');
  return combo.replace('Mod+', '⌘').replace('Shift+', '⇧');
}

/** Same as `keyLabel`, for `aria-keyshortcuts` (which spells ⌘ `Meta`). */
export const ariaKeys = (combo: string, mac = isMac()): string => combo.replace('Mod', mac ? 'Meta' : 'Control');

/** The shortcuts of a command, as this platform writes them: `keysOf('redo')` → `['Ctrl+Shift+Z', 'Ctrl+Y']`. */
export const keysOf = (id: CommandId): string[] => shortcuts.find((s) => s.id === id)?.keys ?? [];

function isMac(): boolean {
  return typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);
}
