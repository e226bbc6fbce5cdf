/**
 * The native menu bar, generated from the renderer's command table (no Electron binary needed):
 * every command of the table is in it under its label, with its key shown; the shell adds Open
 * Recent, closing, quitting and zoom; keys run once (display-only accelerators on Windows and
 * Linux, none for plain keys on macOS); a choice reaches the window as the command's id.
 */
import { describe, expect, it } from 'vitest';
import { acceleratorOf, menuTemplate, type MenuContext, type MenuItem } from '../../../electron/main/menu';
import { menuSpec } from '../../../renderer/src/commands/menu';
import { shortcuts } from '../../../renderer/src/commands/shortcuts';
import { MenuSpecSchema } from '../../../shared/api';

const spec = menuSpec();
const recent = [
  { name: 'b.netwright.json', path: '/nets/b.netwright.json' },
  { name: 'a.netwright.json', path: '/nets/a.netwright.json' },
];

function context(platform: string, chosen: string[] = []): MenuContext {
  return { platform, appName: 'Netwright', recent, command: (id) => chosen.push(`command ${id}`), open: (path) => chosen.push(`open ${path}`) };
}

/** Every item of a template, depth first. */
const items = (template: MenuItem[]): MenuItem[] => template.flatMap((i) => [i, ...items(i.submenu ?? [])]);
const menu = (template: MenuItem[], label: string) => template.find((m) => m.label === label)?.submenu ?? [];
const labels = (list: MenuItem[]) => list.map((i) => i.label ?? i.role ?? i.type);

describe('the menu the renderer sends', () => {
  it('is valid for the API, and holds every command of the table under its menu, in table order', () => {
    expect(MenuSpecSchema.safeParse(spec).success).toBe(true);
    expect(spec.map((m) => m.menu)).toEqual(['File', 'Edit', 'View', 'Train', 'Help']);
    const listed = spec.flatMap((m) => m.items.flatMap((i) => ('id' in i ? [i.id] : [])));
    expect(listed.sort()).toEqual(shortcuts.map((s) => s.id).sort());
    expect(spec[0]!.items.filter((i) => 'id' in i).map((i) => ('id' in i ? i.id : ''))).toEqual(['new', 'template', 'open', 'save', 'saveAs', 'import', 'export', 'settings']);
  });

  it('separates the sections of a menu, never at its ends', () => {
    for (const m of spec) {
      expect('separator' in m.items[0]!).toBe(false);
      expect('separator' in m.items.at(-1)!).toBe(false);
    }
    expect(spec.find((m) => m.menu === 'Edit')!.items.map((i) => ('id' in i ? i.id : '—'))).toEqual(['undo', 'redo', '—', 'cut', 'copy', 'paste', 'duplicate', 'delete', '—', 'selectAll', 'deselect', '—', 'group', 'quickAdd']);
  });
});

describe('the native menu bar', () => {
  it('writes the table’s keys as Electron accelerators', () => {
    expect(acceleratorOf('Mod+Shift+S')).toBe('CmdOrCtrl+Shift+S');
    expect(acceleratorOf('Mod+z')).toBe('CmdOrCtrl+Z');
    expect(acceleratorOf('Delete')).toBe('Delete');
    expect(acceleratorOf('?')).toBe('?');
  });

  it('on Windows and Linux: File, Edit, View, Train, Help, each command with its label and its first key shown but not registered', () => {
    for (const platform of ['linux', 'win32']) {
      const template = menuTemplate(spec, context(platform));
      expect(labels(template)).toEqual(['File', 'Edit', 'View', 'Train', 'Help']);
      for (const s of shortcuts) {
        const item = items(template).find((i) => i.label === s.menu!.label)!;
        expect(item, s.id).toBeDefined();
        expect(item.accelerator).toBe(s.keys[0] && acceleratorOf(s.keys[0]));
        if (item.accelerator) expect(item.registerAccelerator).toBe(false);
      }
      expect(labels(menu(template, 'File'))).toEqual(['New', 'New from Template…', 'Open…', 'Open Recent', 'separator', 'Save', 'Save As…', 'separator', 'Import Model…', 'Export…', 'separator', 'Settings…', 'separator', 'Close Window', 'Quit']);
    }
  });

  it('on macOS: the app menu first and a Window menu, ⌘ keys registered (the page keeps the ones it handles), plain keys not bound at all', () => {
    const template = menuTemplate(spec, context('darwin'));
    expect(labels(template)).toEqual(['Netwright', 'File', 'Edit', 'View', 'Train', 'windowMenu', 'Help']);
    expect(labels(menu(template, 'Netwright'))).toContain('quit');
    expect(labels(menu(template, 'File'))).not.toContain('Quit');
    const all = items(template);
    const save = all.find((i) => i.label === 'Save')!;
    expect([save.accelerator, save.registerAccelerator]).toEqual(['CmdOrCtrl+S', undefined]);
    for (const label of ['Delete', 'Overview', 'Fit to View', 'Add Layer…', 'Keyboard Shortcuts', 'Select None']) expect(all.find((i) => i.label === label)?.accelerator, label).toBeUndefined();
  });

  it('sends a chosen command to the window by its id; cut, copy and paste are the system’s edit roles (they fire the page’s clipboard events)', () => {
    const chosen: string[] = [];
    const all = items(menuTemplate(spec, context('linux', chosen)));
    for (const label of ['Save As…', 'Undo', 'Auto-layout', 'Start Training', 'Keyboard Shortcuts']) all.find((i) => i.label === label)!.click!();
    expect(chosen).toEqual(['command saveAs', 'command undo', 'command autoLayout', 'command train', 'command help']);
    expect(['Cut', 'Copy', 'Paste'].map((label) => all.find((i) => i.label === label)!.role)).toEqual(['cut', 'copy', 'paste']);
    expect(all.find((i) => i.label === 'Paste')!.click).toBeUndefined();
  });

  it('lists the recent files under File → Open Recent, newest first, and opens the one chosen', () => {
    const chosen: string[] = [];
    const openRecent = menu(menuTemplate(spec, context('win32', chosen)), 'File').find((i) => i.label === 'Open Recent')!;
    expect(labels(openRecent.submenu!)).toEqual(['b.netwright.json', 'a.netwright.json']);
    openRecent.submenu![1]!.click!();
    expect(chosen).toEqual(['open /nets/a.netwright.json']);
    const none = menu(menuTemplate(spec, { ...context('linux'), recent: [] }), 'File').find((i) => i.label === 'Open Recent')!;
    expect(none.submenu).toEqual([{ label: 'No Recent Files', enabled: false }]);
  });

  it('before the window has sent its menu, holds only the shell’s own items', () => {
    expect(labels(menuTemplate([], context('linux')))).toEqual(['File']);
    expect(labels(menu(menuTemplate([], context('linux')), 'File'))).toEqual(['Open Recent', 'separator', 'Close Window', 'Quit']);
    expect(labels(menuTemplate([], context('darwin')))).toEqual(['Netwright', 'File', 'windowMenu']);
  });
});
