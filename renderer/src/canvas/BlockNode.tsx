/**
 * A block instance on the canvas, drawn as one node: its name, the block's name and key
 * parameters (`Inception 64, 96→128, 16→32, 32`), and the shapes it takes and gives
 * (`28×28×192 → 28×28×256`). Double-click opens the block's definition.
 */
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useApp } from '../store/store';
import type { LayerFlowNode } from './flowElements';
import { nodeView } from './nodeView';

function BlockNodeImpl({ id, data, selected }: NodeProps<LayerFlowNode>) {
  const view = useApp(useShallow((s) => nodeView(s, id)));
  const down = useApp((s) => s.direction === 'DOWN');
  const name = data.node.label ?? data.node.id;
  const state = view.error ? ' layer-node--error' : view.blocked ? ' layer-node--blocked' : '';
  return (
    <div className={`layer-node layer-node--block block-node${state}${selected ? ' layer-node--selected' : ''}`} title="Double-click to open the block's definition">
      {Array.from({ length: view.ports }, (_, port) => (
        <Handle
          key={port}
          type="target"
          id={`in-${port}`}
          position={down ? Position.Top : Position.Left}
          style={view.ports > 1 ? { [down ? 'left' : 'top']: `${((port + 1) * 100) / (view.ports + 1)}%` } : undefined}
        />
      ))}
      <div className="layer-node__name">
        {name}
        {view.linked > 1 ? <span className="block-node__linked"> · linked ×{view.linked}</span> : null}
      </div>
      <div className="layer-node__line">
        <span className="layer-node__title">{view.title}</span>
        {view.caption ? <span className="block-node__params"> {view.caption}</span> : null}
      </div>
      <div className="layer-node__line block-node__shapes">
        {view.inputs || '?'}
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

/** The node component for block instances; memoised, as React Flow asks. */
export const BlockNode = memo(BlockNodeImpl);
