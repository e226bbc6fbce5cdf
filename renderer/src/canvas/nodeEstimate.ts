/**
 * A size and handle positions for a layer React Flow has not measured yet. Without them React
 * Flow mounts every node once to measure it, even with `onlyRenderVisibleElements`: opening
 * 2,000 layers would render 2,000. With them only the visible ones render; each is measured when
 * it first appears, and the measured size replaces the estimate.
 */
import { Position, type NodeHandle } from '@xyflow/react';
import type { Graph } from '../../../shared/graph/schema';
import { NODE_HALF } from '../ui/dnd';

const WIDTH = NODE_HALF.x * 2;
const HEIGHT = NODE_HALF.y * 2;

const portCache = new WeakMap<Graph['edges'], Map<string, number>>();

/** How many input handles each node needs for its edges: one more than its highest port. */
export function portsInUse(edges: Graph['edges']): Map<string, number> {
  let ports = portCache.get(edges);
  if (!ports) {
    ports = new Map();
    for (const e of edges) ports.set(e.target, Math.max(ports.get(e.target) ?? 1, e.targetPort + 1));
    portCache.set(edges, ports);
  }
  return ports;
}

/**
 * The estimate for a node with `ports` inputs, flowing right (or down): the typical layer's
 * size, inputs spread along one side (`in-0` … as LayerNode names them), the output (`out`)
 * in the middle of the other.
 */
export function estimatedNode(ports: number, down: boolean): { initialWidth: number; initialHeight: number; handles: NodeHandle[] } {
  const handles: NodeHandle[] = [];
  for (let port = 0; port < ports; port++) {
    const along = (port + 1) / (ports + 1);
    handles.push(down ? { id: `in-${port}`, type: 'target', position: Position.Top, x: WIDTH * along, y: 0 } : { id: `in-${port}`, type: 'target', position: Position.Left, x: 0, y: HEIGHT * along });
  }
  handles.push(down ? { id: 'out', type: 'source', position: Position.Bottom, x: WIDTH / 2, y: HEIGHT } : { id: 'out', type: 'source', position: Position.Right, x: WIDTH, y: HEIGHT / 2 });
  return { initialWidth: WIDTH, initialHeight: HEIGHT, handles };
}
