/**
 * The inspector: a form for the selected layer, generated from its registry entry, with its
 * statistics and one-click fixes for its errors. With nothing selected it shows the summary.
 */
import { memo } from 'react';
import { blockIdOf } from '../../../shared/blocks/blocks';
import type { Block, GraphNode } from '../../../shared/graph/schema';
import type { NodeInfo } from '../../../shared/infer';
import { isLayerKind, layers } from '../../../shared/layers/registry';
import { formatShape, type ParamSpec } from '../../../shared/layers/types';
import { inferenceOf, nodesById } from '../store/inference';
import { useApp } from '../store/store';
import { ParamField } from './fields';
import { SummaryTable } from './SummaryTable';

const count = (n: number) => n.toLocaleString('en-US');

function InspectorImpl() {
  const node = useApp((s) => {
    const id = s.selection.nodes.length === 1 ? s.selection.nodes[0]! : undefined;
    return id === undefined ? undefined : nodesById(s.doc.graph.nodes).get(id);
  });
  const info = useApp((s) => (node ? inferenceOf(s.doc).nodes[node.id] : undefined));
  const block = useApp((s) => {
    const id = node && blockIdOf(node.kind);
    return id === undefined ? undefined : s.doc.blocks.find((b) => b.id === id);
  });
  return (
    <aside className="inspector" aria-label="Inspector">
      {node ? <NodeForm key={node.id} node={node} info={info} block={block} /> : <SummaryTable />}
    </aside>
  );
}

/** A block's own numbers and switches, as fields an instance can override. */
function blockSpecs(block: Block): ParamSpec[] {
  return Object.entries(block.params).flatMap(([name, v]): ParamSpec[] => {
    if (typeof v === 'boolean') return [{ name, label: name, type: 'bool', default: v }];
    if (typeof v === 'number') return [{ name, label: name, type: Number.isInteger(v) ? 'int' : 'float', default: v }];
    return [];
  });
}

function NodeForm({ node, info, block }: { node: GraphNode; info: NodeInfo | undefined; block: Block | undefined }) {
  const { setParams, setLabel, applyFix } = useApp.getState();
  const def = isLayerKind(node.kind) ? layers[node.kind] : undefined;
  const specs = def?.params ?? (block ? blockSpecs(block) : []);
  const title = def?.title ?? block?.name ?? node.kind;
  const error = info?.error;
  return (
    <form className="inspector__form" aria-label={`${title} settings`} onSubmit={(e) => e.preventDefault()}>
      <h2 className="panel-title">{title}</h2>
      {block ? <p className="inspector__desc">An instance of the block “{block.name}”: its settings here override the block’s.</p> : null}
      {def ? <p className="inspector__desc">{def.description.replace(/`/g, '')}</p> : null}
      <div className="field">
        <label htmlFor="node-label">Label</label>
        <input id="node-label" type="text" value={node.label ?? ''} placeholder={node.id} onChange={(e) => setLabel(node.id, e.target.value)} />
      </div>
      {specs.map((spec) => (
        <ParamField
          key={spec.name}
          spec={spec}
          value={(node.params[spec.name] as never) ?? spec.default}
          error={error?.param === spec.name ? error.message : undefined}
          onChange={(v) => setParams(node.id, { [spec.name]: v })}
        />
      ))}
      {error ? (
        <div className="inspector__problem" role="group" aria-label="Problem">
          {error.param ? null : <p className="inspector__error">{error.message}</p>}
          {error.fixes.length ? (
            <div className="inspector__fixes">
              {error.fixes.map((fix) => (
                <button key={fix.label} type="button" className="button button--fix" onClick={() => applyFix(node.id, fix)}>
                  {fix.label}
                </button>
              ))}
            </div>
          ) : null}
        </div>
      ) : null}
      <dl className="inspector__stats">
        <dt>Output</dt>
        <dd>{info?.shape ? formatShape(info.shape) : '—'}</dd>
        <dt>Parameters</dt>
        <dd>{count(info?.paramCount ?? 0)}</dd>
        <dt>Multiply-adds</dt>
        <dd>{count(info?.macs ?? 0)}</dd>
        <dt>Receptive field</dt>
        <dd>{receptiveField(info)}</dd>
      </dl>
    </form>
  );
}

function receptiveField(info: NodeInfo | undefined): string {
  if (!info?.shape) return '—';
  const rf = info.receptiveField;
  return rf ? `${rf.size}×${rf.size} px (step ${rf.jump})` : 'the whole input';
}

/** The inspector panel. */
export const Inspector = memo(InspectorImpl);
