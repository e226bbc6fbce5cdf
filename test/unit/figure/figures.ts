/**
 * What the figure tests draw and how they read it back: every template and a few branched graphs
 * (block definitions' insides, a skip over a row's end, two inputs, long labels), and a small
 * parser for the SVG the figure writes: its boxes, its texts with their estimated extents, every
 * coordinate of every path. Used by test/unit/figure/svg.test.ts and test/e2e/figure.test.ts.
 */
import { GraphBuilder } from '../../../shared/blocks/builder';
import { FIGURE_FONTS } from '../../../shared/figure/svg';
import { textWidth } from '../../../shared/figure/text';
import type { NetwrightDocument } from '../../../shared/graph/schema';
import { documentOf } from '../../../shared/templates/build';
import { buildTemplate, templateIds } from '../../../shared/templates/index';

/** Every template, then branched graphs: `[name, document]`. */
export function figureDocuments(): [string, NetwrightDocument][] {
  const out: [string, NetwrightDocument][] = templateIds.map((id) => [id, buildTemplate(id)!]);
  for (const id of ['googlenet', 'resnet18', 'densenet121', 'se-resnet50']) {
    const doc = buildTemplate(id)!;
    for (const b of doc.blocks) out.push([`${id}/${b.id}`, { ...doc, name: b.name, graph: b.graph }]);
  }
  out.push(['handmade', handmade()]);
  return out;
}

