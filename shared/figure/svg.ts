/**
 * A figure of the network for a paper or a slide: boxes with each layer's kind, key parameters
 * and output shape, edges with the tensor they carry (skip connections included), an optional
 * legend; no UI chrome. Laid out in rows (left to right, wrapping like text) or in one column (top
 * to bottom, as Netron draws), whatever the canvas looks like. Every coordinate lies inside the
 * picture and every line of text fits its box (text.ts estimates widths, boxes are sized from
 * them and text too long even for the widest box is shortened with '…'). Pure: the CLI
 * rasterises it to PNG, the app downloads it.
 */
import { blockIdOf } from '../blocks/blocks';
import type { NetwrightDocument } from '../graph/schema';
import { inferGraph } from '../infer';
import { CATEGORIES } from '../layers/categories';
import { isLayerKind, layers } from '../layers/registry';
import { formatShape, type Category } from '../layers/types';
import { PAD, placeColumn, placeRows, type Point } from './place';
import { rankGraph, type Chain } from './rank';
import { fitText, textWidth } from './text';

export const FIGURE_LAYOUTS = ['rows', 'column'] as const;
/** `rows`: left to right, wrapping onto the next row; `column`: top to bottom, shapes beside the edges. */
export type FigureLayout = (typeof FIGURE_LAYOUTS)[number];
export const isFigureLayout = (value: unknown): value is FigureLayout => FIGURE_LAYOUTS.includes(value as FigureLayout);

export interface FigureOptions {
  /** Only these nodes (and the edges between them); all when absent. */
  only?: ReadonlySet<string>;
  legend?: boolean;
  /** 'rows' when absent. */
  layout?: FigureLayout;
}

/** Each text class of the figure: font size in pixels and whether bold; STYLE below says the same. */
export const FIGURE_FONTS = {
  title: { size: 13, bold: true },
  caption: { size: 13, bold: false },
  shape: { size: 11, bold: false },
  'edge-label': { size: 10, bold: false },
  legend: { size: 11, bold: false },
} as const;
const STYLE =
  '.title{font-size:13px;font-weight:600;fill:#1d2230}.caption{font-weight:400;fill:#4a5160}.shape{font-size:11px;fill:#4a5160}' +
  '.edge-label{font-size:10px;fill:#6b7280;paint-order:stroke;stroke:#ffffff;stroke-width:3px;stroke-linejoin:round}.legend{font-size:11px;fill:#4a5160}';

/** Box height; least and most box width; where text starts in a box and the room kept after it. */
const H = 54;
const MIN_W = 176;
const MAX_W = 320;
const TEXT_X = 14;
const TEXT_END = 10;
const CORNER = 4;

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const width = (text: string, font: keyof typeof FIGURE_FONTS) => textWidth(text, FIGURE_FONTS[font].size, FIGURE_FONTS[font].bold);
const fit = (text: string, font: keyof typeof FIGURE_FONTS, max: number) => fitText(text, FIGURE_FONTS[font].size, FIGURE_FONTS[font].bold, max);

/** The title line (the kind in bold, then its parameters) shortened to `room` pixels. */
function fitTitle(title: string, caption: string, room: number): [string, string] {
  const bold = width(`${title} `, 'title');
  if (bold + width(caption, 'caption') <= room) return [title, caption];
  if (width(title, 'title') > room) return [fit(title, 'title', room), ''];
  return [title, fit(caption, 'caption', room - bold)];
}

/** An orthogonal polyline as path data, its corners slightly rounded. */
function pathData(points: readonly Point[]): string {
  const p: Point[] = [];
  for (const q of points) {
    const last = p[p.length - 1];
    if (last && last[0] === q[0] && last[1] === q[1]) continue;
    const before = p[p.length - 2];
    if (before && last && ((before[0] === last[0] && last[0] === q[0]) || (before[1] === last[1] && last[1] === q[1]))) p.pop();
    p.push(q);
  }
  const n = (v: number) => String(Math.round(v * 10) / 10);
  const at = (q: Point) => `${n(q[0])},${n(q[1])}`;
  const toward = (from: Point, to: Point, d: number): Point => {
    const len = Math.hypot(to[0] - from[0], to[1] - from[1]);
    return [from[0] + ((to[0] - from[0]) * d) / len, from[1] + ((to[1] - from[1]) * d) / len];
  };
  let d = `M${at(p[0]!)}`;
  for (let i = 1; i + 1 < p.length; i++) {
    const [a, c, b] = [p[i - 1]!, p[i]!, p[i + 1]!];
    const r = Math.min(CORNER, Math.hypot(c[0] - a[0], c[1] - a[1]) / 2, Math.hypot(b[0] - c[0], b[1] - c[1]) / 2);
    d += ` L${at(toward(c, a, r))} Q${at(c)} ${at(toward(c, b, r))}`;
  }
  return `${d} L${at(p[p.length - 1]!)}`;
}

