/**
 * Which panels show: the template gallery (open at first start, when there is no document
 * yet) and the bottom dock's tab; which node the canvas should centre next; and the window's
 * layout: how wide the palette and the inspector are, how tall the bottom dock is, which of them
 * are collapsed, whether the dock fills the window and whether the overview shows. Kept apart
 * from the document store, so none of it enters the undo history. The layout (but the dock's
 * maximised state) is remembered in localStorage, here and nowhere else.
 */
import { create } from 'zustand';
import { useApp } from './store';

export type DockTab = 'training' | 'results' | 'runs' | 'summary' | 'compare' | 'experiment';

/** The panels around the canvas that can be resized and collapsed. */
export type PanelId = 'palette' | 'inspector' | 'dock';

/** The sizes each panel may take, in CSS pixels (a width, or the dock's height), and its first size. */
export const PANEL_LIMITS: Readonly<Record<PanelId, { min: number; max: number; initial: number }>> = {
  palette: { min: 160, max: 420, initial: 210 },
  inspector: { min: 220, max: 560, initial: 290 },
  dock: { min: 120, max: 1200, initial: 260 },
};

export interface PanelLayout {
  sizes: Record<PanelId, number>;
  collapsed: Record<PanelId, boolean>;
  /** Whether the overview (minimap) shows over the canvas. */
  overview: boolean;
}

/** Where the layout is remembered. */
export const LAYOUT_KEY = 'netwright.layout';

export const initialLayout: PanelLayout = {
  sizes: { palette: PANEL_LIMITS.palette.initial, inspector: PANEL_LIMITS.inspector.initial, dock: PANEL_LIMITS.dock.initial },
  collapsed: { palette: false, inspector: false, dock: false },
  overview: true,
};

const panelIds = Object.keys(PANEL_LIMITS) as PanelId[];

/** `size` rounded and kept within the panel's limits: `clampSize('palette', 90)` → 160. */
export function clampSize(panel: PanelId, size: number): number {
  const { min, max, initial } = PANEL_LIMITS[panel];
  return Number.isFinite(size) ? Math.min(max, Math.max(min, Math.round(size))) : initial;
}

/** The dock's first height in a window `height` pixels tall: 260, or less in a short window. */
export const initialDock = (height: number): number => clampSize('dock', Math.min(PANEL_LIMITS.dock.initial, 0.3 * height));

/**
 * The layout remembered in `storage`, each part checked, the initial one for whatever is missing
 * or wrong (the dock's initial height suits a window `windowHeight` tall).
 */
export function readLayout(storage: Pick<Storage, 'getItem'> | undefined, windowHeight = Infinity): PanelLayout {
  const initial = { ...initialLayout, sizes: { ...initialLayout.sizes, dock: initialDock(windowHeight) } };
  let saved: unknown;
  try {
    saved = JSON.parse(storage?.getItem(LAYOUT_KEY) ?? 'null');
  } catch {
    saved = null;
  }
  if (typeof saved !== 'object' || saved === null) return initial;
  const s = saved as { sizes?: Record<string, unknown>; collapsed?: Record<string, unknown>; overview?: unknown };
  const size = (p: PanelId) => (typeof s.sizes?.[p] === 'number' ? clampSize(p, s.sizes[p] as number) : initial.sizes[p]);
  return {
    sizes: Object.fromEntries(panelIds.map((p) => [p, size(p)])) as PanelLayout['sizes'],
    collapsed: Object.fromEntries(panelIds.map((p) => [p, s.collapsed?.[p] === true])) as PanelLayout['collapsed'],
    overview: s.overview !== false,
  };
}

/** Remember `layout` in `storage` (a full or private storage just forgets it). */
export function writeLayout(storage: Pick<Storage, 'setItem'> | undefined, layout: PanelLayout): void {
  try {
    storage?.setItem(LAYOUT_KEY, JSON.stringify(layout));
  } catch {
    // Nothing to do: the layout is only a convenience.
  }
}

const storage = (): Storage | undefined => (typeof localStorage === 'undefined' ? undefined : localStorage);

export interface PanelState {
  gallery: boolean;
  dock: DockTab;
  /** A node of the shown graph the canvas should bring into the middle of the view. */
  focus: { id: string } | null;
  /** Bumped when the canvas should fit the graph into view again (after an auto-layout). */
  fits: number;
  layout: PanelLayout;
  /** The bottom dock fills the window (a chart or the summary table, large). */
  dockMaximised: boolean;
  showGallery(open: boolean): void;
  showDock(tab: DockTab): void;
  focusNode(id: string | null): void;
  requestFit(): void;
  /** Resize a panel (within its limits); a collapsed one opens again. */
  resizePanel(panel: PanelId, size: number): void;
  setCollapsed(panel: PanelId, collapsed: boolean): void;
  maximiseDock(on: boolean): void;
  setOverview(shown: boolean): void;
}

/** Whether the window has had no document yet: the gallery greets it, once the restore offer is settled (commands/lifecycle.ts). */
export const noDocumentYet = (): boolean => {
  const s = useApp.getState();
  return s.loadId === 0 && s.doc.graph.nodes.length === 0;
};

/** `usePanels((s) => s.gallery)`; outside React, `usePanels.getState().showGallery(true)`. */
export const usePanels = create<PanelState>()((set) => ({
  gallery: false,
  dock: 'training',
  focus: null,
  fits: 0,
  layout: readLayout(storage(), typeof innerHeight === 'number' ? innerHeight : undefined),
  dockMaximised: false,
  showGallery: (gallery) => set({ gallery }),
  // Choosing a tab shows the dock, if it was collapsed.
  showDock: (dock) => set((s) => ({ dock, layout: s.layout.collapsed.dock ? { ...s.layout, collapsed: { ...s.layout.collapsed, dock: false } } : s.layout })),
  focusNode: (id) => set({ focus: id === null ? null : { id } }),
  requestFit: () => set((s) => ({ fits: s.fits + 1 })),
  resizePanel: (panel, size) =>
    set((s) => {
      const next = clampSize(panel, size);
      if (next === s.layout.sizes[panel] && !s.layout.collapsed[panel]) return {};
      return { layout: { ...s.layout, sizes: { ...s.layout.sizes, [panel]: next }, collapsed: { ...s.layout.collapsed, [panel]: false } } };
    }),
  setCollapsed: (panel, collapsed) =>
    set((s) => (s.layout.collapsed[panel] === collapsed ? {} : { layout: { ...s.layout, collapsed: { ...s.layout.collapsed, [panel]: collapsed } }, ...(panel === 'dock' && collapsed ? { dockMaximised: false } : {}) })),
  maximiseDock: (dockMaximised) => set((s) => ({ dockMaximised, ...(dockMaximised && s.layout.collapsed.dock ? { layout: { ...s.layout, collapsed: { ...s.layout.collapsed, dock: false } } } : {}) })),
  setOverview: (overview) => set((s) => (s.layout.overview === overview ? {} : { layout: { ...s.layout, overview } })),
}));

// Whatever opens a document (a template, a file, a recovered session) closes the gallery.
useApp.subscribe((s, prev) => {
  if (s.loadId !== prev.loadId && usePanels.getState().gallery) usePanels.getState().showGallery(false);
});

// The layout is remembered as it changes.
usePanels.subscribe((s, prev) => {
  if (s.layout !== prev.layout) writeLayout(storage(), s.layout);
});
