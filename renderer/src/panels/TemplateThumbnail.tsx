/**
 * A template's graph in miniature: one small box per layer, coloured by category, and its
 * connections, drawn from the stored positions. A graph stored as one long row is folded into
 * rows (like text) so that it fits a card.
 */
import { memo } from 'react';
import type { TemplateCard } from '../../../shared/api';

/** Node box and the room between stored columns, in the stored coordinates. */
const BOX = { w: 170, h: 64 };
const COLUMN = 240;
const ROW_GAP = 110;
const CARD_ASPECT = 2.2;

interface Placed {
  x: number;
  y: number;
  category: string;
}

/** The nodes placed for the picture, and its size: long rows fold into several. */
export function foldRows(nodes: TemplateCard['preview']['nodes']): { placed: Placed[]; width: number; height: number } {
  if (nodes.length === 0) return { placed: [], width: 1, height: 1 };
  const minX = Math.min(...nodes.map((n) => n[0]));
  const minY = Math.min(...nodes.map((n) => n[1]));
  const span = Math.max(...nodes.map((n) => n[0])) - minX + COLUMN;
  const rowHeight = Math.max(...nodes.map((n) => n[1])) - minY + BOX.h + ROW_GAP;
  const rows = Math.max(1, Math.round(Math.sqrt(span / (CARD_ASPECT * rowHeight))));
  const rowWidth = Math.ceil(span / rows / COLUMN) * COLUMN;
  const placed = nodes.map(([x, y, category]) => {
    const row = Math.floor((x - minX) / rowWidth);
    return { x: x - minX - row * rowWidth, y: y - minY + row * rowHeight, category };
  });
  const width = Math.min(span, rowWidth) - (COLUMN - BOX.w);
  const height = Math.max(...placed.map((p) => p.y)) + BOX.h;
  return { placed, width, height };
}

function TemplateThumbnailImpl({ preview }: { preview: TemplateCard['preview'] }) {
  const { placed, width, height } = foldRows(preview.nodes);
  const pad = 40;
  return (
    <svg className="thumbnail" viewBox={`${-pad} ${-pad} ${width + 2 * pad} ${height + 2 * pad}`} preserveAspectRatio="xMidYMid meet" aria-hidden="true">
      {preview.edges.map(([a, b], i) => {
        const [s, t] = [placed[a], placed[b]];
        if (!s || !t) return null;
        // A connection that carries a folded row on to the next would only cross the picture.
        if (t.y !== s.y && t.x < s.x) return null;
        return (
          <line
            key={i}
            className="thumbnail__edge"
            x1={s.x + BOX.w}
            y1={s.y + BOX.h / 2}
            x2={t.x}
            y2={t.y + BOX.h / 2}
          />
        );
      })}
      {placed.map((p, i) => (
        <rect key={i} className={`thumbnail__node thumbnail__node--${p.category}`} x={p.x} y={p.y} width={BOX.w} height={BOX.h} rx={14} />
      ))}
    </svg>
  );
}

/** The picture on a template card. */
export const TemplateThumbnail = memo(TemplateThumbnailImpl);
