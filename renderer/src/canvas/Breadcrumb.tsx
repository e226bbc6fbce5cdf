/**
 * Where the canvas is when a block's definition is open: `GoogLeNet › inception 3a (Inception)`,
 * each step a way back, and how many instances an edit here changes.
 */
import { memo } from 'react';
import { instanceCount, validScope, type Scope } from '../../../shared/document/scope';
import type { NetwrightDocument } from '../../../shared/graph/schema';
import { useApp } from '../store/store';

export interface Crumb {
  label: string;
  /** How many blocks are open at this step (0: the document itself). */
  depth: number;
}

/** The steps from the document down to the open block: `[{ label: 'GoogLeNet', depth: 0 }, …]`. */
export function crumbsOf(doc: NetwrightDocument, scope: Scope): Crumb[] {
  const crumbs: Crumb[] = [{ label: doc.name || 'Untitled', depth: 0 }];
  let graph = doc.graph;
  validScope(doc, scope).forEach((frame, i) => {
    const node = graph.nodes.find((n) => n.id === frame.instance);
    const block = doc.blocks.find((b) => b.id === frame.block)!;
    crumbs.push({ label: `${node?.label ?? frame.instance} (${block.name})`, depth: i + 1 });
    graph = block.graph;
  });
  return crumbs;
}

function BreadcrumbImpl() {
  const doc = useApp((s) => s.doc);
  const scope = useApp((s) => s.scope);
  const closeBlock = useApp((s) => s.closeBlock);
  const valid = validScope(doc, scope);
  if (valid.length === 0) return null;
  const crumbs = crumbsOf(doc, valid);
  const linked = instanceCount(doc, valid[valid.length - 1]!.block);
  return (
    <nav className="breadcrumb" aria-label="Breadcrumb">
      <ol>
        {crumbs.map((c, i) =>
          i < crumbs.length - 1 ? (
            <li key={c.depth}>
              <button type="button" className="breadcrumb__link" onClick={() => closeBlock(c.depth)}>
                {c.label}
              </button>
            </li>
          ) : (
            <li key={c.depth} aria-current="page">
              {c.label}
            </li>
          ),
        )}
      </ol>
      <span className="breadcrumb__linked" title="Edits here change the block's definition, and so every instance of it">
        linked: {linked === 1 ? '1 instance' : `${linked} instances`}
      </span>
    </nav>
  );
}

/** The breadcrumb over the canvas; nothing at the top level. */
export const Breadcrumb = memo(BreadcrumbImpl);
