/**
 * The template gallery's cards: each template's numbers (parameters, multiply-adds, input size,
 * year, top-5 error) and a tiny picture of its graph, computed once from the stored files.
 */
import type { TemplateCard } from '../shared/api';
import type { NetwrightDocument } from '../shared/graph/schema';
import { inferGraph } from '../shared/infer';
import { isLayerKind, layers } from '../shared/layers/registry';
import type { TemplateInfo } from '../shared/templates/index';

/** The card of one template: `templateCard(info, await readTemplate(info.id))`. */
export function templateCard(info: Pick<TemplateInfo, 'id' | 'year' | 'top5'>, doc: NetwrightDocument): TemplateCard {
  const { totals } = inferGraph(doc.graph, doc.blocks);
  const input = doc.graph.nodes.find((n) => n.kind === 'Input');
  const index = new Map(doc.graph.nodes.map((n, i) => [n.id, i]));
  return {
    id: info.id,
    name: doc.name,
    description: doc.description ?? '',
    params: totals.params,
    macs: totals.macs,
    input: input ? [Number(input.params.height), Number(input.params.width), Number(input.params.channels)] : null,
    layers: doc.graph.nodes.length,
    year: info.year,
    top5: info.top5 ?? null,
    preview: {
      nodes: doc.graph.nodes.map((n) => [n.position.x, n.position.y, isLayerKind(n.kind) ? layers[n.kind].category : 'block']),
      edges: doc.graph.edges.flatMap((e): [number, number][] => {
        const [a, b] = [index.get(e.source), index.get(e.target)];
        return a === undefined || b === undefined ? [] : [[a, b]];
      }),
    },
  };
}
