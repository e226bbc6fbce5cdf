/**
 * The path of a connection: a Bézier curve, except for one that runs backwards (from the end of
 * a row of a folded layout to the start of the next), which steps down between the rows and
 * across, instead of looping through both.
 */
import { getBezierPath, getSmoothStepPath, Position } from '@xyflow/react';

interface Ends {
  sourceX: number;
  sourceY: number;
  targetX: number;
  targetY: number;
  sourcePosition: Position;
  targetPosition: Position;
}

/** `[path, labelX, labelY]`, as React Flow's path functions give them. */
export function edgePath(e: Ends): [string, number, number] {
  const backwards = e.sourcePosition === Position.Right ? e.targetX < e.sourceX - 10 : e.sourcePosition === Position.Bottom && e.targetY < e.sourceY - 10;
  if (!backwards) {
    const [path, x, y] = getBezierPath(e);
    return [path, x, y];
  }
  // Step down to halfway between the rows, across, and down into the next row's first layer.
  const [path, x, y] = getSmoothStepPath({ ...e, borderRadius: 14, offset: 18 });
  return [path, x, y];
}
