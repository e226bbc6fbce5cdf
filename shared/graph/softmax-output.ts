/**
 * Whether a network's output already goes through a softmax — its first output layer (the first
 * layer nothing reads), looking back through Dropout and into blocks, with every parameter as
 * inference resolves it (defaults filled in, block expressions evaluated). Training then
 * minimises the cross-entropy of those probabilities, else of logits. The one answer for the
 * tfjs engine, the generated train.py and the torch engine's saved model:
 * `endsInSoftmax(lenet5())` → true; `endsInSoftmax(buildTemplate('alexnet-tv')!)` → false.
 *
 * The exported PyTorch leaves that softmax out, so `forward()` returns logits as torchvision's
 * models do and train.py trains them with CrossEntropyLoss (`softmaxLeftOut`); the Keras export
 * keeps it.
 */
import { expandDocument } from '../blocks/expand';
import { inferGraph } from '../infer';
import { isLayerKind } from '../layers/registry';
import type { Graph, GraphNode, NetwrightDocument } from './schema';

/** The graph's first output layer, looking back through Dropout. */
function outputLayer(graph: Graph): GraphNode | undefined {
  const hasOutgoing = new Set(graph.edges.map((e) => e.source));
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  let node = graph.nodes.find((n) => n.kind !== 'Input' && !hasOutgoing.has(n.id));
  while (node?.kind === 'Dropout') {
    const id: string | undefined = graph.edges.find((e) => e.target === node!.id)?.source;
    node = id === undefined ? undefined : byId.get(id);
  }
  return node;
}

const isSoftmax = (node: GraphNode, params: Record<string, unknown> | undefined) => !!params && (params.activation === 'softmax' || (node.kind === 'Activation' && params.fn === 'softmax'));

export function endsInSoftmax(original: NetwrightDocument): boolean {
  const doc = expandDocument(original);
  const node = outputLayer(doc.graph);
  return node !== undefined && isSoftmax(node, inferGraph(doc.graph).nodes[node.id]?.params);
}

/**
 * The layer of the document's own graph whose softmax the exported PyTorch leaves out: a Dense or
 * Conv2D with `activation: 'softmax'`, or a softmax Activation. Undefined when the network does
 * not end in a softmax, or when its softmax is inside a block (every instance would lose it); then
 * `forward()` returns what the network does. `softmaxLeftOut(lenet5())` → the id of its `output` layer.
 */
export function softmaxLeftOut(doc: NetwrightDocument): string | undefined {
  const node = outputLayer(doc.graph);
  if (node === undefined || !isLayerKind(node.kind)) return undefined;
  return isSoftmax(node, inferGraph(doc.graph, doc.blocks).nodes[node.id]?.params) ? node.id : undefined;
}

/** Whether the exported PyTorch model's `forward()` returns probabilities: it ends in a softmax inside a block. */
export function pytorchReturnsProbabilities(doc: NetwrightDocument): boolean {
  const node = outputLayer(doc.graph);
  // Only an output inside a block needs the expanded document.
  return node !== undefined && !isLayerKind(node.kind) && endsInSoftmax(doc);
}
