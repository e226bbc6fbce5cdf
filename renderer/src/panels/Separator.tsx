/**
 * A drag handle between two panels (the WAI-ARIA window splitter): drag it, or focus it and
 * press the arrow keys (Shift for bigger steps, Home and End for the limits), to resize the
 * panel it belongs to; Enter collapses that panel. It says the size as `aria-valuenow`.
 */
import { useRef } from 'react';

/** Pixels an arrow key moves the handle; with Shift, five times as many. */
export const KEY_STEP = 16;

interface Props {
  /** "Resize the layers panel". */
  label: string;
  /** The id of the panel it resizes. */
  controls: string;
  /** `vertical`: a handle between columns, dragged sideways; `horizontal`: between rows. */
  orientation: 'vertical' | 'horizontal';
  value: number;
  min: number;
  max: number;
  /**
   * Which way of the pointer grows the panel: +1 when moving right (or down) does (a panel on the
   * left), -1 when moving left (or up) does (a panel on the right, or below).
   */
  grow: 1 | -1;
  onResize(size: number): void;
  onCollapse(): void;
}

/** The size a key press asks for, or undefined for a key the handle does not take. */
export function keyedSize(key: string, shift: boolean, p: Pick<Props, 'value' | 'min' | 'max' | 'grow' | 'orientation'>): number | undefined {
  const step = (shift ? 5 : 1) * KEY_STEP;
  const [back, forth] = p.orientation === 'vertical' ? ['ArrowLeft', 'ArrowRight'] : ['ArrowUp', 'ArrowDown'];
  if (key === forth) return p.value + step * p.grow;
  if (key === back) return p.value - step * p.grow;
  if (key === 'Home') return p.min;
  if (key === 'End') return p.max;
  return undefined;
}

export function Separator(props: Props) {
  const { label, controls, orientation, value, min, max, grow, onResize, onCollapse } = props;
  const drag = useRef<{ from: number; size: number } | null>(null);
  const along = (e: React.PointerEvent) => (orientation === 'vertical' ? e.clientX : e.clientY);
  const clamp = (v: number) => Math.min(max, Math.max(min, v));
  return (
    <div
      role="separator"
      tabIndex={0}
      aria-label={label}
      aria-controls={controls}
      aria-orientation={orientation}
      aria-valuenow={Math.round(value)}
      aria-valuemin={min}
      aria-valuemax={max}
      className={`separator separator--${orientation}`}
      title={`${label}: drag, or use the arrow keys; Enter collapses it`}
      onPointerDown={(e) => {
        if (e.button !== 0) return;
        e.preventDefault();
        e.currentTarget.setPointerCapture(e.pointerId);
        e.currentTarget.focus();
        drag.current = { from: along(e), size: value };
      }}
      onPointerMove={(e) => {
        if (!drag.current || !e.currentTarget.hasPointerCapture(e.pointerId)) return;
        onResize(clamp(drag.current.size + (along(e) - drag.current.from) * grow));
      }}
      onPointerUp={() => {
        drag.current = null;
      }}
      onLostPointerCapture={() => {
        drag.current = null;
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          e.preventDefault();
          onCollapse();
          return;
        }
        const next = keyedSize(e.key, e.shiftKey, props);
        if (next === undefined) return;
        e.preventDefault();
        onResize(clamp(next));
      }}
    />
  );
}
