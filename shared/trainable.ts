/**
 * What training may change in each layer of an expanded document (blocks replaced by their
 * layers): whether it is frozen and the factor on its learning rate. The flags are set on the
 * top-level graph's nodes (`frozen`, `lrFactor` in graph/schema.ts); a block instance's apply to
 * every layer inside it, whose expanded ids are `<instance>/<inner>`. One reading for both
 * engines and the estimate, so tfjs, train.py and the memory figure agree on what is trained.
 */
import type { NetwrightDocument } from './graph/schema';

export interface LayerTraining {
  /** Its weights never change, and a BatchNorm keeps its running statistics (inference mode). */
  frozen: boolean;
  /** The learning rate of its weights is the run's times this (absent = 1). */
  lrFactor: number;
}

const TRAINED: LayerTraining = { frozen: false, lrFactor: 1 };

/**
 * The flags of each node of `expanded` (the expansion of `original`), by expanded id; nodes at
 * full rate and not frozen are left out. `trainingFlags(doc, expandDocument(doc)).get('layer1/conv1')`
 * → `{ frozen: true, lrFactor: 1 }` when the instance `layer1` is frozen.
 */
export function trainingFlags(original: NetwrightDocument, expanded: NetwrightDocument): Map<string, LayerTraining> {
  const top = new Map(original.graph.nodes.map((n) => [n.id, n]));
  const out = new Map<string, LayerTraining>();
  for (const node of expanded.graph.nodes) {
    // The top-level node this one came from: itself, or the instance whose id prefixes it.
    const slash = node.id.indexOf('/');
    const inherited = top.has(node.id) || slash < 0 ? undefined : top.get(node.id.slice(0, slash));
    const frozen = Boolean(node.frozen || inherited?.frozen);
    const lrFactor = (node.lrFactor ?? 1) * (inherited?.lrFactor ?? 1);
    if (frozen || lrFactor !== 1) out.set(node.id, { frozen, lrFactor });
  }
  return out;
}

/** The flags of one expanded node (trained at full rate when `flags` does not list it). */
export const flagsOf = (flags: ReadonlyMap<string, LayerTraining>, id: string): LayerTraining => flags.get(id) ?? TRAINED;

/** True when some layer is frozen or has a factor other than 1: a fine-tuning run. */
export const hasTrainingFlags = (doc: NetwrightDocument): boolean => doc.graph.nodes.some((n) => n.frozen || (n.lrFactor !== undefined && n.lrFactor !== 1));