/** `toSvg(doc)` → an `<svg>` document string sized to the graph; `{ layout: 'column' }` for one column. */
export function toSvg(doc: NetwrightDocument, options: FigureOptions = {}): string {
  const inf = inferGraph(doc.graph, doc.blocks);
  const nodes = doc.graph.nodes.filter((n) => !options.only || options.only.has(n.id));
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const edges = doc.graph.edges.filter((e) => byId.has(e.source) && byId.has(e.target));
  if (nodes.length === 0) return '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>\n';
  const used = new Set<Category>();
  const blockNames = new Map(doc.blocks.map((b) => [b.id, b.name]));

  const contents = nodes.map((n) => {
    const info = inf.nodes[n.id];
    const blockId = blockIdOf(n.kind);
    const def = isLayerKind(n.kind) ? layers[n.kind] : undefined;
    const category: Category = def?.category ?? 'block';
    used.add(category);
    const title = def?.title ?? (blockId !== undefined ? blockNames.get(blockId) : undefined) ?? n.kind;
    const caption = def && info?.params ? def.caption(info.params) : '';
    const shape = info?.shape ? formatShape(info.shape) : info?.error ? 'error' : '';
    const line = `${n.label ?? ''}${n.label && shape ? ' · ' : ''}${shape}`;
    return { node: n, category, title, caption, line, error: !!info?.error, block: !!blockId };
  });
  const need = Math.max(...contents.map((c) => Math.max((c.caption ? width(`${c.title} `, 'title') + width(c.caption, 'caption') : width(c.title, 'title')), width(c.line, 'shape'))));
  const W = Math.min(MAX_W, Math.max(MIN_W, Math.ceil(need) + TEXT_X + TEXT_END));
  const room = W - TEXT_X - TEXT_END;

  // One label per layer's output: on the first edge that carries it.
  const ranked = rankGraph(nodes, edges);
  const labels = new Map<Chain, string>();
  const labelled = new Set<string>();
  for (const chain of ranked.chains) {
    const shape = inf.edges[chain.edge.id];
    if (chain.reversed || !shape || labelled.has(chain.edge.source)) continue;
    labelled.add(chain.edge.source);
    labels.set(chain, formatShape(shape));
  }
  const sizes = { W, H, labels, labelWidth: (text: string) => width(text, 'edge-label') };
  const placed = options.layout === 'column' ? placeColumn(ranked, sizes) : placeRows(ranked, sizes);

  const boxes = contents.map((c) => {
    const [bx, by] = placed.boxes.get(c.node.id)!;
    const [title, caption] = fitTitle(c.title, c.caption, room);
    const line = fit(c.line, 'shape', room);
    return [
      `  <g class="node">`,
      `    <rect x="${bx}" y="${by}" width="${W}" height="${H}" rx="6" fill="#ffffff" stroke="${c.error ? '#d03b3b' : '#c5cad3'}"${c.block ? ' stroke-dasharray="4 2"' : ''}/>`,
      `    <rect x="${bx}" y="${by}" width="5" height="${H}" rx="2" fill="${CATEGORIES[c.category].color}"/>`,
      `    <text x="${bx + TEXT_X}" y="${by + 22}" class="title">${esc(title)}${caption ? ` <tspan class="caption">${esc(caption)}</tspan>` : ''}</text>`,
      `    <text x="${bx + TEXT_X}" y="${by + 42}" class="shape">${esc(line)}</text>`,
      `  </g>`,
    ].join('\n');
  });
  const wires = placed.paths.map(
    ({ chain, points }) =>
      `  <g class="edge">\n    <path d="${pathData(points)}" fill="none" stroke="#8d96aa" stroke-width="1.5" ${chain.reversed ? 'marker-start' : 'marker-end'}="url(#arrow)"/>\n  </g>`,
  );
  const edgeLabels = placed.labels.map((l) => `    <text x="${l.x}" y="${l.y}" text-anchor="${l.anchor}" class="edge-label">${esc(l.text)}</text>`);

  let { width: figureWidth, height } = placed;
  const legend: string[] = [];
  if (options.legend) {
    let [lx, ly] = [PAD, height];
    for (const c of used) {
      const title = CATEGORIES[c].title;
      const item = 16 + Math.ceil(width(title, 'legend'));
      if (lx > PAD && lx + item > figureWidth - PAD) [lx, ly] = [PAD, ly + 20];
      legend.push(`  <rect x="${lx}" y="${ly}" width="10" height="10" fill="${CATEGORIES[c].color}"/>`, `  <text x="${lx + 16}" y="${ly + 9}" class="legend">${esc(title)}</text>`);
      figureWidth = Math.max(figureWidth, lx + item + PAD);
      lx += item + 24;
    }
    height = ly + 28;
  }
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${figureWidth}" height="${height}" viewBox="0 0 ${figureWidth} ${height}" font-family="Helvetica, Arial, sans-serif">`,
    `  <title>${esc(doc.name)}</title>`,
    '  <defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#8d96aa"/></marker></defs>',
    `  <style>${STYLE}</style>`,
    `  <rect width="${figureWidth}" height="${height}" fill="#ffffff"/>`,
    ...wires,
    ...(edgeLabels.length > 0 ? ['  <g class="edge-labels">', ...edgeLabels, '  </g>'] : []),
    ...boxes,
    ...legend,
    '</svg>',
    '',
  ].join('\n');
}
