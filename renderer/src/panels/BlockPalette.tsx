/**
 * The palette's Blocks section: the built-in blocks (Inception, residual, SE, dense) and the
 * document's own. Dragging one onto the canvas adds an instance (and the definition, if the
 * document has none yet); double-click or Enter adds one in the middle.
 */
import { memo, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { builtinBlocks } from '../../../shared/blocks/library';
import { instanceCount, scopeBlock } from '../../../shared/document/scope';
import type { Block } from '../../../shared/graph/schema';
import type { Params } from '../../../shared/layers/types';
import { keyParams } from '../ui/blockCaption';
import { startBlockDrag } from '../ui/dnd';
import { useApp } from '../store/store';
import { useCentreSpot } from '../ui/useAddAtCentre';

const library = builtinBlocks();

/** The blocks to list: the document's definitions first where they replace a built-in one, then the rest. */
function listed(documentBlocks: readonly Block[]): Block[] {
  const own = new Map(documentBlocks.map((b) => [b.id, b]));
  return [...library.map((b) => own.get(b.id) ?? b), ...documentBlocks.filter((b) => !library.some((l) => l.id === b.id))];
}

function BlockPaletteImpl({ query }: { query: string }) {
  const definitions = useApp((s) => s.doc.blocks);
  const openBlock = useApp((s) => scopeBlock(s.doc, s.scope)?.id);
  const spot = useCentreSpot();
  const q = query.trim().toLowerCase();
  const blocks = useMemo(() => listed(definitions).filter((b) => b.id !== openBlock && (!q || `${b.name} block`.toLowerCase().includes(q))), [definitions, openBlock, q]);
  // The counts alone, compared one by one: an edit that adds or removes no instance redraws nothing here.
  const uses = useApp(useShallow((s) => blocks.map((b) => instanceCount(s.doc, b.id))));
  if (blocks.length === 0) return null;
  const add = (b: Block) => useApp.getState().addBlock(b, spot());
  return (
    <section className="palette__group" aria-label="Blocks">
      <h3>Blocks</h3>
      <ul>
        {blocks.map((b, i) => {
          const used = uses[i];
          return (
            <li key={b.id}>
              <button
                type="button"
                className="palette__item palette__item--block"
                draggable
                onDragStart={(e) => startBlockDrag(e, b.id)}
                onDoubleClick={() => add(b)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' || e.key === ' ') {
                    e.preventDefault();
                    add(b);
                  }
                }}
                aria-label={b.name}
                aria-describedby={`palette-block-${b.id}`}
                title="Drag onto the canvas, or double-click / press Enter to add an instance"
              >
                <span className="palette__title">{b.name}</span>
                <span className="palette__desc" id={`palette-block-${b.id}`}>
                  {keyParams(b, b.params as Params) || `${b.graph.nodes.length - 2} layers`}
                  {used ? ` · ${used} in use` : ''}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** The Blocks section; must sit inside a `ReactFlowProvider`. */
export const BlockPalette = memo(BlockPaletteImpl);
