/**
 * The native menu bar (File, Edit, View, Train, Help, and on macOS the app's own menu), built
 * from the menu the window sends at start-up (`app.ready`), which the renderer generates from its
 * command table (renderer/src/commands/menu.ts), so the menu, the shortcuts and the `?` overlay
 * come from one table. Choosing a command sends it to the window, which runs it as its key
 * would; the recent files form File → Open Recent. Pure: the template is data plus callbacks,
 * and main.ts hands it to Electron's Menu.
 *
 * Keys: the page handles every key of the table itself, in both shells. On Windows and Linux the
 * menu only shows the accelerators (`registerAccelerator: false`), so no key runs twice. macOS
 * offers a menu key equivalent only to keys the page left alone, so its Mod accelerators stay
 * registered (that is how ⌘Z undoes in a text field there), and keys without a modifier get none
 * (they would fire while typing).
 */
import type { MenuSpec } from '../../shared/api';
import type { RecentFile } from '../../node/recent';

/** The roles used here: Electron's own menu items. */
type Role = 'cut' | 'copy' | 'paste' | 'close' | 'quit' | 'resetZoom' | 'zoomIn' | 'zoomOut' | 'togglefullscreen' | 'about' | 'services' | 'hide' | 'hideOthers' | 'unhide' | 'windowMenu';

/** A menu item as Electron's `Menu.buildFromTemplate` takes it (the part used here). */
export interface MenuItem {
  label?: string;
  role?: Role;
  type?: 'separator';
  accelerator?: string;
  registerAccelerator?: boolean;
  enabled?: boolean;
  submenu?: MenuItem[];
  click?: () => void;
}

export interface MenuContext {
  /** `process.platform`. */
  platform: string;
  appName: string;
  recent: readonly RecentFile[];
  /** A command of the window's table was chosen: send it there. */
  command(id: string): void;
  /** A recent file was chosen. */
  open(path: string): void;
}

/** Commands the system's edit roles carry out: they fire the page's cut, copy and paste events, in text fields and on the canvas alike. */
const ROLES: Readonly<Record<string, Role>> = { cut: 'cut', copy: 'copy', paste: 'paste' };

const separator: MenuItem = { type: 'separator' };

/** A key of the table as an Electron accelerator: `acceleratorOf('Mod+Shift+S')` → `CmdOrCtrl+Shift+S`. */
export function acceleratorOf(combo: string): string {
  const parts = combo.split('+');
  const key = parts.pop()!;
  return [...parts.map((p) => (p === 'Mod' ? 'CmdOrCtrl' : p)), key.length === 1 ? key.toUpperCase() : key].join('+');
}

/** A command's item: its label, its first key shown (see the note at the top), and a role or a click. */
function commandItem(entry: { id: string; label: string; keys: string[] }, ctx: MenuContext): MenuItem {
  const mac = ctx.platform === 'darwin';
  const key = entry.keys[0];
  const withModifier = key?.startsWith('Mod+') ?? false;
  const keys: MenuItem = !key || (mac && !withModifier) ? {} : mac ? { accelerator: acceleratorOf(key) } : { accelerator: acceleratorOf(key), registerAccelerator: false };
  const role = ROLES[entry.id];
  return role ? { label: entry.label, role, ...keys } : { label: entry.label, ...keys, click: () => ctx.command(entry.id) };
}

/** File → Open Recent: the recent files, newest first. */
function recentMenu(ctx: MenuContext): MenuItem {
  const submenu: MenuItem[] = ctx.recent.length === 0 ? [{ label: 'No Recent Files', enabled: false }] : ctx.recent.map((f) => ({ label: f.name, click: () => ctx.open(f.path) }));
  return { label: 'Open Recent', submenu };
}

/** What the main process adds to each menu of the window's: the recent files, closing and quitting, zoom and full screen. */
function withShellItems({ menu, items: entries }: MenuSpec[number], ctx: MenuContext): MenuItem[] {
  const mac = ctx.platform === 'darwin';
  const items = entries.map((i) => ('separator' in i ? separator : commandItem(i, ctx)));
  switch (menu) {
    case 'File': {
      // Open Recent follows Open….
      const at = entries.findIndex((i) => 'id' in i && i.id === 'open');
      const withRecent = at < 0 ? [recentMenu(ctx), ...items] : [...items.slice(0, at + 1), recentMenu(ctx), ...items.slice(at + 1)];
      return [...withRecent, separator, { role: 'close', label: 'Close Window' }, ...(mac ? [] : [{ role: 'quit', label: 'Quit' } as const])];
    }
    case 'View':
      return [...items, separator, { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, separator, { role: 'togglefullscreen' }];
    default:
      return items;
  }
}

/**
 * The menu bar's template: `Menu.buildFromTemplate(menuTemplate(spec, ctx))`. Before the window
 * sent its menu, `spec` is empty and the bar holds only the shell's own items.
 */
export function menuTemplate(spec: MenuSpec, ctx: MenuContext): MenuItem[] {
  const menus = spec.length > 0 ? spec : [{ menu: 'File' as const, items: [] }];
  const bar: MenuItem[] = menus.map((m) => ({ label: m.menu, submenu: withShellItems(m, ctx) }));
  if (ctx.platform !== 'darwin') return bar;
  const appMenu: MenuItem = {
    label: ctx.appName,
    submenu: [{ role: 'about' }, separator, { role: 'services' }, separator, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, separator, { role: 'quit' }],
  };
  const help = bar.findIndex((m) => m.label === 'Help');
  const windowMenu: MenuItem = { role: 'windowMenu' };
  return [appMenu, ...(help < 0 ? [...bar, windowMenu] : [...bar.slice(0, help), windowMenu, ...bar.slice(help)])];
}
