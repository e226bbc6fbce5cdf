/**
 * The inspector: a form for the selected layer, generated from its registry entry, with its
 * error and one-click fixes at the top and its statistics below; for a block instance, the block's parameters
 * (overridable) and its link to the definition; for a node with weights, whether it is frozen for
 * training and its learning-rate factor (top-level graph only). With nothing selected it shows the model, or,
 * inside an opened block, the block's definition.
 */
import { memo, useId, useState } from 'react';
import { blockIdOf, layerCount } from '../../../shared/blocks/blocks';
import { nodesById } from '../../../shared/document/inference';
import { inputShapes, scopeBlock, scopeGraph, scopeInference } from '../../../shared/document/scope';
import type { Block, GraphNode } from '../../../shared/graph/schema';
import type { NodeInfo } from '../../../shared/infer';
import { isLayerKind, layers } from '../../../shared/layers/registry';
import { formatShape } from '../../../shared/layers/types';
import { usePanels } from '../store/panels';
import { useApp } from '../store/store';
import { setNodeLrFactor, freezeNodes } from '../commands/transfer';
import { FieldError, NumberInput, ParamField } from '../ui/fields';
import { problemsOf } from '../ui/problems';
import { count } from '../ui/format';
import { BlockDefinition, blockSpecs, InstanceLink } from './BlockInspector';
import { ExpressionField, takesExpression } from './ExpressionField';
import { ModelOverview } from './ModelOverview';

function InspectorImpl() {
  const node = useApp((s) => {
    const id = s.selection.nodes.length === 1 ? s.selection.nodes[0]! : undefined;
    return id === undefined ? undefined : nodesById(scopeGraph(s.doc, s.scope).nodes).get(id);
  });
  const info = useApp((s) => (node ? scopeInference(s.doc, s.scope).nodes[node.id] : undefined));
  const pending = useApp((s) => (node ? problemsOf(s.doc.blocks, scopeGraph(s.doc, s.scope), scopeInference(s.doc, s.scope)).pending.has(node.id) : false));
  const inputs = useApp((s) => (node ? inputShapes(scopeGraph(s.doc, s.scope), scopeInference(s.doc, s.scope), node.id).map(formatShape).join(', ') : ''));
  const block = useApp((s) => {
    const id = node && blockIdOf(node.kind);
    return id === undefined ? undefined : s.doc.blocks.find((b) => b.id === id);
  });
  const opened = useApp((s) => scopeBlock(s.doc, s.scope));
  return (
    <aside className="inspector" id="inspector" aria-label="Inspector">
      <button type="button" className="panel-head__hide inspector__hide" aria-label="Hide the inspector" title="Hide the inspector" onClick={() => usePanels.getState().setCollapsed('inspector', true)}>
        »
      </button>
      {node ? (
        <NodeForm key={node.id} node={node} info={info} block={block} inputs={inputs} inBlock={opened !== undefined} pending={pending} />
      ) : opened ? (
        <BlockDefinition block={opened} />
      ) : (
        <ModelOverview />
      )}
    </aside>
  );
}

interface FormProps {
  node: GraphNode;
  info: NodeInfo | undefined;
  block: Block | undefined;
  /** For a block instance: the shapes it takes. */
  inputs: string;
  /** True inside a block definition, where numbers may be expressions of the block's parameters. */
  inBlock: boolean;
  /** Not connected yet: its missing input is no error for now (ui/problems.ts). */
  pending: boolean;
}

function NodeForm({ node, info, block, inputs, inBlock, pending }: FormProps) {
  const { setParams, setLabel, applyFix } = useApp.getState();
  const def = isLayerKind(node.kind) ? layers[node.kind] : undefined;
  const specs = def?.params ?? (block ? blockSpecs(block, node.params) : []);
  const title = def?.title ?? block?.name ?? node.kind;
  const error = pending ? undefined : info?.error;
  return (
    <form className="inspector__form" aria-label={`${title} settings`} onSubmit={(e) => e.preventDefault()}>
      <h2 className="panel-title">{title}</h2>
      {def ? <p className="inspector__desc">{def.description.replace(/`/g, '')}</p> : null}
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
      ) : pending ? (
        <p className="inspector__pending">Not connected yet: connect a layer to its input, or delete it. Training and export count it as an error.</p>
      ) : null}
      <div className="field">
        <label htmlFor="node-label">Label</label>
        <input id="node-label" type="text" value={node.label ?? ''} placeholder={node.id} onChange={(e) => setLabel(node.id, e.target.value)} />
      </div>
      {specs.map((spec) => {
        const value = (node.params[spec.name] as never) ?? (block ? (block.params[spec.name] as never) : spec.default);
        const fieldError = error?.param === spec.name ? error.message : undefined;
        const onChange = (v: unknown) => setParams(node.id, { [spec.name]: v as never });
        return inBlock && takesExpression(spec, value) ? (
          <ExpressionField key={spec.name} spec={spec} value={value} resolved={info?.params?.[spec.name]} error={fieldError} onChange={onChange} />
        ) : (
          <ParamField key={spec.name} spec={spec} value={value} error={fieldError} onChange={onChange} />
        );
      })}
      {block ? <InstanceLink node={node} block={block} /> : null}
      {!inBlock && (block || (info?.paramCount ?? 0) + (info?.nonTrainable ?? 0) > 0) ? <TrainingFlags node={node} /> : null}
      <dl className="inspector__stats">
        {block ? (
          <>
            <dt>Input</dt>
            <dd>{inputs || '—'}</dd>
          </>
        ) : null}
        <dt>Output</dt>
        <dd>{info?.shape ? formatShape(info.shape) : '—'}</dd>
        <dt>Parameters</dt>
        <dd>{count(info?.paramCount ?? 0)}</dd>
        <dt>Multiply-adds</dt>
        <dd>{count(info?.macs ?? 0)}</dd>
        <dt>Receptive field</dt>
        <dd>{receptiveField(info)}</dd>
        {block ? (
          <>
            <dt>Layers inside</dt>
            <dd>{layerCount(block)}</dd>
          </>
        ) : null}
      </dl>
    </form>
  );
}

/** Frozen and the learning-rate factor of a node with weights (shared/document/transfer.ts); each change is one undo step. */
function TrainingFlags({ node }: { node: GraphNode }) {
  const id = useId();
  const [error, setError] = useState<string>();
  const onFactor = (x: number) => {
    if (!(x >= 0 && x <= 1000)) return setError('A learning-rate factor is a number from 0 to 1000.');
    setError(undefined);
    setNodeLrFactor(node.id, x);
  };
  return (
    <>
      <div className="field">
        <label className="field__check" title="Its weights do not change in training; a frozen BatchNorm keeps its running statistics">
          <input type="checkbox" checked={node.frozen === true} onChange={(e) => freezeNodes([node.id], e.target.checked)} />
          Frozen
        </label>
      </div>
      <div className={`field${error ? ' field--error' : ''}`}>
        <label htmlFor={id}>LR factor</label>
        <NumberInput id={id} min={0} max={1000} step="any" value={node.lrFactor ?? 1} onChange={onFactor} disabled={node.frozen === true} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} />
        <small className="field__help">Multiplies the learning rate for this layer's weights (1: the run's rate; 10 for a new head).</small>
        <FieldError id={id} error={error} />
      </div>
    </>
  );
}

function receptiveField(info: NodeInfo | undefined): string {
  if (!info?.shape) return '—';
  const rf = info.receptiveField;
  return rf ? `${rf.size}×${rf.size} px (step ${rf.jump})` : 'the whole input';
}

/** The inspector panel. */
export const Inspector = memo(InspectorImpl);
