/** The model summary, torchinfo-style: every layer in order with its output shape and parameters. */
import { memo } from 'react';
import { formatShape } from '../../../shared/layers/types';
import { isLayerKind, layers } from '../../../shared/layers/registry';
import { inferenceOf, nodesById } from '../store/inference';
import { useApp } from '../store/store';

const count = (n: number) => n.toLocaleString('en-US');
/** Rows drawn at most: past this the table is for scrolling, not reading, and costs every edit. */
const MAX_ROWS = 300;

function SummaryTableImpl() {
  const graph = useApp((s) => s.doc.graph);
  const blocks = useApp((s) => s.doc.blocks);
  const selectNode = useApp((s) => s.selectNode);
  const inference = inferenceOf({ graph, blocks });
  const byId = nodesById(graph.nodes);
  if (graph.nodes.length === 0) {
    return (
      <div className="inspector__empty">
        <h2 className="panel-title">Summary</h2>
        <p>No layers yet. Select a layer to edit its settings.</p>
      </div>
    );
  }
  return (
    <div className="summary">
      <h2 className="panel-title">Summary</h2>
      <p className="inspector__desc">Select a layer to edit it.</p>
      <table className="summary__table">
        <thead>
          <tr>
            <th scope="col">Layer</th>
            <th scope="col">Output</th>
            <th scope="col">Params</th>
          </tr>
        </thead>
        <tbody>
          {inference.order.slice(0, MAX_ROWS).map((id) => {
            const info = inference.nodes[id];
            const node = byId.get(id);
            if (!node || !info) return null;
            return (
              <tr key={id} className={info.error ? 'summary__row--error' : undefined} onClick={() => selectNode(id)}>
                <td>
                  {node.label ?? node.id} <span className="muted">{isLayerKind(node.kind) ? layers[node.kind].title : (blocks.find((b) => `block:${b.id}` === node.kind)?.name ?? node.kind)}</span>
                </td>
                <td>{info.shape ? formatShape(info.shape) : info.error ? 'error' : '—'}</td>
                <td className="num">{count(info.paramCount)}</td>
              </tr>
            );
          })}
          {inference.order.length > MAX_ROWS ? (
            <tr>
              <td colSpan={3} className="muted">
                … and {count(inference.order.length - MAX_ROWS)} more layers
              </td>
            </tr>
          ) : null}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={2}>
              Total
            </th>
            <td className="num">{count(inference.totals.params)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

/** The summary shown in the inspector when no layer is selected. */
export const SummaryTable = memo(SummaryTableImpl);