/** A skip that wraps onto the next row, a second input, merges of three, labels too long for any box. */
export function handmade(): NetwrightDocument {
  const g = new GraphBuilder();
  const x = g.add('Input', { height: 32, width: 32, channels: 3 }, [], 'image');
  let y = g.add('Conv2D', { filters: 16, kernel: 3, padding: 'same' }, x, 'stem');
  const skip = y;
  for (let i = 0; i < 8; i++) y = g.add('Conv2D', { filters: 16, kernel: 3, padding: 'same' }, y, `conv ${i} with a label much too long for any box in the figure`);
  const side = g.add('Input', { height: 32, width: 32, channels: 16 }, [], 'side input');
  const sum = g.add('Add', {}, [y, skip, side], 'sum');
  const cat = g.add('Concatenate', {}, [sum, skip, y], 'cat');
  g.add('Flatten', {}, cat);
  return documentOf('Handmade', undefined, g);
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Text {
  x: number;
  y: number;
  anchor: string;
  cls: string;
  /** Runs of text with their font classes (a title's caption is a run of its own). */
  runs: { text: string; cls: string }[];
  /** Estimated with the figure's estimator. */
  width: number;
}

export interface ParsedSvg {
  viewBox: Rect;
  /** Each node's box with its texts. */
  nodes: { box: Rect; texts: Text[] }[];
  edgeLabels: Text[];
  legend: Text[];
  /** Each path's points (every coordinate given, control points included), after M, L, Q… */
  paths: { d: string; points: [number, number][]; ends: [number, number][] }[];
  /** Every rect, text and path coordinate of the file: `[x, y]`. */
  coordinates: [number, number][];
}

const attr = (tag: string, name: string) => tag.match(new RegExp(`\\s${name}="([^"]*)"`))?.[1];
const num = (tag: string, name: string) => Number(attr(tag, name) ?? 0);
const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');

function parseText(element: string): Text {
  const open = element.match(/^<text[^>]*>/)![0];
  const cls = attr(open, 'class') ?? '';
  const inner = element.slice(open.length, -'</text>'.length);
  const runs: Text['runs'] = [];
  for (const m of inner.matchAll(/<tspan[^>]*class="([^"]*)"[^>]*>([^<]*)<\/tspan>|([^<]+)/g)) runs.push(m[3] !== undefined ? { text: unescape(m[3]), cls } : { text: unescape(m[2]!), cls: m[1]! });
  const width = runs.reduce((sum, r) => {
    const font = FIGURE_FONTS[r.cls as keyof typeof FIGURE_FONTS];
    if (!font) throw new Error(`unknown text class ${r.cls}`);
    return sum + textWidth(r.text, font.size, font.bold);
  }, 0);
  return { x: num(open, 'x'), y: num(open, 'y'), anchor: attr(open, 'text-anchor') ?? 'start', cls, runs, width };
}

/** A text's estimated extent: its advance box, from a little above the cap height to the descenders. */
export function textBox(t: Text): Rect {
  const size = Math.max(...t.runs.map((r) => FIGURE_FONTS[r.cls as keyof typeof FIGURE_FONTS].size));
  const left = t.anchor === 'middle' ? t.x - t.width / 2 : t.anchor === 'end' ? t.x - t.width : t.x;
  return { x: left, y: t.y - size, width: t.width, height: size * 1.25 };
}

/** All numbers of a path's data, as points: every command's coordinates, made absolute. */
function pathPoints(d: string): { points: [number, number][]; ends: [number, number][] } {
  const points: [number, number][] = [];
  const ends: [number, number][] = [];
  let [cx, cy] = [0, 0];
  let [sx, sy] = [0, 0];
  for (const [, command, args] of d.matchAll(/([MmLlHhVvCcSsQqTtAaZz])([^MmLlHhVvCcSsQqTtAaZz]*)/g)) {
    const n = (args!.match(/-?\d*\.?\d+(?:e-?\d+)?/g) ?? []).map(Number);
    const rel = command === command!.toLowerCase();
    const up = command!.toUpperCase();
    const size = { M: 2, L: 2, T: 2, H: 1, V: 1, C: 6, S: 4, Q: 4, A: 7, Z: 0 }[up]!;
    if (up === 'Z') {
      [cx, cy] = [sx, sy];
      ends.push([cx, cy]);
      continue;
    }
    for (let i = 0; i < n.length; i += size) {
      const a = n.slice(i, i + size);
      if (up === 'H') cx = rel ? cx + a[0]! : a[0]!;
      else if (up === 'V') cy = rel ? cy + a[0]! : a[0]!;
      else if (up === 'A') [cx, cy] = rel ? [cx + a[5]!, cy + a[6]!] : [a[5]!, a[6]!];
      else {
        for (let j = 0; j + 2 < size; j += 2) points.push(rel ? [cx + a[j]!, cy + a[j + 1]!] : [a[j]!, a[j + 1]!]);
        [cx, cy] = rel ? [cx + a[size - 2]!, cy + a[size - 1]!] : [a[size - 2]!, a[size - 1]!];
      }
      points.push([cx, cy]);
      ends.push([cx, cy]);
      if (up === 'M' && i === 0) [sx, sy] = [cx, cy];
    }
  }
  return { points, ends };
}

/** Read back a figure: `parseSvg(toSvg(doc))`. */
export function parseSvg(svg: string): ParsedSvg {
  const [vx, vy, vw, vh] = attr(svg.match(/^<svg[^>]*>/)![0], 'viewBox')!.split(' ').map(Number) as [number, number, number, number];
  const body = svg.replace(/<defs>.*?<\/defs>/s, '');
  const coordinates: [number, number][] = [];
  const rectOf = (tag: string): Rect => {
    const r = { x: num(tag, 'x'), y: num(tag, 'y'), width: num(tag, 'width'), height: num(tag, 'height') };
    coordinates.push([r.x, r.y], [r.x + r.width, r.y + r.height]);
    return r;
  };
  const nodes = [...body.matchAll(/<g class="node">(.*?)<\/g>/gs)].map(([, inner]) => ({
    box: rectOf(inner!.match(/<rect[^>]*>/)![0]),
    texts: [...inner!.matchAll(/<text[^>]*>.*?<\/text>/g)].map(([t]) => parseText(t)),
  }));
  for (const [tag] of body.matchAll(/<rect[^>]*>/g)) rectOf(tag);
  const texts = [...body.matchAll(/<text[^>]*>.*?<\/text>/g)].map(([t]) => parseText(t));
  for (const t of texts) coordinates.push([t.x, t.y]);
  const paths = [...body.matchAll(/<path[^>]*\sd="([^"]*)"/g)].map(([, d]) => ({ d: d!, ...pathPoints(d!) }));
  for (const p of paths) coordinates.push(...p.points);
  return {
    viewBox: { x: vx, y: vy, width: vw, height: vh },
    nodes,
    edgeLabels: texts.filter((t) => t.cls === 'edge-label'),
    legend: texts.filter((t) => t.cls === 'legend'),
    paths,
    coordinates,
  };
}

export const inside = (r: Rect, [x, y]: readonly [number, number]) => x >= r.x && x <= r.x + r.width && y >= r.y && y <= r.y + r.height;
export const contains = (outer: Rect, r: Rect) => inside(outer, [r.x, r.y]) && inside(outer, [r.x + r.width, r.y + r.height]);
export const overlaps = (a: Rect, b: Rect) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Whether the segment a–b passes through the inside of r (touching its border is not). */
export function crosses(r: Rect, a: readonly [number, number], b: readonly [number, number]): boolean {
  const [x0, x1, y0, y1] = [r.x + 0.5, r.x + r.width - 0.5, r.y + 0.5, r.y + r.height - 0.5];
  let [t0, t1] = [0, 1];
  const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
  for (const [p, q] of [
    [-dx, a[0] - x0],
    [dx, x1 - a[0]],
    [-dy, a[1] - y0],
    [dy, y1 - a[1]],
  ] as const) {
    if (p === 0) {
      if (q < 0) return false;
    } else if (p < 0) t0 = Math.max(t0, q / p);
    else t1 = Math.min(t1, q / p);
  }
  return t0 < t1;
}
