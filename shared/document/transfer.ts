/**
 * Transfer learning as document edits: freeze nodes, give them a learning-rate factor, and fit
 * the network's head to a dataset's classes. Like every edit here, each returns a new document
 * and keeps the identity of what it did not change (a call that changes nothing returns `doc`).
 *
 * The flags live on the top-level graph's nodes (`frozen`, `lrFactor` in graph/schema.ts): a
 * layer, or a block instance, which then applies to every layer inside that instance. These
 * edits never set them inside a block definition.
 *
 *     const { doc: adapted, head } = adaptToClasses(freezeBefore(doc, 'fc'), 3);
 */
import { blockIdOf } from '../blocks/blocks';
import type { GraphNode, NetwrightDocument } from '../graph/schema';
import { adjacency, topoSort } from '../graph/order';
import type { Inference } from '../infer';

type Nodes = NetwrightDocument['graph']['nodes'];

const withNodes = (doc: NetwrightDocument, nodes: Nodes, changed: boolean): NetwrightDocument =>
  changed ? { ...doc, graph: { ...doc.graph, nodes } } : doc;

/** `node` with `frozen` set (true) or removed (false); the same object when it already is so. */
function flagged(node: GraphNode, frozen: boolean): GraphNode {
  if (Boolean(node.frozen) === frozen) return node;
  if (frozen) return { ...node, frozen: true };
  const { frozen: _, ...rest } = node;
  return rest;
}

/**
 * The top-level node a user names, by id or else by label: `nodeByName(doc, 'layer4.1')`.
 * An unknown name, or a label that several nodes share, is an error in one line.
 */
export function nodeByName(doc: NetwrightDocument, name: string): { node: GraphNode } | { error: string } {
  const byId = doc.graph.nodes.find((n) => n.id === name);
  if (byId) return { node: byId };
  const labelled = doc.graph.nodes.filter((n) => n.label === name);
  if (labelled.length === 1) return { node: labelled[0]! };
  if (labelled.length > 1) return { error: `Several nodes are labelled "${name}" (ids ${labelled.map((n) => n.id).join(', ')}): name one by its id.` };
  return { error: `The network has no node "${name}" (by id or label).` };
}

/** Freeze (`true`) or unfreeze (`false`) the nodes `ids` of the top-level graph; unknown ids are ignored. */
export function setFrozen(doc: NetwrightDocument, ids: Iterable<string>, frozen: boolean): NetwrightDocument {
  const wanted = new Set(ids);
  let changed = false;
  const nodes = doc.graph.nodes.map((n) => {
    if (!wanted.has(n.id)) return n;
    const next = flagged(n, frozen);
    if (next !== n) changed = true;
    return next;
  });
  return withNodes(doc, nodes, changed);
}

/**
 * Every node that feeds `id`, directly or through others: its ancestors in the top-level graph,
 * not `id` itself. In topological order.
 */
export function ancestorsOf(doc: NetwrightDocument, id: string): string[] {
  const { incoming, outgoing } = adjacency(doc.graph);
  const seen = new Set<string>();
  const stack = [id];
  while (stack.length) {
    for (const { source } of incoming.get(stack.pop()!) ?? []) {
      if (seen.has(source)) continue;
      seen.add(source);
      stack.push(source);
    }
  }
  return topoSort(doc.graph.nodes, incoming, outgoing).order.filter((n) => seen.has(n));
}

/**
 * "Freeze everything before this node": the frozen nodes become exactly the ancestors of `id`
 * (every node that feeds it, directly or not, Input and weightless layers included), and every
 * other node, `id` itself and what follows it included, is unfrozen. So the part of the network
 * before `id` is fixed and `id` onwards trains, as `frozen` says to the engines.
 */
export function freezeBefore(doc: NetwrightDocument, id: string): NetwrightDocument {
  const before = new Set(ancestorsOf(doc, id));
  let changed = false;
  const nodes = doc.graph.nodes.map((n) => {
    const next = flagged(n, before.has(n.id));
    if (next !== n) changed = true;
    return next;
  });
  return withNodes(doc, nodes, changed);
}

/** Unfreeze every node of the top-level graph. */
export function unfreezeAll(doc: NetwrightDocument): NetwrightDocument {
  return setFrozen(
    doc,
    doc.graph.nodes.filter((n) => n.frozen).map((n) => n.id),
    false,
  );
}

/**
 * Set a node's learning-rate factor (MATLAB's `WeightLearnRateFactor`: the rate for its weights
 * is the training rate times this). `undefined` or 1 removes it, since absent means 1.
 * `setLrFactor(doc, 'fc', 10)`. Throws for a factor outside 0…1000.
 */
export function setLrFactor(doc: NetwrightDocument, id: string, factor: number | undefined): NetwrightDocument {
  if (factor !== undefined && !(Number.isFinite(factor) && factor >= 0 && factor <= 1000)) {
    throw new RangeError(`A learning-rate factor is a number from 0 to 1000 (got ${factor}).`);
  }
  let changed = false;
  const nodes = doc.graph.nodes.map((n) => {
    if (n.id !== id) return n;
    const value = factor === 1 ? undefined : factor;
    if (n.lrFactor === value) return n;
    changed = true;
    const { lrFactor: _, ...rest } = n;
    return value === undefined ? rest : { ...rest, lrFactor: value };
  });
  return withNodes(doc, nodes, changed);
}

