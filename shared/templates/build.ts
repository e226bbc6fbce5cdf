/**
 * Helpers that template builders use to write a network as a list of layers.
 */
import { emptyDocument, type GraphEdge, type GraphNode, type NetwrightDocument } from '../graph/schema';
import type { LayerKind } from '../layers/registry';
import type { Params } from '../layers/types';

export interface LayerSpec {
  kind: LayerKind;
  params?: Params;
  label?: string;
}

/** Horizontal distance between consecutive layers of a chain on the canvas. */
export const CHAIN_STEP = 220;

/**
 * A document whose layers are connected one after another, laid out left to right:
 * `sequential('LeNet-5', [{ kind: 'Input', params: {...} }, ...])`.
 */
export function sequential(name: string, specs: LayerSpec[], description?: string): NetwrightDocument {
  const doc = emptyDocument(name);
  if (description) doc.description = description;
  const nodes: GraphNode[] = specs.map((s, i) => ({
    id: s.label ? slug(s.label) : `${s.kind.toLowerCase()}${i}`,
    kind: s.kind,
    params: s.params ?? {},
    position: { x: i * CHAIN_STEP, y: 0 },
    ...(s.label ? { label: s.label } : {}),
  }));
  const edges: GraphEdge[] = nodes.slice(1).map((n, i) => ({ id: `e${i}`, source: nodes[i]!.id, target: n.id, targetPort: 0 }));
  doc.graph = { nodes, edges };
  return doc;
}

const slug = (label: string) => label.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
