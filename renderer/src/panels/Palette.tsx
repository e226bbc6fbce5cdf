/**
 * The layer palette: every kind in the registry, grouped by category, with a search box.
 * Drag a layer onto the canvas, or double-click it / press Enter to add it in the middle.
 */
import { memo, useMemo, useState } from 'react';
import { layerKinds, layers, type LayerKind } from '../../../shared/layers/registry';
import { CATEGORIES } from '../../../shared/layers/categories';
import type { Category } from '../../../shared/layers/types';
import { startLayerDrag } from '../ui/dnd';
import { usePanels } from '../store/panels';
import { useApp } from '../store/store';
import { useAddAtCentre } from '../ui/useAddAtCentre';
import { BlockPalette } from './BlockPalette';

/** A group's heading: the category's title, except that the palette's "block" group holds a block's input and output, not blocks. */
const groupTitle = (category: Category) => (category === 'block' ? 'Block I/O' : CATEGORIES[category].title);

/** Block inputs and outputs only mean something inside a block definition, not on the main canvas. */
const hidden = new Set<Category>(['block']);

/** Kinds grouped by category, in registry order, keeping those that match `query`; block I/O only inside a block. */
export function groupKinds(query: string, insideBlock = false): [Category, LayerKind[]][] {
  const q = query.trim().toLowerCase();
  const groups = new Map<Category, LayerKind[]>();
  for (const kind of layerKinds) {
    const def = layers[kind];
    if (hidden.has(def.category) && !insideBlock) continue;
    if (q && !`${def.title} ${def.description} ${def.category}`.toLowerCase().includes(q)) continue;
    const list = groups.get(def.category) ?? [];
    list.push(kind);
    groups.set(def.category, list);
  }
  return [...groups];
}

function PaletteImpl() {
  const [query, setQuery] = useState('');
  const insideBlock = useApp((s) => s.scope.length > 0);
  const groups = useMemo(() => groupKinds(query, insideBlock), [query, insideBlock]);
  const add = useAddAtCentre();
  return (
    <aside className="palette" id="palette" aria-label="Layers">
      <div className="panel-head">
        <h2 className="panel-title">Layers</h2>
        <button type="button" className="panel-head__hide" aria-label="Hide the layers panel" title="Hide the layers panel" onClick={() => usePanels.getState().setCollapsed('palette', true)}>
          «
        </button>
      </div>
      <input className="palette__search" type="search" placeholder="Search layers" aria-label="Search layers" value={query} onChange={(e) => setQuery(e.target.value)} />
      {groups.map(([category, kinds]) => (
        <section key={category} className="palette__group" aria-label={groupTitle(category)}>
          <h3>{groupTitle(category)}</h3>
          <ul>
            {kinds.map((kind) => (
              <li key={kind}>
                <button
                  type="button"
                  className={`palette__item palette__item--${layers[kind].category}`}
                  draggable
                  onDragStart={(e) => startLayerDrag(e, kind)}
                  onDoubleClick={() => add(kind)}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter' || e.key === ' ') {
                      e.preventDefault();
                      add(kind);
                    }
                  }}
                  aria-label={layers[kind].title}
                  aria-describedby={`palette-desc-${kind}`}
                  title="Drag onto the canvas, or double-click / press Enter to add"
                >
                  <span className="palette__title">{layers[kind].title}</span>
                  <span className="palette__desc" id={`palette-desc-${kind}`}>
                    {layers[kind].description.replace(/`/g, '')}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      ))}
      <BlockPalette query={query} />
      {groups.length === 0 ? <p className="palette__empty">No layer matches “{query}”.</p> : null}
    </aside>
  );
}

/** The palette panel; must sit inside a `ReactFlowProvider`. */
export const Palette = memo(PaletteImpl);
