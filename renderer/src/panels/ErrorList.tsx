/**
 * The problems list, over the canvas: every error of the graph shown, with the layer it belongs
 * to and its one-click fixes. A click on a problem selects that layer and brings it into view.
 * Layers that are only not connected yet (ui/problems.ts) are not problems.
 */
import { useReactFlow } from '@xyflow/react';
import { memo } from 'react';
import { nodesById } from '../../../shared/document/inference';
import { scopeGraph, scopeInference } from '../../../shared/document/scope';
import { useApp } from '../store/store';
import { useUi } from '../store/ui';
import { applyFixNamed } from '../ui/fixes';
import { nodeName } from '../ui/nodeName';
import { problemsOf } from '../ui/problems';

/** Errors listed at most; the count says how many there are. */
const MAX_SHOWN = 100;

function ErrorListImpl() {
  const errors = useApp((s) => problemsOf(s.doc.blocks, scopeGraph(s.doc, s.scope), scopeInference(s.doc, s.scope)).errors);
  const nodes = useApp((s) => scopeGraph(s.doc, s.scope).nodes);
  const blocks = useApp((s) => s.doc.blocks);
  const open = useUi((s) => s.problemsOpen);
  const { getInternalNode, setCenter, getZoom } = useReactFlow();
  if (errors.length === 0) return null;
  const byId = nodesById(nodes);

  const jump = (id: string) => {
    useApp.getState().selectNode(id);
    const internal = getInternalNode(id);
    if (!internal) return;
    const { x, y } = internal.internals.positionAbsolute;
    const w = internal.measured.width ?? internal.initialWidth ?? 0;
    const h = internal.measured.height ?? internal.initialHeight ?? 0;
    void setCenter(x + w / 2, y + h / 2, { zoom: Math.max(getZoom(), 0.8), duration: 200 });
  };

  const title = errors.length === 1 ? '1 problem' : `${errors.length} problems`;
  return (
    <section className="problems" aria-label="Problems">
      <button type="button" className="problems__toggle" aria-expanded={open} onClick={() => useUi.getState().setProblemsOpen(!open)}>
        {title}
      </button>
      {open ? (
        <ul className="problems__list">
          {errors.slice(0, MAX_SHOWN).map((error, i) => {
            const node = byId.get(error.nodeId);
            const name = node ? nodeName(node, blocks) : error.nodeId;
            return (
              <li key={`${error.nodeId}-${i}`}>
                <button type="button" className="problems__item" onClick={() => jump(error.nodeId)} aria-label={`${name}: ${error.message}`}>
                  <span className="problems__node">{name}</span>
                  <span className="problems__message">{error.message}</span>
                </button>
                {error.fixes.length ? (
                  <div className="problems__fixes" role="group" aria-label={`Fixes for ${name}`}>
                    {error.fixes.map((fix) => (
                      <button key={fix.label} type="button" className="button button--fix problems__fix" onClick={() => applyFixNamed(error.nodeId, fix.label)}>
                        {fix.label}
                      </button>
                    ))}
                  </div>
                ) : null}
              </li>
            );
          })}
          {errors.length > MAX_SHOWN ? <li className="muted">… and {errors.length - MAX_SHOWN} more</li> : null}
        </ul>
      ) : null}
    </section>
  );
}

/** The problems panel; renders nothing while the graph has no errors. Inside `<ReactFlow>`. */
export const ErrorList = memo(ErrorListImpl);
