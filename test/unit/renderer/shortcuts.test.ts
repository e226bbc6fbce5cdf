/**
 * The shortcut table is the one list of key bindings: every key the editor handles is in it
 * (so the `?` overlay, which lists the table, shows it), and every binding in it does something.
 * Also the status bar's counts, written with thousands separators.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { keyActions } from '../../../renderer/src/commands/keyActions';
import { commandFor, isClipboardCommand, shortcuts, type KeyPress } from '../../../renderer/src/commands/shortcuts';
import { counted } from '../../../renderer/src/ui/format';

const RENDERER = fileURLToPath(new URL('../../../renderer/src', import.meta.url));

/** The key press a combination in the table stands for: `Mod+Shift+Z` → Ctrl, Shift and `Z`. */
function pressOf(combo: string): KeyPress {
  const parts = combo.split('+');
  const key = parts.pop()!;
  return { key, ctrlKey: parts.includes('Mod'), metaKey: false, shiftKey: parts.includes('Shift'), altKey: false };
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : []));
}

describe('the shortcut table', () => {
  it('has an action for every binding but the clipboard’s, and a binding for every action', () => {
    const actions = Object.keys(keyActions({ openQuickAdd: () => undefined })).sort();
    const bound = shortcuts.map((s) => s.id).filter((id) => !isClipboardCommand(id));
    expect(actions).toEqual([...bound].sort());
    expect(shortcuts.map((s) => s.id)).toEqual(expect.arrayContaining(['copy', 'cut', 'paste', 'group']));
  });

  it('reaches each command by each of its keys (no binding hidden by another)', () => {
    for (const s of shortcuts) for (const combo of s.keys) expect([combo, commandFor(pressOf(combo))]).toEqual([combo, s.id]);
    expect(commandFor(pressOf('Mod+G'))).toBe('group');
  });

  it('is the only place that listens for keys across the window', () => {
    // Dialogs handle their own keys (arrows in the quick-add list); the editor's go through the table.
    const listening = sources(RENDERER)
      .filter((file) => /addEventListener\(\s*['"]key(down|up|press)['"]/.test(readFileSync(file, 'utf8')))
      .map((file) => file.slice(RENDERER.length + 1));
    expect(listening).toEqual(['commands/useEditorKeys.ts']);
  });
});

describe('status bar counts', () => {
  it('writes thousands with separators and the noun in the right number', () => {
    expect(counted(1002, 'layer')).toBe('1,002 layers');
    expect(counted(1, 'error')).toBe('1 error');
    expect(counted(0, 'error')).toBe('0 errors');
  });
});
