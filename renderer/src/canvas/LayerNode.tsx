/**
 * A layer on the canvas: `Conv2D 6@5×5 → 24×24×6`, with one input handle per port and one
 * output handle. A layer with an error turns red and says what is wrong, arithmetic included.
 */
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useApp } from '../store/store';
import type { LayerFlowNode } from './flowElements';
import { nodeView } from './nodeView';

function LayerNodeImpl({ id, data, selected }: NodeProps<LayerFlowNode>) {
  const view = useApp(useShallow((s) => nodeView(s, id)));
  const down = useApp((s) => s.direction === 'DOWN');
  const name = data.node.label ?? data.node.id;
  const state = view.error ? ' layer-node--error' : view.blocked ? ' layer-node--blocked' : '';
  return (
    <div className={`layer-node layer-node--${view.category}${state}${selected ? ' layer-node--selected' : ''}`}>
      {Array.from({ length: view.ports }, (_, port) => (
        <Handle
          key={port}
          type="target"
          id={`in-${port}`}
          position={down ? Position.Top : Position.Left}
          style={view.ports > 1 ? { [down ? 'left' : 'top']: `${((port + 1) * 100) / (view.ports + 1)}%` } : undefined}
        />
      ))}
      <div className="layer-node__name">{name}</div>
      <div className="layer-node__line">
        <span className="layer-node__title">{view.title}</span>
        {view.caption ? ` ${view.caption}` : ''}
        {' → '}
        <span className="layer-node__shape">{view.shape || '?'}</span>
      </div>
      {view.error ? (
        <div className="layer-node__error" role="note">
          {view.error}
        </div>
      ) : null}
      <Handle type="source" id="out" position={down ? Position.Bottom : Position.Right} />
    </div>
  );
}

/** The node component for every layer kind; memoised, as React Flow asks. */
export const LayerNode = memo(LayerNodeImpl);
