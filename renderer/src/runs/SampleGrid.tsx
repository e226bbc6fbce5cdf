/**
 * Validation images with what the network made of them: the predicted class and its
 * probability, and the true class where it got it wrong. The engine sends mistakes first.
 */
import { memo } from 'react';
import type { Evaluation } from '../../../shared/api';

interface Props {
  classNames: readonly string[];
  samples: Evaluation['samples'];
}

function SampleGridImpl({ classNames, samples }: Props) {
  if (samples.length === 0) return null;
  const name = (k: number) => classNames[k] ?? String(k);
  return (
    <ul className="samples" aria-label="Validation samples">
      {samples.map((s, i) => {
        const wrong = s.predicted !== s.label;
        return (
          <li key={i} className={wrong ? 'samples__item samples__item--wrong' : 'samples__item'}>
            <img src={s.png} alt={`${name(s.label)}, predicted ${name(s.predicted)}`} />
            <span className="samples__predicted">
              {name(s.predicted)} <span className="muted">{Math.round(s.confidence * 100)}%</span>
            </span>
            <span className="samples__true">{wrong ? `true: ${name(s.label)}` : 'right'}</span>
          </li>
        );
      })}
    </ul>
  );
}

/** The sample grid; memoised. */
export const SampleGrid = memo(SampleGridImpl);
