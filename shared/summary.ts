/** The torchinfo-style summary of a document, as the summary panel, the CLI and the API report it. */
import type { Summary } from './api';
import { blockIdOf } from './blocks/blocks';
import type { NetwrightDocument } from './graph/schema';
import { inferGraph, type Inference } from './infer';

/**
 * `summarize(lenet5()).totals.params` → 61706. Pass the document's inference when there is one
 * already (the editor keeps one per graph), so it is not run twice.
 */
export function summarize(doc: NetwrightDocument, inf: Inference = inferGraph(doc.graph, doc.blocks)): Summary {
  const byId = new Map(doc.graph.nodes.map((n) => [n.id, n]));
  const name = (id: string) => byId.get(id)?.label ?? id;
  const shape = (s: readonly number[] | undefined) => (s ? [...s] : null);
  return {
    layers: inf.order.map((id) => {
      const info = inf.nodes[id]!;
      return {
        id,
        name: name(id),
        kind: byId.get(id)!.kind,
        outputShape: shape(info.shape),
        params: info.paramCount,
        nonTrainable: info.nonTrainable,
        macs: info.macs,
        activations: info.activations,
        receptiveField: info.receptiveField ? { ...info.receptiveField } : null,
      };
    }),
    totals: { ...inf.totals },
    blocks: inf.order.flatMap((id) => {
      const blockId = blockIdOf(byId.get(id)!.kind);
      const info = inf.nodes[id]!;
      if (blockId === undefined) return [];
      const block = doc.blocks.find((b) => b.id === blockId);
      const layers = info.inner ? Object.keys(info.inner.nodes).length : 0;
      return [{ id, name: name(id), block: block?.name ?? blockId, outputShape: shape(info.shape), params: info.paramCount, macs: info.macs, layers }];
    }),
    errors: inf.errors.map((e) => ({ node: name(e.nodeId), message: e.message })),
  };
}
