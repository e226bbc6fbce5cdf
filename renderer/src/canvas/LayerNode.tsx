/**
 * A layer on the canvas: `Conv2D 6@5×5 → 24×24×6`, with one input handle per port and one
 * output handle. A layer with an error turns red and says what is wrong, arithmetic included.
 */
import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { LayerFlowNode } from './flowElements';
import { NodeBody, useNodeView } from './NodeBody';

function LayerNodeImpl({ id, data, selected }: NodeProps<LayerFlowNode>) {
  const view = useNodeView(id);
  return (
    <NodeBody id={id} view={view} name={data.label} selected={selected} className={`layer-node--${view.category}`}>
      <div className="layer-node__line">
        <span className="layer-node__title">{view.title}</span>
        {view.caption ? ` ${view.caption}` : ''}
        {' → '}
        <span className="layer-node__shape">{view.shape || '?'}</span>
      </div>
    </NodeBody>
  );
}

/** The node component for every layer kind; memoised, as React Flow asks. */
export const LayerNode = memo(LayerNodeImpl);
