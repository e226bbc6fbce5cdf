/**
 * A graph as ELK's layered algorithm takes it, and the positions it gives back. Pure: the
 * runner (a web worker where there is one) does the layout in between.
 *
 * Left to right (or top to bottom), layer after layer; branches that run side by side (an
 * Inception's four, a residual block's shortcut) sit in parallel lanes, in the order of the
 * merge's input ports. (A long graph is folded into rows afterwards: rows.ts.)
 */
import type { ElkExtendedEdge, ElkNode, ElkPort, LayoutOptions } from 'elkjs/lib/elk-api';
import type { XY } from '../../../shared/document/edits';
import type { Graph } from '../../../shared/graph/schema';

export type Direction = 'RIGHT' | 'DOWN';

export interface Size {
  width: number;
  height: number;
}

export interface LayoutSettings {
  direction: Direction;
}

/** Room between layers for the shape label an edge carries (`112×112×64`). */
const BETWEEN_LAYERS: Record<Direction, number> = { RIGHT: 96, DOWN: 56 };
/** Room between lanes. */
const BETWEEN_LANES: Record<Direction, number> = { RIGHT: 30, DOWN: 44 };

const portId = (node: string, port: number) => `${node}\u0000in${port}`;

/**
 * The ELK graph of `graph`, each node sized by `sizeOf`:
 * `toElkGraph(doc.graph, () => ({ width: 180, height: 45 }), { direction: 'RIGHT' })`.
 */
export function toElkGraph(graph: Graph, sizeOf: (id: string) => Size, settings: LayoutSettings): ElkNode {
  const { direction } = settings;
  const ids = new Set(graph.nodes.map((n) => n.id));
  const edges = graph.edges.filter((e) => ids.has(e.source) && ids.has(e.target) && e.source !== e.target);
  const ports = new Map<string, number>();
  for (const e of edges) ports.set(e.target, Math.max(ports.get(e.target) ?? 0, e.targetPort + 1));
  const layoutOptions: LayoutOptions = {
    'elk.algorithm': 'layered',
    'elk.direction': direction,
    // React Flow draws its own curves; ELK's simplest routing is enough for placing nodes.
    'elk.edgeRouting': 'POLYLINE',
    'elk.padding': '[top=0,left=0,bottom=0,right=0]',
    'elk.layered.spacing.nodeNodeBetweenLayers': String(BETWEEN_LAYERS[direction]),
    'elk.spacing.nodeNode': String(BETWEEN_LANES[direction]),
    'elk.spacing.componentComponent': '60',
    'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
    'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
    'elk.layered.nodePlacement.bk.fixedAlignment': 'BALANCED',
    'elk.layered.thoroughness': '4',
  };
  const inSide = direction === 'RIGHT' ? 'WEST' : 'NORTH';
  const children: ElkNode[] = graph.nodes.map((n) => {
    const count = ports.get(n.id) ?? 0;
    const node: ElkNode = { id: n.id, ...sizeOf(n.id) };
    if (count > 1) {
      // ELK numbers ports clockwise: on the west side from the bottom up, on the north side
      // from the left. Port 0 goes first where the eye starts: at the top, or at the left.
      node.ports = Array.from({ length: count }, (_, k): ElkPort => ({
        id: portId(n.id, k),
        width: 1,
        height: 1,
        layoutOptions: { 'elk.port.side': inSide, 'elk.port.index': String(inSide === 'WEST' ? count - 1 - k : k) },
      }));
      node.layoutOptions = { 'elk.portConstraints': 'FIXED_ORDER' };
    }
    return node;
  });
  const elkEdges: ElkExtendedEdge[] = edges.map((e) => ({
    id: e.id,
    sources: [e.source],
    targets: [(ports.get(e.target) ?? 0) > 1 ? portId(e.target, e.targetPort) : e.target],
  }));
  return { id: 'root', layoutOptions, children, edges: elkEdges };
}

/** The top-left corner ELK gave each node, rounded to whole pixels. */
export function positionsOf(laidOut: ElkNode): Map<string, XY> {
  const out = new Map<string, XY>();
  for (const c of laidOut.children ?? []) out.set(c.id, { x: Math.round(c.x ?? 0), y: Math.round(c.y ?? 0) });
  return out;
}

/** Each node's box as ELK placed it. */
export function boxesOf(laidOut: ElkNode): Map<string, XY & Size> {
  const out = new Map<string, XY & Size>();
  for (const c of laidOut.children ?? []) out.set(c.id, { x: c.x ?? 0, y: c.y ?? 0, width: c.width ?? 0, height: c.height ?? 0 });
  return out;
}
