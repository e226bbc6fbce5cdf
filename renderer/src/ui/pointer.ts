/**
 * Where the pointer is over the canvas, in window pixels, so keyboard commands (paste, `/`) can
 * act at the pointer. A plain variable: it changes on every mouse move and nothing renders from it.
 * Also what is under a window point (a connection?) and so where quick add opened there puts its
 * layer. A layer put at the pointer lands in the canvas's free area, not under an overlay.
 */
import type { XY } from '../../../shared/document/edits';
import type { QuickAddAt } from '../store/ui';
import { clearCentre } from './canvasArea';

let last: XY | undefined;

/** Remember the pointer (from the canvas's pointermove) or forget it (pointerleave). */
export function trackPointer(e: { clientX: number; clientY: number } | undefined): void {
  last = e ? { x: e.clientX, y: e.clientY } : undefined;
}

/** The pointer, while it is over the canvas; moved out from under an overlay (the overview, the tools) into the free area. */
export const pointerOnCanvas = (): XY | undefined => last && clearCentre(last);

/**
 * The id of the connection drawn at window point (x, y), if the topmost thing there is one (its
 * line, within a few pixels, or its shape label), not a layer.
 */
export function edgeAt(x: number, y: number): string | undefined {
  for (const el of document.elementsFromPoint(x, y)) {
    if (el.closest('.react-flow__node')) return undefined;
    const label = el.closest<HTMLElement>('.shape-edge__label');
    if (label?.dataset.edge) return label.dataset.edge;
    const edge = el.closest('.react-flow__edge');
    if (edge) return edge.getAttribute('data-id') ?? undefined;
  }
  return undefined;
}

/** Where a quick-add box opened at window point `screen` puts its layer: into the connection there, else in the free area nearest. */
export function quickAddAt(screen: XY, toFlow: (p: XY) => XY): QuickAddAt {
  const edge = edgeAt(screen.x, screen.y);
  return { screen, flow: toFlow(edge ? screen : clearCentre(screen)), edge };
}
