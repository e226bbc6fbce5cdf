/**
 * A block instance on the canvas, drawn as one node: its name, the block's name and key
 * parameters (`Inception 64, 96→128, 16→32, 32`), and the shapes it takes and gives
 * (`28×28×192 → 28×28×256`). Double-click opens the block's definition.
 */
import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { LayerFlowNode } from './flowElements';
import { NodeBody, useNodeView } from './NodeBody';

function BlockNodeImpl({ id, data, selected }: NodeProps<LayerFlowNode>) {
  const view = useNodeView(id);
  const linked = view.linked > 1 ? <span className="block-node__linked"> · linked ×{view.linked}</span> : null;
  return (
    <NodeBody id={id} view={view} name={data.label} nameNote={linked} selected={selected} className="layer-node--block block-node" title="Double-click to open the block's definition">
      <div className="layer-node__line">
        <span className="layer-node__title">{view.title}</span>
        {view.caption ? <span className="block-node__params"> {view.caption}</span> : null}
      </div>
      <div className="layer-node__line block-node__shapes">
        {view.inputs || '?'}
        {' → '}
        <span className="layer-node__shape">{view.shape || '?'}</span>
      </div>
    </NodeBody>
  );
}

/** The node component for block instances; memoised, as React Flow asks. */
export const BlockNode = memo(BlockNodeImpl);
