/**
 * What every node on the canvas draws, a layer or a block instance: the frame coloured by
 * category (red with an error, dashed while it is not connected yet), one input handle per port
 * and the output handle, the node's name, and its error spelled out, wrapped inside the node's
 * width, with its one-click fixes in a menu; a lock before the name when it is frozen for
 * training; on hover, a strip of its feature maps after a Look inside. The lines in between are
 * the node kind's own (children).
 */
import { Handle, Position } from '@xyflow/react';
import type { ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useApp } from '../store/store';
import { nodeView, type NodeView } from '../ui/nodeView';
import { FixMenu } from './FixMenu';
import { HealthBadge } from './HealthBadge';
import { MapStrip } from './MapStrip';

/** What node `id` shows, re-rendering only when one of its strings changes. */
export const useNodeView = (id: string): NodeView => useApp(useShallow((s) => nodeView(s, id)));

interface BodyProps {
  /** The node's id in the graph on the canvas. */
  id: string;
  view: NodeView;
  /** The label, or the id. */
  name: string;
  selected: boolean;
  /** After the name, e.g. how many instances share a block. */
  nameNote?: ReactNode;
  /** Classes of the node kind, e.g. `layer-node--block block-node`. */
  className: string;
  title?: string;
  children: ReactNode;
}

export function NodeBody({ id, view, name, selected, nameNote, className, title, children }: BodyProps) {
  const down = useApp((s) => s.direction === 'DOWN');
  const state = view.error ? ' layer-node--error' : view.pending ? ' layer-node--pending' : view.blocked ? ' layer-node--blocked' : '';
  const frozen = view.frozen ? ' layer-node--frozen' : '';
  return (
    <div className={`layer-node ${className}${state}${frozen}${selected ? ' layer-node--selected' : ''}`} title={title}>
      {Array.from({ length: view.ports }, (_, port) => (
        <Handle
          key={port}
          type="target"
          id={`in-${port}`}
          position={down ? Position.Top : Position.Left}
          // Several inputs (a Concatenate's) spread evenly along the side, in port order.
          style={view.ports > 1 ? { [down ? 'left' : 'top']: `${((port + 1) * 100) / (view.ports + 1)}%` } : undefined}
        />
      ))}
      <div className="layer-node__name">
        {view.frozen ? <FrozenLock /> : null}
        {name}
        {nameNote}
      </div>
      {children}
      {view.error ? (
        <div className="layer-node__error" role="note" title={view.error}>
          {view.error}
        </div>
      ) : null}
      {view.fixes ? <FixMenu id={id} name={`${view.title} ${name}`} labels={view.fixes.split('\n')} /> : null}
      {view.pending ? <div className="layer-node__pending">not connected yet</div> : null}
      <Handle type="source" id="out" position={down ? Position.Bottom : Position.Right} />
      <HealthBadge id={id} />
      <MapStrip id={id} shape={view.shape} name={name} />
    </div>
  );
}

/** The lock a frozen node shows before its name. */
function FrozenLock() {
  return (
    <svg className="layer-node__lock" viewBox="0 0 16 16" role="img" aria-label="Frozen">
      <title>Frozen: its weights do not change in training</title>
      <path d="M4.5 7V5a3.5 3.5 0 0 1 7 0v2h.5A1 1 0 0 1 13 8v6a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V8a1 1 0 0 1 1-1zm1.5 0h4V5a2 2 0 0 0-4 0z" />
    </svg>
  );
}
