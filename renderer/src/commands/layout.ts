/**
 * Auto-layout commands: lay out the open document (the toolbar's Auto-layout, or a change of
 * direction), and lay out a document that is about to open (a template, an imported graph).
 */
import { scopeGraph } from '../../../shared/document/scope';
import type { NetwrightDocument } from '../../../shared/graph/schema';
import type { Direction } from '../layout/elkGraph';
import { layoutDocument } from '../layout/layoutDocument';
import { usePanels } from '../store/panels';
import { useApp } from '../store/store';

const store = () => useApp.getState();
const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The canvas's size on screen, which a wrapped layout fits its rows to. */
function canvasSize(): { width: number; height: number } {
  const box = typeof document === 'undefined' ? undefined : document.querySelector('.canvas')?.getBoundingClientRect();
  return box && box.width > 0 && box.height > 0 ? { width: box.width, height: box.height } : { width: 960, height: 600 };
}

/** A document laid out for opening, in the canvas's current direction. */
export function layoutForOpening(doc: NetwrightDocument): Promise<NetwrightDocument> {
  return layoutDocument(doc, { direction: store().direction, view: canvasSize() });
}

/** Lay out the open document (its graph and every block definition) as one undoable edit. */
export async function autoLayout(direction: Direction = store().direction): Promise<void> {
  const s = store();
  const from = s.doc;
  const shown = scopeGraph(from, s.scope);
  try {
    const to = await layoutDocument(from, { direction, view: canvasSize(), measured: { graph: shown, sizes: s.view.measured } });
    store().applyLayout(from, to, direction);
    if (store().doc === to) usePanels.getState().requestFit();
  } catch (e) {
    store().showAlert({ source: 'app', message: `Auto-layout failed: ${messageOf(e)}` });
  }
}

/**
 * Whether a document's positions need a layout before it is shown: an imported graph has its
 * layers in one long row (or all at one place), which no one reads at a glance.
 */
export function needsLayout(doc: NetwrightDocument): boolean {
  const { nodes } = doc.graph;
  const seen = new Set<string>();
  for (const n of nodes) {
    const key = `${Math.round(n.position.x / 40)},${Math.round(n.position.y / 20)}`;
    if (seen.has(key)) return true; // two layers on top of each other
    seen.add(key);
  }
  if (nodes.length < 4) return false;
  const xs = nodes.map((n) => n.position.x);
  const ys = nodes.map((n) => n.position.y);
  const width = Math.max(...xs) - Math.min(...xs) + 200;
  const height = Math.max(...ys) - Math.min(...ys) + 60;
  return width / height > 8;
}
