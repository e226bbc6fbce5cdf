/**
 * Every command, once, with its keys and its place in the menu bar: the key handler matches
 * against this table, the help overlay lists its shortcuts, and the desktop app's native menu is
 * generated from it (menu.ts), so the three cannot disagree. `Mod` is Ctrl, or ⌘ on a Mac
 * (either works on both).
 */
import type { MENUS } from '../../../shared/api';

export type CommandId =
  | 'undo' | 'redo' | 'selectAll' | 'delete' | 'copy' | 'cut' | 'paste' | 'duplicate' | 'group' | 'quickAdd' | 'help' | 'deselect' | 'overview'
  | 'new' | 'template' | 'open' | 'save' | 'saveAs' | 'import' | 'export' | 'settings' | 'fitView' | 'autoLayout' | 'train' | 'stopTraining';

/** The commands the browser's copy, cut and paste events carry out (with the system clipboard). */
export type ClipboardCommand = 'copy' | 'cut' | 'paste';
export const isClipboardCommand = (id: CommandId): id is ClipboardCommand => id === 'copy' || id === 'cut' || id === 'paste';

/** Where a command sits in the menu bar: its menu, its label there, and its section (a separator between two). */
export interface MenuPlace {
  in: (typeof MENUS)[number];
  label: string;
  section: number;
}

export interface Shortcut {
  id: CommandId;
  /** Key combinations, e.g. `Mod+Shift+Z`; a key name is `KeyboardEvent.key`. None: the command is only in the menus. */
  keys: string[];
  description: string;
  menu?: MenuPlace;
}

const place = (menu: MenuPlace['in'], label: string, section = 0): MenuPlace => ({ in: menu, label, section });

/** The table, in menu order within each menu. */
export const shortcuts: readonly Shortcut[] = [
  { id: 'new', keys: ['Mod+N'], description: 'New document (asks to save unsaved changes first)', menu: place('File', 'New') },
  { id: 'template', keys: [], description: 'New from a template', menu: place('File', 'New from Template…') },
  { id: 'open', keys: ['Mod+O'], description: 'Open a document', menu: place('File', 'Open…') },
  { id: 'save', keys: ['Mod+S'], description: 'Save (to the file the document came from)', menu: place('File', 'Save', 1) },
  { id: 'saveAs', keys: ['Mod+Shift+S'], description: 'Save as a new file', menu: place('File', 'Save As…', 1) },
  { id: 'import', keys: [], description: 'Import a Keras or TensorFlow.js model', menu: place('File', 'Import Model…', 2) },
  { id: 'export', keys: [], description: 'Export code or a figure', menu: place('File', 'Export…', 2) },
  { id: 'settings', keys: [], description: 'Settings', menu: place('File', 'Settings…', 3) },
  { id: 'undo', keys: ['Mod+Z'], description: 'Undo', menu: place('Edit', 'Undo') },
  { id: 'redo', keys: ['Mod+Shift+Z', 'Mod+Y'], description: 'Redo', menu: place('Edit', 'Redo') },
  { id: 'cut', keys: ['Mod+X'], description: 'Cut the selected layers', menu: place('Edit', 'Cut', 1) },
  { id: 'copy', keys: ['Mod+C'], description: 'Copy the selected layers (they paste into any Netwright window)', menu: place('Edit', 'Copy', 1) },
  { id: 'paste', keys: ['Mod+V'], description: 'Paste at the pointer', menu: place('Edit', 'Paste', 1) },
  { id: 'duplicate', keys: ['Mod+D'], description: 'Duplicate the selected layers', menu: place('Edit', 'Duplicate', 1) },
  { id: 'delete', keys: ['Delete', 'Backspace'], description: 'Delete the selection', menu: place('Edit', 'Delete', 1) },
  { id: 'selectAll', keys: ['Mod+A'], description: 'Select every layer', menu: place('Edit', 'Select All', 2) },
  { id: 'deselect', keys: ['Escape'], description: 'Clear the selection, close a dialog', menu: place('Edit', 'Select None', 2) },
  { id: 'group', keys: ['Mod+G'], description: 'Group the selected layers into a new block', menu: place('Edit', 'Group into Block', 3) },
  { id: 'quickAdd', keys: ['/'], description: 'Add a layer or block by name (or double-click the canvas)', menu: place('Edit', 'Add Layer…', 3) },
  { id: 'fitView', keys: ['F'], description: 'Fit the graph into view', menu: place('View', 'Fit to View') },
  { id: 'autoLayout', keys: ['Mod+Shift+L'], description: 'Auto-layout: arrange the graph in layers', menu: place('View', 'Auto-layout') },
  { id: 'overview', keys: ['M'], description: 'Show or hide the overview (the map of the whole graph)', menu: place('View', 'Overview') },
  { id: 'train', keys: [], description: 'Start training', menu: place('Train', 'Start Training') },
  { id: 'stopTraining', keys: [], description: 'Stop training', menu: place('Train', 'Stop Training') },
  { id: 'help', keys: ['?'], description: 'Show these shortcuts', menu: place('Help', 'Keyboard Shortcuts') },
];

/** The commands a text field does not keep to itself: Ctrl+S saves while the document's name is being typed. */
export const fileCommands: ReadonlySet<CommandId> = new Set(['new', 'open', 'save', 'saveAs']);

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
