/**
 * The status bar: total parameters (with how many are trainable and frozen, once a layer is
 * frozen), error count (and layers not connected yet), and the engine and backend of the last run.
 */
import { memo } from 'react';
import { inferenceOf } from '../../../shared/document/inference';
import { parameterSplit, parameterText } from '../../../shared/document/transfer';
import { useApp } from '../store/store';
import { count, counted } from '../ui/format';
import { problemsOf } from '../ui/problems';

function StatusBarImpl() {
  const params = useApp((s) => parameterText(parameterSplit(s.doc, inferenceOf(s.doc)), count));
  const errors = useApp((s) => problemsOf(s.doc.blocks, s.doc.graph, inferenceOf(s.doc)).errors.length);
  const pending = useApp((s) => problemsOf(s.doc.blocks, s.doc.graph, inferenceOf(s.doc)).pending.size);
  const engine = useApp((s) => s.training.engine);
  const backend = useApp((s) => s.training.backend);
  const layers = useApp((s) => s.doc.graph.nodes.length);
  return (
    <footer className="statusbar" aria-label="Status">
      <span>{counted(layers, 'layer')}</span>
      <span>{params}</span>
      <span className={errors ? 'statusbar__errors' : undefined}>{counted(errors, 'error')}</span>
      {pending ? <span>{counted(pending, 'layer')} not connected yet</span> : null}
      {engine ? <span>Engine: {engine} · Backend: {backend}</span> : <span className="muted">Not trained yet</span>}
    </footer>
  );
}

/** The status bar panel. */
export const StatusBar = memo(StatusBarImpl);
