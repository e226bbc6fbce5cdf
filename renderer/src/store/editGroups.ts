/**
 * Which edits belong together in the undo history. A burst of keystrokes in one field changes
 * the same thing again and again (one node's `filters`, the document's name); such edits share
 * a group key, and consecutive edits with the same key are one undo step.
 *
 * The document, a block definition, a graph and a node are each records of parts; an edit is of
 * one field when exactly one part of the record changed, and that part's change is of one field
 * in turn, down to a node's parameters or label, a block's defaults or the training settings.
 */
import type { Block, Graph, GraphNode, NetwrightDocument } from '../../../shared/graph/schema';

/**
 * The group of the edit `before → after`, or undefined when it stands alone (adds, moves,
 * connections, deletions, fixes that touch several things):
 * `editGroupKey(doc, updateNode(doc, 'c1', { params: { filters: 8 } }))` → `'node:c1:filters'`.
 */
export function editGroupKey(before: NetwrightDocument, after: NetwrightDocument): string | undefined {
  return soleFieldKey(before, after, {
    name: () => 'name',
    training: () => `training:${changedKeys(before.training, after.training)}`,
    graph: () => graphFieldKey(before.graph, after.graph),
    blocks: () => blockFieldKey(before.blocks, after.blocks),
  });
}

/** For an edit of one layer of a graph: `node:<id>:<params>`, `node:<id>::label` or `node:<id>::lrFactor`. */
function graphFieldKey(before: Graph, after: Graph): string | undefined {
  return soleFieldKey(before, after, {
    nodes: () => {
      const changed = soleChange(before.nodes, after.nodes);
      if (!changed) return undefined;
      const [a, b] = changed;
      return soleFieldKey<GraphNode>(a, b, {
        params: () => `node:${a.id}:${changedKeys(a.params, b.params)}`,
        label: () => `node:${a.id}::label`,
        // Typing "10" in the Inspector's LR factor is one step, as typing a parameter is.
        lrFactor: () => `node:${a.id}::lrFactor`,
      });
    },
  });
}

/**
 * For an edit of one block definition: `block:<id>:` and then the field, one of its layers'
 * (`node:…`, edited with the block open on the canvas), its defaults (`params:…`) or its name.
 */
function blockFieldKey(before: readonly Block[], after: readonly Block[]): string | undefined {
  const changed = soleChange(before, after);
  if (!changed) return undefined;
  const [a, b] = changed;
  const field = soleFieldKey(a, b, {
    name: () => 'name',
    params: () => `params:${changedKeys(a.params, b.params)}`,
    graph: () => graphFieldKey(a.graph, b.graph),
  });
  return field === undefined ? undefined : `block:${a.id}:${field}`;
}

type FieldKeys<T> = { [K in keyof T]?: () => string | undefined };

/**
 * When exactly one part of a record changed, and `keys` has a key for that part, that key;
 * undefined when several parts changed, or one without a key (an id, a position):
 * `soleFieldKey({ a: 1, b: 2 }, { a: 1, b: 3 }, { b: () => 'b' })` → `'b'`.
 */
function soleFieldKey<T extends object>(before: T, after: T, keys: FieldKeys<T>): string | undefined {
  const a = before as Record<string, unknown>;
  const b = after as Record<string, unknown>;
  let only: (() => string | undefined) | undefined;
  for (const part of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (a[part] === b[part]) continue;
    const key = (keys as Record<string, (() => string | undefined) | undefined>)[part];
    if (!key || only) return undefined;
    only = key;
  }
  return only?.();
}

/** The one element that differs between two lists of the same length, if exactly one does. */
function soleChange<T>(before: readonly T[], after: readonly T[]): [T, T] | undefined {
  if (before.length !== after.length) return undefined;
  let changed: [T, T] | undefined;
  for (let i = 0; i < before.length; i++) {
    if (before[i] === after[i]) continue;
    if (changed) return undefined;
    changed = [before[i]!, after[i]!];
  }
  return changed;
}

/** The keys whose values differ, sorted and comma-separated: `{a:1,b:2}`, `{a:1,b:3}` → `'b'`. */
function changedKeys(a: object, b: object): string {
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(ra), ...Object.keys(rb)]);
  return [...keys]
    .filter((k) => JSON.stringify(ra[k]) !== JSON.stringify(rb[k]))
    .sort()
    .join(',');
}
