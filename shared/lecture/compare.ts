/**
 * The lecture's figures beside Netwright's, for the document open: each line of
 * shared/lecture/figures.ts with Netwright's figure computed from the graph's inference, so the
 * summary panel and `netwright summary --lecture` show the same table.
 */
import type { NetwrightDocument } from '../graph/schema';
import { inferGraph, type Inference } from '../infer';
import { formatShape } from '../layers/types';
import { buildTemplate } from '../templates/index';
import { LECTURE_FIGURES, type LectureFigure } from './figures';

export interface LectureLine extends LectureFigure {
  /** Netwright's figure for the same layers; null where a layer has no shape (an error). */
  netwright: number | readonly number[] | null;
  /** Netwright's figure as the table shows it: "15,237,608 (58.1 MiB)". */
  text: string;
  /** Whether the two agree, to the slide's rounding. */
  agrees: boolean;
  /** The layers to select for this line: the figure's, or every layer for a whole-network figure. */
  nodes: readonly string[];
}

const names = new Map<string, string>();
/** The name a template's document has, built once: `templateName('vgg16')` → "VGG16". */
function templateName(id: string): string | undefined {
  if (!names.has(id)) names.set(id, buildTemplate(id)?.name ?? '');
  return names.get(id) || undefined;
}

/**
 * The template whose lecture figures fit `doc`: one with the template's name that still has every
 * layer the figures count. `lectureTemplate(vgg16())` → "vgg16"; undefined for other documents.
 */
export function lectureTemplate(doc: NetwrightDocument): string | undefined {
  const ids = new Set(doc.graph.nodes.map((n) => n.id));
  return Object.keys(LECTURE_FIGURES).find((id) => templateName(id) === doc.name && LECTURE_FIGURES[id]!.every((f) => (f.nodes ?? []).every((n) => ids.has(n))));
}

const count = (x: number) => x.toLocaleString('en-US');

function measure(f: LectureFigure, inf: Inference): number | readonly number[] | null {
  if (f.quantity === 'shape') return inf.nodes[f.nodes![0]!]?.shape ?? null;
  if (!f.nodes) return inf.totals[f.quantity === 'params' ? 'params' : f.quantity];
  const key = f.quantity === 'params' ? 'paramCount' : f.quantity;
  let sum = 0;
  for (const id of f.nodes) {
    const info = inf.nodes[id];
    if (!info?.shape) return null;
    sum += info[key];
  }
  return sum;
}

function agree(f: LectureFigure, netwright: number | readonly number[] | null): boolean {
  if (typeof netwright === 'number' && typeof f.value === 'number') {
    const r = f.rounding ?? 1;
    return Math.round(netwright / r) === Math.round(f.value / r);
  }
  return netwright !== null && typeof netwright !== 'number' && typeof f.value !== 'number' && formatShape(netwright) === formatShape(f.value);
}

function show(f: LectureFigure, netwright: number | readonly number[] | null): string {
  if (netwright === null) return '—';
  if (typeof netwright !== 'number') return formatShape(netwright);
  return f.quantity === 'activations' ? `${count(netwright)} (${((netwright * 4) / 2 ** 20).toFixed(1)} MiB)` : count(netwright);
}

/**
 * The lecture's figures for `doc` with Netwright's beside them, or [] when the lecture does not
 * discuss it: `lectureLines(vgg16()).find((l) => l.what === 'TOTAL memory')!.netwright` → 15237608.
 */
export function lectureLines(doc: NetwrightDocument, inf: Inference = inferGraph(doc.graph, doc.blocks)): LectureLine[] {
  const id = lectureTemplate(doc);
  if (id === undefined) return [];
  const every = doc.graph.nodes.map((n) => n.id);
  return LECTURE_FIGURES[id]!.map((f) => {
    const netwright = measure(f, inf);
    return { ...f, netwright, text: show(f, netwright), agrees: agree(f, netwright), nodes: f.nodes ?? every };
  });
}
