/**
 * Which of a graph's errors the editor shows as errors. A layer that was just dropped and is
 * not wired up yet (an input of it has nothing connected, and nothing is connected to its
 * output) is only "not connected yet": drawn quietly, left out of the problems list and the
 * error counts. It is an error again once the rest of the graph depends on it (something reads
 * its output), and always when the network is trained or exported (`checkedInference` counts
 * every error). Pure: the rule is the renderer's view of shared/infer.ts's errors.
 */
import { blockIdOf, blockInputs } from '../../../shared/blocks/blocks';
import { inferenceOf, nodesById } from '../../../shared/document/inference';
import type { Block, Graph, GraphNode, NetwrightDocument } from '../../../shared/graph/schema';
import type { Inference, NodeError } from '../../../shared/infer';
import { inputCount, isLayerKind } from '../../../shared/layers/registry';
import { counted } from './format';
import { nodeName } from './nodeName';

export interface Problems {
  /** The errors shown as errors: every error of the inference less the pending ones. */
  errors: NodeError[];
  /** Layers not connected yet, whose missing input is not an error for now. */
  pending: ReadonlySet<string>;
}

/** How many inputs a node takes: a layer's from its kind and parameters, a block instance's from its definition. */
function inputsOf(node: GraphNode, blocks: readonly Block[]): number {
  if (isLayerKind(node.kind)) return inputCount(node.kind, node.params);
  const id = blockIdOf(node.kind);
  const block = id === undefined ? undefined : blocks.find((b) => b.id === id);
  return block ? blockInputs(block) : 1;
}

/**
 * Whether the node's error is only that it is not wired up yet: some input has nothing
 * connected (and none has two), and no layer reads its output.
 */
export function awaitsConnection(node: GraphNode, error: NodeError, graph: Graph, inputs: number): boolean {
  if (error.kind !== 'unconnected' || node.kind === 'BlockInput' || inputs === 0) return false;
  const feeding = new Map<number, number>();
  for (const e of graph.edges) {
    if (e.source === node.id) return false; // the rest of the graph depends on it
    if (e.target === node.id) feeding.set(e.targetPort, (feeding.get(e.targetPort) ?? 0) + 1);
  }
  if ([...feeding.values()].some((n) => n > 1)) return false;
  for (let port = 0; port < inputs; port++) if (!feeding.has(port)) return true;
  return false;
}

const cache = new WeakMap<Inference, { edges: Graph['edges']; nodes: Graph['nodes']; problems: Problems }>();

/**
 * The problems of `graph` (the document's, or a block definition's) as the editor shows them,
 * computed once per inference and graph: `problemsOf(doc.blocks, doc.graph, inferenceOf(doc)).errors`.
 */
export function problemsOf(blocks: readonly Block[], graph: Graph, inference: Inference): Problems {
  const hit = cache.get(inference);
  if (hit && hit.edges === graph.edges && hit.nodes === graph.nodes) return hit.problems;
  const byId = nodesById(graph.nodes);
  const pending = new Set<string>();
  for (const error of inference.errors) {
    const node = byId.get(error.nodeId);
    if (node && awaitsConnection(node, error, graph, inputsOf(node, blocks))) pending.add(error.nodeId);
  }
  const problems: Problems = { errors: pending.size ? inference.errors.filter((e) => !pending.has(e.nodeId)) : inference.errors, pending };
  cache.set(inference, { edges: graph.edges, nodes: graph.nodes, problems });
  return problems;
}

/**
 * Why the document cannot be trained now, or undefined when it can: it has no Input, or it has
 * errors (those of layers not connected yet included: a run needs every layer wired).
 * `trainBlocker(doc)` → "Fix 1 problem first. Dense dense-1: Dense expects a flat vector …".
 */
export function trainBlocker(doc: Pick<NetwrightDocument, 'graph' | 'blocks'>): string | undefined {
  if (!doc.graph.nodes.some((n) => n.kind === 'Input')) return 'Add an Input layer first: training feeds the data in through it.';
  const { errors } = inferenceOf(doc);
  if (errors.length === 0) return undefined;
  const first = errors[0]!;
  const node = nodesById(doc.graph.nodes).get(first.nodeId);
  return `Fix ${counted(errors.length, 'problem')} first. ${node ? nodeName(node, doc.blocks) : first.nodeId}: ${first.message}`;
}
