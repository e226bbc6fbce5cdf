/**
 * "Evaluate…" for a run of the history: its saved weights (final, or the best epoch's) on the
 * validation part of a dataset — its own by default, or any other with the same classes — run
 * in a trainer process; then the accuracy, confusion matrix and sample predictions. Below, a
 * look inside the same weights for one image (LookInside.tsx). A torch run's model.pt is not
 * evaluated (evaluation reads tfjs models), but it is looked inside.
 */
import { memo, useId, useState, type FormEvent } from 'react';
import type { RunWeights } from '../../../shared/api';
import { DATASET_HELP, parseDatasetSpec } from '../../../shared/datasets';
import { evaluateRun } from './commands';
import { percent } from './evaluation';
import { EvaluationView } from './EvaluationView';
import { LookInside } from './LookInside';
import { runLabel } from './overlay';
import { useRuns, type RunsView } from './store';

type EvaluateView = Extract<RunsView, { kind: 'evaluate' }>;

function EvaluatePaneImpl({ view }: { view: EvaluateView }) {
  const run = useRuns((s) => s.runs.find((r) => r.id === view.id));
  const [dataset, setDataset] = useState(run?.dataset ?? '');
  const [weights, setWeights] = useState<RunWeights>(run?.weights.final ? 'final' : 'best');
  const ids = { dataset: useId(), weights: useId(), help: useId() };
  if (!run) return null;
  const torch = run.engine === 'torch';
  const parsed = parseDatasetSpec(dataset);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (parsed.ok && !torch) void evaluateRun(run.id, dataset, weights);
  };
  const { result } = view;
  return (
    <section className="evaluate" aria-label="Evaluate">
      <h3 className="evaluate__title">Evaluate {runLabel(run)}</h3>
      <form className="evaluate__form" aria-label={`Evaluate ${runLabel(run)}`} onSubmit={submit}>
        <label htmlFor={ids.dataset}>Dataset</label>
        <input id={ids.dataset} value={dataset} onChange={(e) => setDataset(e.target.value)} aria-describedby={ids.help} aria-invalid={!parsed.ok} spellCheck={false} />
        <label htmlFor={ids.weights}>Weights</label>
        <select id={ids.weights} value={weights} onChange={(e) => setWeights(e.target.value as RunWeights)}>
          <option value="final" disabled={!run.weights.final}>
            final
          </option>
          <option value="best" disabled={!run.weights.best}>
            best epoch{run.bestEpoch !== undefined ? ` (${run.bestEpoch})` : ''}
          </option>
        </select>
        <button type="submit" className="button button--primary" disabled={!parsed.ok || view.busy || torch}>
          Evaluate
        </button>
        <small id={ids.help} className="muted">
          {torch
            ? 'Evaluate is for tfjs runs: this torch run keeps a PyTorch model.pt. Look inside below reads it.'
            : parsed.ok
              ? `Validation images of the dataset, split as in training. ${DATASET_HELP}.`
              : parsed.message}
        </small>
      </form>
      {view.busy ? (
        <p role="status">Evaluating…</p>
      ) : view.error ? (
        <p role="alert" className="evaluate__error">
          Evaluation failed: {view.error}
        </p>
      ) : result ? (
        <>
          <p role="status" className="evaluate__result">
            Accuracy <strong>{percent(result.acc)}</strong> · loss {result.loss.toFixed(4)} on {result.count.toLocaleString('en-US')} validation images of {result.title} · {result.weights}{' '}
            weights from epoch {result.epoch} · backend {result.backend}
          </p>
          <EvaluationView evaluations={[result]} />
        </>
      ) : null}
      <LookInside key={`${run.id}-${weights}`} source={{ run: run.id, weights }} />
    </section>
  );
}

/** The evaluate pane of one run; remount it (key) per run. */
export const EvaluatePane = memo(EvaluatePaneImpl);
