/**
 * An edge labelled with the tensor shape it carries, e.g. `24×24×6`. Where one output feeds
 * several layers (an Inception's branches, a residual shortcut), the shape is written once,
 * next to that output, instead of on every branch.
 */
import { BaseEdge, EdgeLabelRenderer, Position, type EdgeProps } from '@xyflow/react';
import { memo, useMemo } from 'react';
import { nodesById } from '../../../shared/document/inference';
import { scopeGraph, scopeInference } from '../../../shared/document/scope';
import { formatShape } from '../../../shared/layers/types';
import type { Graph } from '../../../shared/graph/schema';
import { useApp, type AppState } from '../store/store';
import { nodeName } from '../ui/nodeName';
import { edgePath } from './edgePath';
import type { ShapeFlowEdge } from './flowElements';

type Fan = 'alone' | 'first' | 'other';
const fans = new WeakMap<Graph, Map<string, Fan>>();

/** Whether an edge is its source's only one, the first of several, or another of several. */
function fanOf(graph: Graph, id: string): Fan {
  let map = fans.get(graph);
  if (!map) {
    map = new Map();
    const seen = new Map<string, number>();
    for (const e of graph.edges) seen.set(e.source, (seen.get(e.source) ?? 0) + 1);
    const labelled = new Set<string>();
    for (const e of graph.edges) {
      if (seen.get(e.source) === 1) map.set(e.id, 'alone');
      else if (labelled.has(e.source)) map.set(e.id, 'other');
      else {
        labelled.add(e.source);
        map.set(e.id, 'first');
      }
    }
    fans.set(graph, map);
  }
  return map.get(id) ?? 'alone';
}

function ShapeEdgeImpl({ id, source, target, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, selected, markerEnd, style }: EdgeProps<ShapeFlowEdge>) {
  const shape = useApp((s) => {
    const sh = scopeInference(s.doc, s.scope).edges[id];
    return sh ? formatShape(sh) : '';
  });
  const fan = useApp((s) => fanOf(scopeGraph(s.doc, s.scope), id));
  const ends = useApp((s) => edgeEnds(s, source, target));
  // An edit re-renders every edge whose shape changed, and a drag every edge: the path is made
  // again only when an end moved.
  const [path, midX, midY] = useMemo(() => edgePath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition }), [sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition]);
  // Between two close layers the label would sit under them: left to right, lift it above the
  // pair; top to bottom, set it beside the connection, so it stays on it and off the layers.
  const down = sourcePosition === Position.Bottom;
  const cramped = fan === 'alone' && (down ? Math.abs(targetY - sourceY) < LABEL_HEIGHT + 8 : Math.abs(targetX - sourceX) < labelWidth(shape) + 8 && Math.abs(targetY - sourceY) < 48);
  const atSource = fan === 'first' && !selected;
  const labelX = atSource ? sourceX + (down ? 0 : labelWidth(shape) / 2 + 8) : cramped && down ? midX + labelWidth(shape) / 2 + 6 : midX;
  const labelY = atSource ? sourceY + (down ? 18 : -12) : cramped && !down ? Math.min(sourceY, targetY) - 30 : midY;
  const labelled = shape && (fan !== 'other' || selected);
  return (
    <>
      <title>{`${ends}${shape ? `: ${shape}` : ''}`}</title>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} style={style} className={selected ? 'shape-edge--selected' : undefined} />
      {labelled ? (
        <EdgeLabelRenderer>
          <div
            className={`shape-edge__label nodrag nopan${selected ? ' shape-edge__label--selected' : ''}${cramped ? ' shape-edge__label--lifted' : ''}`}
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
            data-edge={id}
          >
            {shape}
          </div>
        </EdgeLabelRenderer>
      ) : null}
    </>
  );
}

/**
 * "Input input-1 to Conv2D C1": the start of the edge's accessible name, which its SVG title
 * gives (with the shape after a colon), so the flow edge itself need not change when it does.
 */
function edgeEnds(s: AppState, source: string, target: string): string {
  const nodes = nodesById(scopeGraph(s.doc, s.scope).nodes);
  const name = (id: string) => {
    const node = nodes.get(id);
    return node ? nodeName(node, s.doc.blocks) : id;
  };
  return `${name(source)} to ${name(target)}`;
}

/** How tall a label is drawn, in canvas pixels. */
const LABEL_HEIGHT = 18;

/** Roughly how wide a label is drawn, in canvas pixels (11 px tabular digits). */
const labelWidth = (text: string) => text.length * 6.5 + 14;

/** The edge component; memoised, as React Flow asks. */
export const ShapeEdge = memo(ShapeEdgeImpl);
