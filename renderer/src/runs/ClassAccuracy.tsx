/** Accuracy per class as a table with a bar in each row, so weak classes stand out at a glance. */
import { memo } from 'react';
import { percent } from './evaluation';

interface Props {
  classNames: readonly string[];
  /** Per class: correct / samples, or null for a class without samples. */
  accuracy: readonly (number | null)[];
}

function ClassAccuracyImpl({ classNames, accuracy }: Props) {
  return (
    <table className="class-accuracy" aria-label="Accuracy per class">
      <thead>
        <tr>
          <th scope="col">Class</th>
          <th scope="col">Accuracy</th>
        </tr>
      </thead>
      <tbody>
        {accuracy.map((a, k) => (
          <tr key={k}>
            <th scope="row">{classNames[k] ?? k}</th>
            <td>
              <span className="class-accuracy__bar" aria-hidden="true">
                <span style={{ width: `${(a ?? 0) * 100}%` }} />
              </span>
              <span className="num">{percent(a)}</span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The per-class accuracy table; memoised. */
export const ClassAccuracy = memo(ClassAccuracyImpl);
