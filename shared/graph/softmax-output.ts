/**
 * Whether a network's output already goes through a softmax — its first output layer (the first
 * layer nothing reads), looking back through Dropout and into blocks, with every parameter as
 * inference resolves it (defaults filled in, block expressions evaluated). Training then
 * minimises the cross-entropy of those probabilities, else of logits. The one answer for the
 * tfjs engine, the generated train.py and the torch engine's saved model:
 * `endsInSoftmax(lenet5())` → true; `endsInSoftmax(buildTemplate('alexnet-tv')!)` → false.
 */
import { expandDocument } from '../blocks/expand';
import { inferGraph } from '../infer';
import type { NetwrightDocument } from './schema';

export function endsInSoftmax(original: NetwrightDocument): boolean {
  const doc = expandDocument(original);
  const hasOutgoing = new Set(doc.graph.edges.map((e) => e.source));
  const byId = new Map(doc.graph.nodes.map((n) => [n.id, n]));
  let node = doc.graph.nodes.find((n) => n.kind !== 'Input' && !hasOutgoing.has(n.id));
  while (node?.kind === 'Dropout') {
    const id: string | undefined = doc.graph.edges.find((e) => e.target === node!.id)?.source;
    node = id === undefined ? undefined : byId.get(id);
  }
  const params = node && inferGraph(doc.graph).nodes[node.id]?.params;
  if (!params) return false;
  return params.activation === 'softmax' || (node!.kind === 'Activation' && params.fn === 'softmax');
}
