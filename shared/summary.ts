/** The torchinfo-style summary of a document, as the CLI and the API report it. */
import type { Summary } from './api';
import type { NetwrightDocument } from './graph/schema';
import { inferGraph } from './infer';

/** `summarize(lenet5()).totals.params` → 61706. */
export function summarize(doc: NetwrightDocument): Summary {
  const inf = inferGraph(doc.graph, doc.blocks);
  const byId = new Map(doc.graph.nodes.map((n) => [n.id, n]));
  const name = (id: string) => byId.get(id)?.label ?? id;
  return {
    layers: inf.order.map((id) => {
      const info = inf.nodes[id]!;
      return { id, name: name(id), kind: byId.get(id)!.kind, outputShape: info.shape ? [...info.shape] : null, params: info.paramCount };
    }),
    totals: { params: inf.totals.params },
    errors: inf.errors.map((e) => ({ node: name(e.nodeId), message: e.message })),
  };
}
