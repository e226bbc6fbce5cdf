/**
 * A figure of the network for a paper or a slide: boxes with each layer's kind, key parameters
 * and output shape, edges with the tensor they carry (skip connections included), an optional
 * legend; no UI chrome. Pure: the CLI rasterises it to PNG, the app downloads it.
 */
import { blockIdOf } from '../blocks/blocks';
import type { NetwrightDocument } from '../graph/schema';
import { inferGraph } from '../infer';
import { CATEGORIES } from '../layers/categories';
import { isLayerKind, layers } from '../layers/registry';
import { formatShape, type Category } from '../layers/types';

export interface FigureOptions {
  /** Only these nodes (and the edges between them); all when absent. */
  only?: ReadonlySet<string>;
  legend?: boolean;
}

const W = 176;
const H = 54;
const PAD = 24;

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** `toSvg(doc)` → an `<svg>` document string sized to the graph. */
export function toSvg(doc: NetwrightDocument, options: FigureOptions = {}): string {
  const inf = inferGraph(doc.graph, doc.blocks);
  const nodes = doc.graph.nodes.filter((n) => !options.only || options.only.has(n.id));
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const edges = doc.graph.edges.filter((e) => byId.has(e.source) && byId.has(e.target));
  if (nodes.length === 0) return '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>\n';
  const minX = Math.min(...nodes.map((n) => n.position.x)) - PAD;
  const minY = Math.min(...nodes.map((n) => n.position.y)) - PAD;
  const used = new Set<Category>();
  const x = (v: number) => Math.round(v - minX);
  const y = (v: number) => Math.round(v - minY);

  const boxes = nodes.map((n) => {
    const info = inf.nodes[n.id];
    const blockId = blockIdOf(n.kind);
    const def = isLayerKind(n.kind) ? layers[n.kind] : undefined;
    const category: Category = def?.category ?? 'block';
    used.add(category);
    const title = def?.title ?? doc.blocks.find((b) => b.id === blockId)?.name ?? n.kind;
    const caption = def && info?.params ? def.caption(info.params) : '';
    const shape = info?.shape ? formatShape(info.shape) : info?.error ? 'error' : '';
    const color = CATEGORIES[category].color;
    const [bx, by] = [x(n.position.x), y(n.position.y)];
    return [
      `  <g class="node">`,
      `    <rect x="${bx}" y="${by}" width="${W}" height="${H}" rx="6" fill="#ffffff" stroke="${info?.error ? '#d03b3b' : '#c5cad3'}"${blockId ? ' stroke-dasharray="4 2"' : ''}/>`,
      `    <rect x="${bx}" y="${by}" width="5" height="${H}" rx="2" fill="${color}"/>`,
      `    <text x="${bx + 14}" y="${by + 22}" class="title">${esc(title)}${caption ? ` <tspan class="caption">${esc(caption)}</tspan>` : ''}</text>`,
      `    <text x="${bx + 14}" y="${by + 42}" class="shape">${esc(n.label ?? '')}${n.label && shape ? ' · ' : ''}${esc(shape)}</text>`,
      `  </g>`,
    ].join('\n');
  });

  const wires = edges.map((e) => {
    const s = byId.get(e.source)!.position;
    const t = byId.get(e.target)!.position;
    const [x1, y1, x2, y2] = [x(s.x) + W, y(s.y) + H / 2, x(t.x), y(t.y) + H / 2];
    const dx = Math.max(40, Math.abs(x2 - x1) / 2);
    const shape = inf.edges[e.id];
    const label = shape ? `\n    <text x="${Math.round((x1 + x2) / 2)}" y="${Math.round((y1 + y2) / 2) - 6}" class="edge-label">${esc(formatShape(shape))}</text>` : '';
    return `  <g class="edge">\n    <path d="M${x1},${y1} C${x1 + dx},${y1} ${x2 - dx},${y2} ${x2},${y2}" fill="none" stroke="#8d96aa" stroke-width="1.5" marker-end="url(#arrow)"/>${label}\n  </g>`;
  });

  const width = x(Math.max(...nodes.map((n) => n.position.x))) + W + PAD;
  let height = y(Math.max(...nodes.map((n) => n.position.y))) + H + PAD;
  const legend: string[] = [];
  if (options.legend) {
    [...used].forEach((c, i) => {
      legend.push(`  <rect x="${PAD + i * 120}" y="${height}" width="10" height="10" fill="${CATEGORIES[c].color}"/>`, `  <text x="${PAD + i * 120 + 16}" y="${height + 9}" class="legend">${CATEGORIES[c].title}</text>`);
    });
    height += 28;
  }
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif">`,
    `  <title>${esc(doc.name)}</title>`,
    '  <defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#8d96aa"/></marker></defs>',
    '  <style>.title{font-size:13px;font-weight:600;fill:#1d2230}.caption{font-weight:400;fill:#4a5160}.shape{font-size:11px;fill:#4a5160}.edge-label{font-size:10px;fill:#6b7280;text-anchor:middle}.legend{font-size:11px;fill:#4a5160}</style>',
    `  <rect width="${width}" height="${height}" fill="#ffffff"/>`,
    ...wires,
    ...boxes,
    ...legend,
    '</svg>',
    '',
  ].join('\n');
}
