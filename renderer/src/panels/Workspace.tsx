/**
 * The window between the toolbar and the status bar: palette | canvas | inspector, the bottom
 * dock under them, and a drag handle between each panel and the canvas. Each panel can be
 * resized and collapsed (store/panels.ts remembers how), and the dock can fill the window.
 * The canvas comes in as a prop: it is canvas/'s, which imports this folder, not the reverse.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { PANEL_LIMITS, usePanels, type PanelId } from '../store/panels';
import { BottomDock } from './BottomDock';
import { Inspector } from './Inspector';
import { Palette } from './Palette';
import { Separator } from './Separator';

/** Height the canvas keeps at least, when the dock is dragged up. */
const CANVAS_MIN_HEIGHT = 160;
/** Width the canvas keeps at least, when a side panel is dragged wide. */
const CANVAS_MIN_WIDTH = 320;

/** The window's inner size, following resizes. */
function useWindowSize(): { width: number; height: number } {
  const [size, setSize] = useState(() => ({ width: innerWidth, height: innerHeight }));
  useEffect(() => {
    const on = () => setSize({ width: innerWidth, height: innerHeight });
    addEventListener('resize', on);
    return () => removeEventListener('resize', on);
  }, []);
  return size;
}

const names: Record<PanelId, string> = { palette: 'layers panel', inspector: 'inspector', dock: 'bottom panel' };

/** A collapsed side panel: a narrow strip with a button that opens it again. */
function Rail({ panel, title }: { panel: PanelId; title: string }) {
  return (
    <div className={`rail rail--${panel}`} id={panel}>
      <button type="button" className="rail__open" aria-label={`Show the ${names[panel]}`} title={`Show the ${names[panel]}`} onClick={() => usePanels.getState().setCollapsed(panel, false)}>
        <span className="rail__title">{title}</span>
      </button>
    </div>
  );
}

export function Workspace({ canvas }: { canvas: ReactNode }) {
  const layout = usePanels((s) => s.layout);
  const maximised = usePanels((s) => s.dockMaximised);
  const win = useWindowSize();
  const { sizes, collapsed } = layout;
  const { resizePanel, setCollapsed } = usePanels.getState();

  // What each handle may reach now: the limits, less what the canvas keeps.
  const sideMax = (panel: 'palette' | 'inspector', other: 'palette' | 'inspector') =>
    Math.max(PANEL_LIMITS[panel].min, Math.min(PANEL_LIMITS[panel].max, win.width - CANVAS_MIN_WIDTH - (collapsed[other] ? 0 : sizes[other])));
  const paletteMax = sideMax('palette', 'inspector');
  const inspectorMax = sideMax('inspector', 'palette');
  const dockMax = Math.max(PANEL_LIMITS.dock.min, Math.min(PANEL_LIMITS.dock.max, win.height - CANVAS_MIN_HEIGHT - 110));
  const palette = Math.min(sizes.palette, paletteMax);
  const inspector = Math.min(sizes.inspector, inspectorMax);
  const dock = Math.min(sizes.dock, dockMax);

  const handle = (panel: PanelId, value: number, max: number, orientation: 'vertical' | 'horizontal', grow: 1 | -1) => (
    <Separator
      label={`Resize the ${names[panel]}`}
      controls={panel}
      orientation={orientation}
      value={value}
      min={PANEL_LIMITS[panel].min}
      max={max}
      grow={grow}
      onResize={(size) => resizePanel(panel, size)}
      onCollapse={() => setCollapsed(panel, true)}
    />
  );

  return (
    <>
      <div
        className={`workspace${maximised ? ' workspace--hidden' : ''}`}
        style={{ gridTemplateColumns: `${collapsed.palette ? 'auto' : `${palette}px auto`} minmax(0, 1fr) ${collapsed.inspector ? 'auto' : `auto ${inspector}px`}` }}
      >
        {collapsed.palette ? <Rail panel="palette" title="Layers" /> : <Palette />}
        {collapsed.palette ? null : handle('palette', palette, paletteMax, 'vertical', 1)}
        {canvas}
        {collapsed.inspector ? null : handle('inspector', inspector, inspectorMax, 'vertical', -1)}
        {collapsed.inspector ? <Rail panel="inspector" title="Inspector" /> : <Inspector />}
      </div>
      {collapsed.dock || maximised ? null : handle('dock', dock, dockMax, 'horizontal', -1)}
      <BottomDock height={dock} />
    </>
  );
}
