/**
 * The overview (minimap): every layer of the graph shown as a small coloured box on one
 * `<canvas>`, layers with errors in red, the visible part of the canvas as a frame; drag on it
 * to move the view, scroll on it to zoom. React Flow's own MiniMap renders one SVG element per
 * node and re-runs a store selector for each on every change, which costs whole frames while
 * dragging in a graph of thousands; here the boxes are painted once per change of the graph
 * (or of a layer being dragged) and panning only repaints the frame.
 */
import { Panel, useReactFlow, useStore } from '@xyflow/react';
import { memo, useEffect, useMemo, useRef, useState } from 'react';
import type { GraphNode } from '../../../shared/graph/schema';
import { isLayerKind, layers } from '../../../shared/layers/registry';
import { boundsOf, fitInto, overviewBoxes, type Box, type Fit } from './overviewGeometry';
import { scopeGraph, scopeInference } from '../store/scope';
import { useApp } from '../store/store';

const WIDTH = 180;
const HEIGHT = 110;

/** `--cat-convolution` and friends, as the current theme sets them. */
function themeColours(el: Element): (category: string) => string {
  const style = getComputedStyle(el);
  const cache = new Map<string, string>();
  return (name) => {
    let c = cache.get(name);
    if (c === undefined) cache.set(name, (c = style.getPropertyValue(`--${name}`).trim() || '#8a8f99'));
    return c;
  };
}

/** Re-render when the system switches between light and dark, so the colours follow. */
function useColourScheme(): boolean {
  const query = useMemo(() => matchMedia('(prefers-color-scheme: dark)'), []);
  const [dark, setDark] = useState(query.matches);
  useEffect(() => {
    const on = () => setDark(query.matches);
    query.addEventListener('change', on);
    return () => query.removeEventListener('change', on);
  }, [query]);
  return dark;
}

/** Paint every node's box, coloured by category (red with an error), selected ones framed. */
function paintBoxes(
  off: HTMLCanvasElement,
  nodes: readonly GraphNode[],
  boxes: ReadonlyMap<string, Box>,
  fit: Fit,
  dpr: number,
  colour: (name: string) => string,
  selected: ReadonlySet<string>,
  failed: ReadonlySet<string>,
): void {
  off.width = WIDTH * dpr;
  off.height = HEIGHT * dpr;
  const ctx = off.getContext('2d')!;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  // One fill colour at a time: setting fillStyle parses the colour, which costs more than the box.
  const byColour = new Map<string, Box[]>();
  for (const node of nodes) {
    const name = failed.has(node.id) ? 'danger' : `cat-${isLayerKind(node.kind) ? layers[node.kind].category : 'block'}`;
    let list = byColour.get(name);
    if (!list) byColour.set(name, (list = []));
    list.push(boxes.get(node.id)!);
  }
  const rect = (b: Box) => [(b.x - fit.x) * fit.k, (b.y - fit.y) * fit.k, Math.max(1, b.width * fit.k), Math.max(1, b.height * fit.k)] as const;
  for (const [name, list] of byColour) {
    ctx.fillStyle = colour(name);
    for (const b of list) ctx.fillRect(...rect(b));
  }
  ctx.strokeStyle = colour('accent');
  ctx.lineWidth = 1.5;
  for (const id of selected) {
    const b = boxes.get(id);
    if (!b) continue;
    const [x, y, w, h] = rect(b);
    ctx.strokeRect(x - 1, y - 1, w + 2, h + 2);
  }
}

