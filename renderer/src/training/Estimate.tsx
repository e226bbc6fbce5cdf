/**
 * Before a run: what it will need (weights, gradients, optimizer state, activations for a batch)
 * against what the machine allows, a warning with a batch size that fits when it does not, and
 * seconds per epoch on request ("Measure speed", timing the engine the run will use).
 */
import { memo } from 'react';
import { useApp } from '../store/store';
import { isActive } from '../store/training';
import { bytes } from '../ui/format';
import { speedText } from './progress';
import { useEstimate } from './useEstimate';

function EstimateImpl() {
  const active = useApp((s) => isActive(s.training));
  return (
    <section className="estimate" aria-label="Estimate">
      <h3 className="estimate__title">Before you train</h3>
      {/* The estimate is for the next run; during one it would describe a document that may have changed since it began. */}
      {active ? <p className="muted">Estimated again when this run ends.</p> : <EstimateBody />}
    </section>
  );
}

function EstimateBody() {
  const { estimate, error, measured, measureError, measuring, measure } = useEstimate();
  const setTraining = useApp((s) => s.setTraining);
  const suggested = estimate?.suggestedBatchSize;
  return (
    <>
      {error ? <p className="muted">No estimate: {error}</p> : null}
      {estimate ? (
        <dl className="estimate__memory">
          <dt>Weights</dt>
          <dd>{bytes(estimate.memory.weights)}</dd>
          <dt>Gradients</dt>
          <dd>{bytes(estimate.memory.gradients)}</dd>
          <dt>Optimizer state</dt>
          <dd>{bytes(estimate.memory.optimizerState)}</dd>
          <dt>Activations × {estimate.batchSize}</dt>
          <dd>{bytes(estimate.memory.activations)}</dd>
          <dt>Total</dt>
          <dd className={estimate.fits ? undefined : 'estimate__over'}>
            {bytes(estimate.memory.total)} of {bytes(estimate.available.limit)}
          </dd>
        </dl>
      ) : null}
      {estimate?.warning ? (
        <div className="estimate__warning">
          <p>{estimate.warning}</p>
          {suggested && suggested < estimate.batchSize ? (
            <button type="button" className="button" onClick={() => setTraining({ batchSize: suggested })}>
              Use batch size {suggested}
            </button>
          ) : null}
        </div>
      ) : null}
      <div className="estimate__time">
        <button type="button" className="button" disabled={measuring || !estimate} onClick={measure}>
          {measuring ? 'Measuring…' : 'Measure speed'}
        </button>
        <span role="status">
          {measured ? speedText(measured) : measureError ? `Could not measure: ${measureError}` : ''}
        </span>
      </div>
    </>
  );
}

/** The estimate before a run. */
export const Estimate = memo(EstimateImpl);
