/**
 * The summary's "Lecture figures": for a network the lecture on classic CNNs discusses, each
 * figure its slides state beside Netwright's, with why the two differ where they do
 * (shared/lecture/). Clicking a line selects the layers it counts and brings the first into view.
 */
import { memo } from 'react';
import { inferenceOf } from '../../../shared/document/inference';
import type { NetwrightDocument } from '../../../shared/graph/schema';
import { lectureLines } from '../../../shared/lecture/compare';
import { selectLayers } from '../commands/editor';
import { usePanels } from '../store/panels';
import { clickableRow } from '../ui/clickableRow';

function select(nodes: readonly string[]): void {
  selectLayers(nodes);
  if (nodes[0] !== undefined) usePanels.getState().focusNode(nodes[0]);
}

function LectureFiguresImpl({ doc }: { doc: NetwrightDocument }) {
  const lines = lectureLines(doc, inferenceOf(doc));
  if (!lines.length) return null;
  return (
    <details className="lecture" open>
      <summary className="lecture__title">Lecture figures</summary>
      <table className="summary__table lecture__table" aria-label="Lecture figures">
        <thead>
          <tr>
            <th scope="col">Figure</th>
            <th scope="col">The lecture says</th>
            <th scope="col" className="num">
              Netwright
            </th>
            <th scope="col">Why they differ</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l) => (
            <tr
              key={l.what}
              className={l.agrees ? undefined : 'lecture__row--differs'}
              title={`Select the ${l.nodes.length === 1 ? 'layer' : `${l.nodes.length} layers`} it counts`}
              {...clickableRow(() => select(l.nodes))}
            >
              <td>{l.what}</td>
              <td>{l.says}</td>
              <td className="num">{l.text}</td>
              <td className={l.why ? undefined : 'muted'}>{l.why ?? 'they agree'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

/** The lecture's figures for the open document; nothing for a network the lecture does not discuss. */
export const LectureFigures = memo(LectureFiguresImpl);
