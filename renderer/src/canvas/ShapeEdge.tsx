/** An edge labelled with the tensor shape it carries, e.g. `24×24×6`. */
import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import { formatShape } from '../../../shared/layers/types';
import { inferenceOf } from '../store/inference';
import { useApp } from '../store/store';
import type { ShapeFlowEdge } from './flowElements';

function ShapeEdgeImpl({ id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, selected, markerEnd, style }: EdgeProps<ShapeFlowEdge>) {
  const shape = useApp((s) => {
    const sh = inferenceOf(s.doc).edges[id];
    return sh ? formatShape(sh) : '';
  });
  const [path, labelX, midY] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  // Between two close layers the label would sit under them; lift it above the pair instead.
  const cramped = Math.abs(targetX - sourceX) < labelWidth(shape) + 8 && Math.abs(targetY - sourceY) < 48;
  const labelY = cramped ? Math.min(sourceY, targetY) - 30 : midY;
  return (
    <>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} style={style} className={selected ? 'shape-edge--selected' : undefined} />
      {shape ? (
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

/** Roughly how wide a label is drawn, in canvas pixels (11 px tabular digits). */
const labelWidth = (text: string) => text.length * 6.5 + 14;

/** The edge component; memoised, as React Flow asks. */
export const ShapeEdge = memo(ShapeEdgeImpl);