function OverviewImpl() {
  const graph = useApp((s) => scopeGraph(s.doc, s.scope));
  const view = useApp((s) => s.view);
  const selection = useApp((s) => s.selection.nodes);
  const errors = useApp((s) => scopeInference(s.doc, s.scope).errors);
  // Most edits change no error: key the picture on which layers have one, not on the inference.
  const errorIds = useMemo(() => errors.map((e) => e.nodeId).join('\n'), [errors]);
  const transform = useStore((s) => s.transform);
  const paneWidth = useStore((s) => s.width);
  const paneHeight = useStore((s) => s.height);
  const { setViewport, getViewport } = useReactFlow();
  const dark = useColourScheme();
  const canvas = useRef<HTMLCanvasElement>(null);
  const layer = useRef<HTMLCanvasElement | null>(null);
  const dpr = typeof devicePixelRatio === 'number' ? devicePixelRatio : 1;

  const boxes = useMemo(() => overviewBoxes(graph.nodes, view), [graph.nodes, view]);
  const bounds = useMemo(() => boundsOf(boxes.values()), [boxes]);
  const visible: Box = { x: -transform[0] / transform[2], y: -transform[1] / transform[2], width: paneWidth / transform[2], height: paneHeight / transform[2] };
  const scale = fitInto(boundsOf(bounds ? [bounds] : [], visible)!, WIDTH, HEIGHT);

  // The boxes are painted, fitted to their own bounds, on an offscreen canvas when the graph,
  // the sizes, the selection, the errors or the theme change; every other frame (a pan) scales
  // that picture to the current fit and draws the frame of the visible part over it.
  const painted = useRef<{ key: unknown[]; fit: Fit } | null>(null);
  useEffect(() => {
    const el = canvas.current;
    const ctx = el?.getContext('2d');
    if (!el || !ctx) return;
    const colour = themeColours(el);
    const key = [boxes, selection, errorIds, dark, dpr];
    const off = (layer.current ??= document.createElement('canvas'));
    if (bounds && (!painted.current || key.some((v, i) => v !== painted.current!.key[i]))) {
      const fit = fitInto(bounds, WIDTH, HEIGHT);
      painted.current = { key, fit };
      paintBoxes(off, graph.nodes, boxes, fit, dpr, colour, new Set(selection), new Set(errorIds.split('\n')));
    }
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, el.width, el.height);
    if (bounds && painted.current) {
      const { fit } = painted.current;
      const r = scale.k / fit.k;
      ctx.drawImage(off, (fit.x - scale.x) * scale.k * dpr, (fit.y - scale.y) * scale.k * dpr, off.width * r, off.height * r);
    }
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.strokeStyle = colour('accent');
    ctx.lineWidth = 1.5;
    ctx.strokeRect((visible.x - scale.x) * scale.k, (visible.y - scale.y) * scale.k, visible.width * scale.k, visible.height * scale.k);
  });

  /** Centre the view on the overview point under the pointer. */
  const moveTo = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    const fx = (e.clientX - r.left) / scale.k + scale.x;
    const fy = (e.clientY - r.top) / scale.k + scale.y;
    const { zoom } = getViewport();
    void setViewport({ x: paneWidth / 2 - fx * zoom, y: paneHeight / 2 - fy * zoom, zoom });
  };

  return (
    <Panel position="bottom-right" className="overview">
      <canvas
        ref={canvas}
        role="img"
        aria-label="Overview"
        width={WIDTH * dpr}
        height={HEIGHT * dpr}
        style={{ width: WIDTH, height: HEIGHT }}
        onPointerDown={(e) => {
          e.currentTarget.setPointerCapture(e.pointerId);
          moveTo(e);
        }}
        onPointerMove={(e) => {
          if (e.currentTarget.hasPointerCapture(e.pointerId)) moveTo(e);
        }}
        onWheel={(e) => {
          const { x, y, zoom } = getViewport();
          const next = Math.min(2.5, Math.max(0.05, zoom * (e.deltaY < 0 ? 1.2 : 1 / 1.2)));
          const cx = paneWidth / 2;
          const cy = paneHeight / 2;
          void setViewport({ x: cx - ((cx - x) / zoom) * next, y: cy - ((cy - y) / zoom) * next, zoom: next });
        }}
      />
    </Panel>
  );
}

/** The overview panel; a child of `<ReactFlow>`. */
export const Overview = memo(OverviewImpl);
