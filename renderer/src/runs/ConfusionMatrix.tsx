/**
 * The confusion matrix as a table: a row per true class, a column per predicted class, each cell
 * shaded by its share of the row — the diagonal (right) in green, mistakes in red.
 */
import { memo } from 'react';
import { cellShade } from './evaluation';

interface Props {
  classNames: readonly string[];
  /** `confusion[true][predicted]` sample counts. */
  confusion: readonly (readonly number[])[];
}

function ConfusionMatrixImpl({ classNames, confusion }: Props) {
  return (
    <div className="confusion">
      <table className="confusion__table" aria-label="Confusion matrix">
        <thead>
          <tr>
            <th scope="col" className="confusion__corner">
              true ╲ predicted
            </th>
            {classNames.map((name) => (
              <th key={name} scope="col" className="confusion__label">
                {name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {confusion.map((row, t) => {
            const total = row.reduce((a, b) => a + b, 0);
            return (
              <tr key={t}>
                <th scope="row" className="confusion__label">
                  {classNames[t] ?? t}
                </th>
                {row.map((n, p) => (
                  <td
                    key={p}
                    className={t === p ? 'confusion__cell confusion__cell--right' : 'confusion__cell'}
                    style={{ ['--shade' as string]: cellShade(n, total) }}
                    title={`true ${classNames[t] ?? t}, predicted ${classNames[p] ?? p}: ${n}`}
                  >
                    {n}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** The confusion matrix; memoised. */
export const ConfusionMatrix = memo(ConfusionMatrixImpl);
