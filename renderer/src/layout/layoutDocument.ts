/**
 * Auto-layout of a whole document: its graph and every block definition, with ELK. A long graph
 * folds into rows that suit the view (rows.ts); definitions do not, so the branches of an
 * Inception or a residual block stay side by side.
 */
import { inferenceOf } from '../../../shared/document/inference';
import type { Graph, NetwrightDocument } from '../../../shared/graph/schema';
import { inferBlock, type Inference } from '../../../shared/infer';
import type { Params } from '../../../shared/layers/types';
import { boxesOf, positionsOf, toElkGraph, type Direction, type Size } from './elkGraph';
import { nodeSizes } from './nodeSize';
import { foldIntoRows, rowsFor } from './rows';
import { runElk } from './runElk';

export interface DocumentLayout {
  direction: Direction;
  /** The canvas, in screen pixels: a long left-to-right graph wraps into rows as wide as it. */
  view?: { width: number; height: number };
  /** Sizes React Flow measured, for the nodes of the graph on the canvas now. */
  measured?: { graph: Graph; sizes: Readonly<Record<string, Size>> };
}

/** Room between folded rows, for the edge that runs on to the next row and its label. */
const ROW_GAP = 56;

/** `await layoutDocument(doc, { direction: 'RIGHT', view: { width: 960, height: 560 } })` → the document with its nodes moved. */
export async function layoutDocument(doc: NetwrightDocument, settings: DocumentLayout): Promise<NetwrightDocument> {
  const { direction, view, measured } = settings;
  const sizesFor = (graph: Graph, inference: Inference) => nodeSizes(doc, graph, inference, measured?.graph === graph ? measured.sizes : {});
  const graphs = [doc.graph, ...doc.blocks.map((b) => b.graph)];
  const top = inferenceOf(doc);
  const inferences = [top, ...doc.blocks.map((b) => someInstance(doc, top, b.id) ?? inferBlock(b, b.params as Params, [], doc.blocks))];
  const elkGraphs = graphs.map((g, i) => toElkGraph(g, sizesFor(g, inferences[i]!), { direction }));
  const laidOut = await runElk(elkGraphs);
  const moved = laidOut.map((l, i) => {
    const wrap = i === 0 && view && direction === 'RIGHT';
    const rows = wrap ? rowsFor({ width: l.width ?? 0, height: l.height ?? 0 }, view, ROW_GAP) : 1;
    return moveGraph(graphs[i]!, rows > 1 ? foldIntoRows(boxesOf(l), rows, ROW_GAP) : positionsOf(l));
  });
  const blocks = doc.blocks.map((b, i) => (moved[i + 1] === b.graph ? b : { ...b, graph: moved[i + 1]! }));
  return { ...doc, graph: moved[0]!, blocks };
}

/** The inference inside the first instance of a block on the top level, which has real shapes. */
function someInstance(doc: NetwrightDocument, top: Inference, blockId: string): Inference | undefined {
  const kind = `block:${blockId}`;
  for (const n of doc.graph.nodes) if (n.kind === kind && top.nodes[n.id]?.inner) return top.nodes[n.id]!.inner;
  return undefined;
}

/** The graph with nodes at `positions`; the same graph when nothing moved. */
function moveGraph(graph: Graph, positions: ReadonlyMap<string, { x: number; y: number }>): Graph {
  let changed = false;
  const nodes = graph.nodes.map((n) => {
    const p = positions.get(n.id);
    if (!p || (p.x === n.position.x && p.y === n.position.y)) return n;
    changed = true;
    return { ...n, position: p };
  });
  return changed ? { ...graph, nodes } : graph;
}
