/**
 * The desktop app's menu bar, from the command table (shortcuts.ts): each menu lists, in table
 * order, the commands placed in it, with a separator between sections. The main process turns
 * this into the native menu (electron/main/menu.ts); the `?` overlay and the key handler read
 * the same table, so a command is named and bound the same in all three.
 */
import { MENUS, type MenuSpec } from '../../../shared/api';
import { shortcuts, type Shortcut } from './shortcuts';

/** The menu bar described by `table`: `menuSpec()[0]` → `{ menu: 'File', items: [{ id: 'new', label: 'New', keys: ['Mod+N'] }, …] }`. */
export function menuSpec(table: readonly Shortcut[] = shortcuts): MenuSpec {
  return MENUS.flatMap((menu) => {
    const items: MenuSpec[number]['items'] = [];
    let section: number | undefined;
    for (const s of table) {
      if (s.menu?.in !== menu) continue;
      if (section !== undefined && s.menu.section !== section) items.push({ separator: true });
      section = s.menu.section;
      items.push({ id: s.id, label: s.menu.label, keys: s.keys });
    }
    return items.length > 0 ? [{ menu, items }] : [];
  });
}
