/**
 * One evaluation of a network on validation images, picked by epoch: overall accuracy, the
 * confusion matrix, accuracy per class and sample predictions. Follows the latest epoch until
 * the user picks an earlier one.
 */
import { memo, useId, useState } from 'react';
import type { Evaluation } from '../../../shared/api';
import { ClassAccuracy } from './ClassAccuracy';
import { ConfusionMatrix } from './ConfusionMatrix';
import { evaluationAt, overallAccuracy, percent } from './evaluation';
import { SampleGrid } from './SampleGrid';

interface Props {
  evaluations: readonly Evaluation[];
  /** Shown where there is no evaluation yet. */
  empty?: string;
  /** The epoch with the best validation accuracy, marked in the epoch list. */
  bestEpoch?: number;
}

function EvaluationViewImpl({ evaluations, empty = 'Results appear after the first epoch.', bestEpoch }: Props) {
  // null: follow the latest epoch as new ones arrive.
  const [picked, setPicked] = useState<number | null>(null);
  const selectId = useId();
  const shown = evaluationAt(evaluations, picked);
  if (!shown) return <p className="muted results__empty">{empty}</p>;
  const latest = evaluations.at(-1)!;
  return (
    <div className="results__body">
      <div className="results__summary">
        {evaluations.length > 1 ? (
          <span>
            <label htmlFor={selectId}>Epoch</label>{' '}
            <select id={selectId} value={shown.epoch} onChange={(e) => setPicked(Number(e.target.value) === latest.epoch ? null : Number(e.target.value))}>
              {evaluations.map((e) => (
                <option key={e.epoch} value={e.epoch}>
                  {e.epoch}
                  {[e === latest ? 'latest' : '', e.epoch === bestEpoch ? 'best' : ''].filter(Boolean).map((w) => ` (${w})`)}
                </option>
              ))}
            </select>
          </span>
        ) : (
          <span>Epoch {shown.epoch}</span>
        )}
        <span>
          Accuracy <strong className="num">{percent(overallAccuracy(shown.confusion))}</strong>
        </span>
      </div>
      <div className="results__grid">
        <ConfusionMatrix classNames={shown.classNames} confusion={shown.confusion} />
        <ClassAccuracy classNames={shown.classNames} accuracy={shown.perClassAccuracy} />
        <SampleGrid classNames={shown.classNames} samples={shown.samples} />
      </div>
    </div>
  );
}

/** The evaluation view; memoised. */
export const EvaluationView = memo(EvaluationViewImpl);
