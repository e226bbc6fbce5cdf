/**
 * How big a node will be on the canvas, before it is drawn: its text measured in the canvas's
 * fonts (or estimated where there is no canvas to measure with), plus the node's padding. The
 * layout needs sizes before React Flow has measured anything, e.g. when a template opens.
 */
import type { Graph, NetwrightDocument } from '../../../shared/graph/schema';
import type { Inference } from '../../../shared/infer';
import { viewOf } from '../ui/nodeView';
import type { Size } from './elkGraph';

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';
/** Left border and padding plus right padding and border, as canvas.css draws a node. */
const CHROME_X = 4 + 11 + 10 + 1;
const LINE = { name: 15, main: 17 };
const CHROME_Y = 5 + 6 + 2;
const MIN_WIDTH = 120;
const MAX_WIDTH = 260;
/** A shape not known yet (inside a block, say) takes about this much room. */
const SOME_SHAPE = '00×00×000';

type Measure = (text: string, font: string) => number;

let measurer: Measure | undefined;

function measure(): Measure {
  if (measurer) return measurer;
  const ctx = typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
  measurer = ctx
    ? (text, font) => {
        ctx.font = font;
        return ctx.measureText(text).width;
      }
    : (text, font) => text.length * (font.startsWith('10.5px') ? 5.9 : 7.1);
  return measurer;
}

/**
 * A function giving each node's size: the measured one where React Flow has drawn the node,
 * else the estimate from the text `viewOf` gives it.
 */
export function nodeSizes(doc: Pick<NetwrightDocument, 'graph' | 'blocks'>, graph: Graph, inference: Inference, measured: Readonly<Record<string, Size>> = {}): (id: string) => Size {
  const m = measure();
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  return (id) => {
    const known = measured[id];
    if (known) return known;
    const node = byId.get(id);
    const view = viewOf(doc, graph, inference, id);
    const name = node?.label ?? id;
    const main = `${view.title} ${view.caption}`.trim();
    const lines = view.category === 'block' ? [main, `${view.inputs || SOME_SHAPE} → ${view.shape || SOME_SHAPE}`] : [`${main} → ${view.shape || SOME_SHAPE}`];
    const text = Math.max(m(name, `10.5px ${FONT}`), ...lines.map((l) => m(l, `600 12px ${FONT}`)));
    const width = Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, Math.ceil(text + CHROME_X + 2)));
    const errorLines = view.error ? Math.ceil((view.error.length * 6.2) / (width - CHROME_X)) : 0;
    const height = CHROME_Y + LINE.name + lines.length * LINE.main + (errorLines ? 4 + errorLines * 16 : 0);
    return { width, height };
  };
}
