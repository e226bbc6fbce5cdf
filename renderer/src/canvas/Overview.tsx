/**
 * The overview (minimap): every layer of the graph shown as a small coloured box on one
 * `<canvas>`, layers with errors in red, the visible part of the canvas as a frame; drag on it
 * to move the view, scroll on it to zoom. React Flow's own MiniMap renders one SVG element per
 * node and re-runs a store selector for each on every change, which costs whole frames while
 * dragging in a graph of thousands; here the boxes are painted once per change of the graph,
 * and a pan or a drag only draws that picture, the dragged layers and the frame.
 */
import { Panel, useReactFlow, useStore } from '@xyflow/react';
import { memo, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { nodesById } from '../../../shared/document/inference';
import { scopeGraph, scopeInference } from '../../../shared/document/scope';
import type { GraphNode } from '../../../shared/graph/schema';
import { isLayerKind, layers } from '../../../shared/layers/registry';
import { boundsOf, draggedBoxes, fitInto, overviewBoxes, sameLayout, type Box, type Fit } from './overviewGeometry';
import { useApp } from '../store/store';
import { problemsOf } from '../ui/problems';

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

interface Paint {
  colour: (name: string) => string;
  selected: ReadonlySet<string>;
  failed: ReadonlySet<string>;
}

/**
 * Draw the boxes of `nodes` (those in `boxes`, less `skip`) at `fit`, coloured by category (red
 * with an error), the selected ones framed. The context's transform is device pixels per CSS pixel.
 */
function drawBoxes(ctx: CanvasRenderingContext2D, nodes: Iterable<GraphNode>, boxes: ReadonlyMap<string, Box>, fit: Fit, paint: Paint, skip?: ReadonlySet<string>): void {
  // One fill colour at a time: setting fillStyle parses the colour, which costs more than the box.
  const byColour = new Map<string, Box[]>();
  const framed: Box[] = [];
  for (const node of nodes) {
    const box = boxes.get(node.id);
    if (!box || skip?.has(node.id)) continue;
    const name = paint.failed.has(node.id) ? 'danger' : `cat-${isLayerKind(node.kind) ? layers[node.kind].category : 'block'}`;
    let list = byColour.get(name);
    if (!list) byColour.set(name, (list = []));
    list.push(box);
    if (paint.selected.has(node.id)) framed.push(box);
  }
  const rect = (b: Box) => [(b.x - fit.x) * fit.k, (b.y - fit.y) * fit.k, Math.max(1, b.width * fit.k), Math.max(1, b.height * fit.k)] as const;
  for (const [name, list] of byColour) {
    ctx.fillStyle = paint.colour(name);
    for (const b of list) ctx.fillRect(...rect(b));
  }
  ctx.strokeStyle = paint.colour('accent');
  ctx.lineWidth = 1.5;
  for (const b of framed) {
    const [x, y, w, h] = rect(b);
    ctx.strokeRect(x - 1, y - 1, w + 2, h + 2);
  }
}

function OverviewImpl() {
  const graph = useApp((s) => scopeGraph(s.doc, s.scope));
  // The layers as last drawn, kept while only their parameters change (most edits).
  const drawn = useRef(graph.nodes);
  if (!sameLayout(drawn.current, graph.nodes)) drawn.current = graph.nodes;
  const nodes = drawn.current;
  // Panning a big graph brings layers into view, and React Flow measures each as it appears:
  // the picture (all layers) follows those sizes a frame later, not in the frame that mounts them.
  const measured = useDeferredValue(useApp((s) => s.view.measured));
  const dragging = useApp((s) => s.view.dragging);
  const selection = useApp((s) => s.selection.nodes);
  const errors = useApp((s) => problemsOf(s.doc.blocks, scopeGraph(s.doc, s.scope), scopeInference(s.doc, s.scope)).errors);
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

  // Where the document puts each layer; the few being dragged get boxes of their own, so a drag
  // frame costs those few, not the whole graph. (Mid-drag the bounds still hold where a dragged
  // layer was: the picture does not rescale under the pointer.)
  const boxes = useMemo(() => overviewBoxes(nodes, measured), [nodes, measured]);
  const moved = useMemo(() => draggedBoxes(boxes, dragging), [boxes, dragging]);
  const movedIds = [...moved.keys()].join('\n');
  const bounds = useMemo(() => boundsOf(boxes.values()), [boxes]);
  const all = moved.size && bounds ? boundsOf([bounds, ...moved.values()]) : bounds;
  const visible: Box = { x: -transform[0] / transform[2], y: -transform[1] / transform[2], width: paneWidth / transform[2], height: paneHeight / transform[2] };
  const scale = fitInto(boundsOf(all ? [all] : [], visible)!, WIDTH, HEIGHT);

  // The still layers are painted, fitted to their own bounds, on an offscreen canvas when the
  // graph, the sizes, the selection, the errors, the theme or the set of dragged layers change;
  // every other frame (a pan, a drag) scales that picture to the current fit and draws the
  // dragged layers and the frame of the visible part over it.
  const painted = useRef<{ key: unknown[]; fit: Fit } | null>(null);
  useEffect(() => {
    const el = canvas.current;
    const ctx = el?.getContext('2d');
    if (!el || !ctx) return;
    const paint: Paint = { colour: themeColours(el), selected: new Set(selection), failed: new Set(errorIds.split('\n')) };
    const key = [boxes, selection, errorIds, dark, dpr, movedIds];
    const off = (layer.current ??= document.createElement('canvas'));
    if (bounds && (!painted.current || key.some((v, i) => v !== painted.current!.key[i]))) {
      const fit = fitInto(bounds, WIDTH, HEIGHT);
      painted.current = { key, fit };
      off.width = WIDTH * dpr;
      off.height = HEIGHT * dpr;
      const offCtx = off.getContext('2d')!;
      offCtx.setTransform(dpr, 0, 0, dpr, 0, 0);
      drawBoxes(offCtx, nodes, boxes, fit, paint, new Set(moved.keys()));
    }
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, el.width, el.height);
    if (bounds && painted.current) {
      const { fit } = painted.current;
      const r = scale.k / fit.k;
      ctx.drawImage(off, (fit.x - scale.x) * scale.k * dpr, (fit.y - scale.y) * scale.k * dpr, off.width * r, off.height * r);
    }
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    if (moved.size) {
      const byId = nodesById(nodes);
      drawBoxes(ctx, [...moved.keys()].flatMap((id) => byId.get(id) ?? []), moved, scale, paint);
    }
    ctx.strokeStyle = paint.colour('accent');
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
