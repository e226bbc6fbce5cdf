/**
 * The canvas's dot grid. React Flow's `<Background>` moves an SVG pattern, which repaints the
 * whole pane on every frame of a pan: without a GPU, most of a pan frame's raster work. Here the
 * dots are the background of one layer, a cell larger than the pane on every side, that the
 * compositor shifts by the pan modulo a cell: a pan repaints nothing, a zoom (which changes the
 * cell) repaints it once.
 */
import { useStore } from '@xyflow/react';
import { memo, useMemo } from 'react';

/** Canvas pixels between dots, and a dot's diameter. */
const GAP = 24;
const DOT = 1.5;
/** Below this many screen pixels apart, dots are noise (and a pattern that fine is costly): none. */
const FINEST = 6;

/** `mod(-5, 24)` → 19: where the grid starts, whichever way the view moved. */
const mod = (a: number, n: number) => ((a % n) + n) % n;

function DotGridImpl() {
  const [x, y, zoom] = useStore((s) => s.transform);
  const cell = GAP * zoom;
  const look = useMemo(() => {
    if (cell < FINEST) return { backgroundImage: 'none' };
    const r = Math.max(0.5, (DOT * zoom) / 2);
    return {
      backgroundImage: `radial-gradient(circle at ${r}px ${r}px, var(--grid-dot) ${r}px, transparent ${r + 0.6}px)`,
      backgroundSize: `${cell}px ${cell}px`,
    };
  }, [cell, zoom]);
  return <div className="react-flow__background dot-grid" style={{ ...look, inset: -cell, transform: `translate(${mod(x, cell)}px, ${mod(y, cell)}px)` }} />;
}

/** The dot grid; a child of `<ReactFlow>`, in place of React Flow's `<Background>`. */
export const DotGrid = memo(DotGridImpl);
