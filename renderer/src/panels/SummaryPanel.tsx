/**
 * The model summary, torchinfo-style (shared/summary.ts): every layer in order with its kind,
 * output shape, parameters, multiply-adds, activation memory and receptive field, block
 * instances and frozen layers marked, and the totals (with the trainable and frozen parameters
 * once a layer is frozen); for a network the lecture discusses, its figures beside Netwright's (LectureFigures.tsx); pretrained weights' top classes for a photo (PredictSection.tsx).
 * Clicking a row selects the layer and centres it.
 */
import { memo } from 'react';
import type { Summary } from '../../../shared/api';
import { blockIdOf, layerCount } from '../../../shared/blocks/blocks';
import { inferenceOf, nodesById } from '../../../shared/document/inference';
import { parameterSplit } from '../../../shared/document/transfer';
import type { Graph, NetwrightDocument } from '../../../shared/graph/schema';
import { isLayerKind, layers } from '../../../shared/layers/registry';
import { formatShape } from '../../../shared/layers/types';
import { summarize } from '../../../shared/summary';
import { usePanels } from '../store/panels';
import { useApp } from '../store/store';
import { clickableRow } from '../ui/clickableRow';
import { bytes, compact, count } from '../ui/format';
import { problemsOf } from '../ui/problems';
import { LectureFigures } from './LectureFigures';
import { PredictSection } from './PredictSection';

/** Rows drawn at most: past this the table is for scrolling, not reading, and costs every edit. */
const MAX_ROWS = 400;
const BYTES_PER_VALUE = 4;

const cache = new WeakMap<Graph, { blocks: NetwrightDocument['blocks']; summary: Summary }>();

/** The summary of a document, computed once per graph and blocks. */
export function summaryOf(doc: NetwrightDocument): Summary {
  const hit = cache.get(doc.graph);
  if (hit && hit.blocks === doc.blocks) return hit.summary;
  const summary = summarize(doc, inferenceOf(doc));
  cache.set(doc.graph, { blocks: doc.blocks, summary });
  return summary;
}

/** Select the top-level node `id` and bring it into view, leaving an open block if need be. */
export function selectAndCentre(id: string): void {
  const s = useApp.getState();
  if (s.scope.length) s.closeBlock(0);
  useApp.getState().selectNode(id);
  usePanels.getState().focusNode(id);
}

function kindOf(kind: string, blocks: NetwrightDocument['blocks']): string {
  if (isLayerKind(kind)) return layers[kind].title;
  const id = blockIdOf(kind);
  return blocks.find((b) => b.id === id)?.name ?? kind;
}

/** How many layers a block's definition holds (its inputs and output aside). */
function layersIn(kind: string, blocks: NetwrightDocument['blocks']): number {
  const block = blocks.find((b) => b.id === blockIdOf(kind));
  return block ? layerCount(block) : 0;
}

function SummaryPanelImpl() {
  const doc = useApp((s) => s.doc);
  const selected = useApp((s) => (s.scope.length === 0 && s.selection.nodes.length === 1 ? s.selection.nodes[0] : undefined));
  if (doc.graph.nodes.length === 0) {
    return (
      <section className="summary-panel" aria-label="Summary">
        <p className="muted">No layers yet: the summary lists them as you add them.</p>
      </section>
    );
  }
  const summary = summaryOf(doc);
  const blockRows = new Map(summary.blocks.map((b) => [b.id, b]));
  const { totals } = summary;
  // A layer that is only not connected yet is no error here either (ui/problems.ts).
  const problems = problemsOf(doc.blocks, doc.graph, inferenceOf(doc));
  const split = parameterSplit(doc, inferenceOf(doc));
  return (
    <section className="summary-panel" aria-label="Summary">
      <dl className="summary__totals" aria-label="Totals">
        <div>
          <dt>Parameters</dt>
          <dd>{count(totals.params)}</dd>
        </div>
        {split.frozenNodes > 0 ? (
          <>
            <div>
              <dt>Trainable</dt>
              <dd>{count(split.trainable)}</dd>
            </div>
            <div>
              <dt>Frozen</dt>
              <dd>{count(split.frozen)}</dd>
            </div>
          </>
        ) : null}
        <div>
          <dt>Non-trainable</dt>
          <dd>{count(totals.nonTrainable)}</dd>
        </div>
        <div>
          <dt>Multiply-adds</dt>
          <dd>{count(totals.macs)}</dd>
        </div>
        <div>
          <dt>Activations</dt>
          <dd>
            {count(totals.activations)} · {(totals.activationBytes / 2 ** 20).toFixed(1)} MiB
          </dd>
        </div>
        {problems.errors.length ? (
          <div className="summary__totals-error">
            <dt>Errors</dt>
            <dd>{problems.errors.length}</dd>
          </div>
        ) : null}
      </dl>
      <LectureFigures doc={doc} />
      <PredictSection />
      <table className="summary__table summary__table--full" aria-label="Layers">
        <thead>
          <tr>
            <th scope="col">Layer</th>
            <th scope="col">Kind</th>
            <th scope="col">Output shape</th>
            <th scope="col" className="num">
              Parameters
            </th>
            <th scope="col" className="num">
              MACs
            </th>
            <th scope="col" className="num">
              Memory
            </th>
            <th scope="col" className="num">
              Receptive field
            </th>
          </tr>
        </thead>
        <tbody>
          {summary.layers.slice(0, MAX_ROWS).map((row) => {
            const block = blockRows.get(row.id);
            const error = !row.outputShape && !problems.pending.has(row.id) && summary.errors.some((e) => e.node === row.name);
            const cls = `${block ? 'summary__row--block' : ''}${error ? ' summary__row--error' : ''}${row.id === selected ? ' summary__row--selected' : ''}`.trim();
            return (
              <tr
                key={row.id}
                className={cls || undefined}
                aria-selected={row.id === selected}
                {...clickableRow(() => selectAndCentre(row.id))}
              >
                <td>
                  {row.name}
                  {nodesById(doc.graph.nodes).get(row.id)?.frozen ? (
                    <>
                      {' '}
                      <span className="summary__badge">frozen</span>
                    </>
                  ) : null}
                </td>
                <td>
                  {kindOf(row.kind, doc.blocks)}
                  {block ? ' ' : null}
                  {block ? <span className="summary__badge">block · {layersIn(row.kind, doc.blocks)} layers</span> : null}
                </td>
                <td>{row.outputShape ? formatShape(row.outputShape) : error ? 'error' : '—'}</td>
                <td className="num">{count(row.params)}</td>
                <td className="num">{row.macs ? compact(row.macs) : '—'}</td>
                <td className="num">{row.activations ? bytes(row.activations * BYTES_PER_VALUE) : '—'}</td>
                <td className="num">{row.receptiveField ? `${row.receptiveField.size}×${row.receptiveField.size} /${row.receptiveField.jump}` : row.outputShape ? 'all' : '—'}</td>
              </tr>
            );
          })}
          {summary.layers.length > MAX_ROWS ? (
            <tr>
              <td colSpan={7} className="muted">
                … and {count(summary.layers.length - MAX_ROWS)} more layers
              </td>
            </tr>
          ) : null}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={3}>
              Total
            </th>
            <td className="num">{count(totals.params)}</td>
            <td className="num">{compact(totals.macs)}</td>
            <td className="num">{bytes(totals.activationBytes)}</td>
            <td />
          </tr>
        </tfoot>
      </table>
    </section>
  );
}

/** The summary tab of the bottom dock. */
export const SummaryPanel = memo(SummaryPanelImpl);
