/**
 * The inspector with nothing selected: what the network is (a template's paper and result), its
 * totals, and its blocks with how many instances each has.
 */
import { memo } from 'react';
import { inferenceOf } from '../../../shared/document/inference';
import { instanceCount } from '../../../shared/document/scope';
import { usePanels } from '../store/panels';
import { useApp } from '../store/store';
import { bytes, count } from '../ui/format';
import { problemsOf } from '../ui/problems';

function ModelOverviewImpl() {
  const doc = useApp((s) => s.doc);
  if (doc.graph.nodes.length === 0) {
    return (
      <div className="inspector__empty">
        <h2 className="panel-title">Model</h2>
        <p>No layers yet. Drag one from the palette, or start from a template.</p>
        <button type="button" className="button" onClick={() => usePanels.getState().showGallery(true)}>
          Choose a template…
        </button>
      </div>
    );
  }
  const { totals } = inferenceOf(doc);
  const { errors } = problemsOf(doc.blocks, doc.graph, inferenceOf(doc));
  const used = doc.blocks.map((b) => ({ block: b, n: instanceCount(doc, b.id) })).filter((u) => u.n > 0);
  return (
    <div className="overview">
      <h2 className="panel-title">Model</h2>
      {doc.description ? <p className="inspector__desc overview__description">{doc.description}</p> : null}
      <dl className="inspector__stats">
        <dt>Nodes</dt>
        <dd>{count(doc.graph.nodes.length)}</dd>
        <dt>Parameters</dt>
        <dd>{count(totals.params)}</dd>
        <dt>Multiply-adds</dt>
        <dd>{count(totals.macs)}</dd>
        <dt>Activations</dt>
        <dd>{bytes(totals.activationBytes)} per image</dd>
        <dt>Errors</dt>
        <dd className={errors.length ? 'overview__errors' : undefined}>{errors.length}</dd>
      </dl>
      {used.length ? (
        <>
          <h3 className="inspector__subtitle">Blocks</h3>
          <ul className="overview__blocks">
            {used.map(({ block, n }) => (
              <li key={block.id}>
                {block.name} <span className="muted">×{n}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <p className="inspector__desc">Select a layer to edit it; double-click a block to open its definition.</p>
      <button type="button" className="button" onClick={() => usePanels.getState().showDock('summary')}>
        Show the summary table
      </button>
    </div>
  );
}

/** The model overview. */
export const ModelOverview = memo(ModelOverviewImpl);
