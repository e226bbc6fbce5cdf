/**
 * The inspector's parts for blocks: an instance's link to its definition (open it, unlink it),
 * and, with a definition open and nothing selected, the definition itself: its name and the
 * parameter values instances use unless they override them.
 */
import { memo } from 'react';
import { instanceCount } from '../../../shared/document/scope';
import type { Block, GraphNode } from '../../../shared/graph/schema';
import type { ParamSpec } from '../../../shared/layers/types';
import { useApp } from '../store/store';
import { ParamField } from '../ui/fields';

const linkedText = (n: number) => (n === 1 ? 'linked: 1 instance' : `linked: ${n} instances`);

/** A block's own numbers and switches, as fields: `blockSpecs(inception())` → n1x1, n3x3red, …. */
export function blockSpecs(block: Block, overrides: Record<string, unknown> = {}): ParamSpec[] {
  return Object.entries(block.params).flatMap(([name, v]): ParamSpec[] => {
    const help = Object.prototype.hasOwnProperty.call(overrides, name) ? `overrides the definition’s ${String(v)}` : undefined;
    if (typeof v === 'boolean') return [{ name, label: name, type: 'bool', default: v, ...(help && { help }) }];
    if (typeof v === 'number') return [{ name, label: name, type: Number.isInteger(v) ? 'int' : 'float', default: v, ...(help && { help }) }];
    return [];
  });
}

/** Under an instance's fields: how many instances share the definition, and the ways out of the link. */
export function InstanceLink({ node, block }: { node: GraphNode; block: Block }) {
  const linked = useApp((s) => instanceCount(s.doc, block.id));
  const { openBlock, unlink } = useApp.getState();
  return (
    <div className="inspector__block" role="group" aria-label="Block definition">
      <p className="inspector__desc">
        An instance of “{block.name}” ({linkedText(linked)}). Its settings here override the definition’s; editing the definition changes every instance.
      </p>
      <div className="inspector__fixes">
        <button type="button" className="button" onClick={() => openBlock(node.id)}>
          Open definition
        </button>
        <button type="button" className="button" onClick={() => unlink(node.id)} title="Replace this instance by a copy of its layers, no longer linked">
          Unlink
        </button>
      </div>
    </div>
  );
}

function BlockDefinitionImpl({ block }: { block: Block }) {
  const linked = useApp((s) => instanceCount(s.doc, block.id));
  const { renameBlock, setBlockDefaults, closeBlock } = useApp.getState();
  return (
    <form className="inspector__form" aria-label={`${block.name} definition`} onSubmit={(e) => e.preventDefault()}>
      <h2 className="panel-title">{block.name}</h2>
      <p className="inspector__desc">
        The block’s definition ({linkedText(linked)}): what you change here changes every instance. Select a layer to edit it; in a layer’s fields, <code>=name</code> takes a block parameter.
      </p>
      <div className="field">
        <label htmlFor="block-name">Block name</label>
        <input id="block-name" type="text" value={block.name} onChange={(e) => renameBlock(block.id, e.target.value)} />
      </div>
      {blockSpecs(block).length ? <h3 className="inspector__subtitle">Parameters (instances may override them)</h3> : null}
      {blockSpecs(block).map((spec) => (
        <ParamField key={spec.name} spec={spec} value={block.params[spec.name] as never} onChange={(v) => setBlockDefaults(block.id, { [spec.name]: v })} />
      ))}
      <div className="inspector__fixes">
        <button type="button" className="button" onClick={() => closeBlock(0)}>
          Back to the network
        </button>
      </div>
    </form>
  );
}

/** The inspector while a definition is open and nothing in it is selected. */
export const BlockDefinition = memo(BlockDefinitionImpl);