/**
 * The network's head: the last Dense layer of the top-level graph in topological order (the
 * one nearest the output), or undefined when it has none. `headOf(resnet18()).id` → `'fc'`.
 *
 * This is the node "Adapt to dataset" resizes, and the one node whose weights the loading code
 * may leave out: after `adaptToClasses`, a checkpoint's head tensors no longer fit
 * (`fc.weight` is (1000, 512), the layer needs (3, 512)). Loading weights for fine-tuning
 * therefore skips the tensors of `headOf(doc)` whose shape differs, says so in one line, and
 * keeps that layer's fresh initial weights; every other tensor must match exactly, as always.
 * It is a rule on the document alone, so it holds after saving and reopening.
 */
export function headOf(doc: NetwrightDocument): GraphNode | undefined {
  const { incoming, outgoing } = adjacency(doc.graph);
  const { order } = topoSort(doc.graph.nodes, incoming, outgoing);
  const byId = new Map(doc.graph.nodes.map((n) => [n.id, n]));
  for (let i = order.length - 1; i >= 0; i--) {
    const n = byId.get(order[i]!)!;
    if (n.kind === 'Dense') return n;
  }
  return undefined;
}

/** What `adaptToClasses` did: the head's id and label, its units before and after. */
export interface Adapted {
  id: string;
  name: string;
  from: number | undefined;
  to: number;
}

/**
 * "Adapt to dataset": give the head (`headOf`) `classes` units, keeping its id, label,
 * activation and flags, and every other node as it is. The head keeps its id, so a run's
 * weights for the rest still map by name; its old weights no longer fit and are not loaded
 * (see `headOf`). The head is unfrozen: a frozen head would never learn its new classes.
 * Returns the document and `head`, which says which node was adapted (`from === to` and the
 * same `doc` when it already had that many units). Throws when the graph has no Dense layer.
 *
 *     adaptToClasses(resnet18(), 3).head → { id: 'fc', name: 'fc', from: 1000, to: 3 }
 */
export function adaptToClasses(doc: NetwrightDocument, classes: number): { doc: NetwrightDocument; head: Adapted } {
  if (!Number.isInteger(classes) || classes < 1) throw new RangeError(`A dataset has a whole number of classes, at least 1 (got ${classes}).`);
  const head = headOf(doc);
  if (!head) throw new Error('The network has no Dense layer to resize: add one as its last layer, with as many units as the dataset has classes.');
  const from = typeof head.params.units === 'number' ? head.params.units : undefined;
  const info: Adapted = { id: head.id, name: head.label ?? head.id, from, to: classes };
  const next = flagged(from === classes ? head : { ...head, params: { ...head.params, units: classes } }, false);
  if (next === head) return { doc, head: info };
  return { doc: withNodes(doc, doc.graph.nodes.map((n) => (n === head ? next : n)), true), head: info };
}

/** Parameter counts split by the frozen flags, as the status bar and the Summary show them. */
export interface ParameterSplit {
  /** All parameters a training step could change (the inference's `totals.params`). */
  total: number;
  /** Those of unfrozen nodes: what training changes. */
  trainable: number;
  /** Those of frozen nodes (a frozen block instance: all of its layers'). */
  frozen: number;
  /** How many nodes are frozen (some may have no weights). */
  frozenNodes: number;
}

/**
 * The trainable and frozen parameters of a document, from its inference:
 * `parameterSplit(doc, inferenceOf(doc))` → `{ total: 11689512, trainable: 513000, frozen: 11176512, frozenNodes: 14 }`
 * for ResNet-18 frozen before `fc`. BatchNorm's running statistics (`totals.nonTrainable`) are
 * in neither.
 */
export function parameterSplit(doc: Pick<NetwrightDocument, 'graph' | 'blocks'>, inf: Inference): ParameterSplit {
  let frozen = 0;
  let frozenNodes = 0;
  // A flag inside a block definition (the editor sets none, a grouped selection may carry one)
  // holds in every instance, as the engines read it: count it per instance too.
  const walk = (nodes: NetwrightDocument['graph']['nodes'], info: Inference, depth: number) => {
    for (const n of nodes) {
      const node = info.nodes[n.id];
      if (n.frozen) {
        frozenNodes++;
        frozen += node?.paramCount ?? 0;
      } else if (node?.inner && depth < 16) {
        const id = blockIdOf(n.kind);
        const block = doc.blocks.find((b) => b.id === id);
        if (block) walk(block.graph.nodes, node.inner, depth + 1);
      }
    }
  };
  walk(doc.graph.nodes, inf, 0);
  return { total: inf.totals.params, trainable: inf.totals.params - frozen, frozen, frozenNodes };
}

/** "11,689,512 parameters", or with frozen nodes "11,689,512 parameters (513,000 trainable, 11,176,512 frozen)". */
export function parameterText(split: ParameterSplit, count: (n: number) => string = (n) => n.toLocaleString('en-US')): string {
  const all = `${count(split.total)} parameters`;
  return split.frozenNodes > 0 ? `${all} (${count(split.trainable)} trainable, ${count(split.frozen)} frozen)` : all;
}

/** Whether a node can be frozen or given a factor: it has weights (a block instance: any inside it). */
export const hasWeights = (inf: Inference, id: string): boolean => (inf.nodes[id]?.paramCount ?? 0) + (inf.nodes[id]?.nonTrainable ?? 0) > 0;
