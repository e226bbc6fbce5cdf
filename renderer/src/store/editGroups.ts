/**
 * Which edits belong together in the undo history. A burst of keystrokes in one field changes
 * the same thing again and again (one node's `filters`, the document's name); such edits share
 * a group key, and consecutive edits with the same key are one undo step.
 */
import type { Block, GraphNode, NetwrightDocument } from '../../../shared/graph/schema';

/**
 * The group of the edit `before → after`, or undefined when it stands alone (adds, moves,
 * connections, deletions, fixes that touch several things):
 * `editGroupKey(doc, updateNode(doc, 'c1', { params: { filters: 8 } }))` → `'node:c1:filters'`.
 */
export function editGroupKey(before: NetwrightDocument, after: NetwrightDocument): string | undefined {
  if (before === after || !othersSame(before, after)) return undefined;
  const nameChanged = before.name !== after.name;
  const trainingChanged = before.training !== after.training;
  const graphChanged = before.graph !== after.graph;
  if (before.blocks !== after.blocks) return nameChanged || trainingChanged || graphChanged ? undefined : blockFieldKey(before.blocks, after.blocks);
  if (nameChanged) return trainingChanged || graphChanged ? undefined : 'name';
  if (trainingChanged) return graphChanged ? undefined : `training:${changedKeys(before.training, after.training)}`;
  if (before.graph.edges !== after.graph.edges) return undefined;
  return nodeFieldKey(before.graph.nodes, after.graph.nodes);
}

const grouped = new Set(['name', 'training', 'graph', 'blocks']);

/** Whether every other part of the document (its description, anything a later version adds) is untouched. */
function othersSame(before: NetwrightDocument, after: NetwrightDocument): boolean {
  const a = before as Record<string, unknown>;
  const b = after as Record<string, unknown>;
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) if (!grouped.has(key) && a[key] !== b[key]) return false;
  return true;
}

/**
 * For an edit of one block definition: `block:<id>:` and then the field, one of its layers'
 * (`node:…`, edited with the block open on the canvas), its defaults (`params:…`) or its name.
 */
function blockFieldKey(before: readonly Block[], after: readonly Block[]): string | undefined {
  if (before.length !== after.length) return undefined;
  let changed: [Block, Block] | undefined;
  for (let i = 0; i < before.length; i++) {
    if (before[i] === after[i]) continue;
    if (changed) return undefined;
    changed = [before[i]!, after[i]!];
  }
  if (!changed) return undefined;
  const [a, b] = changed;
  if (a.id !== b.id) return undefined;
  let field: string | undefined;
  if (a.graph !== b.graph) field = a.name === b.name && a.params === b.params && a.graph.edges === b.graph.edges ? nodeFieldKey(a.graph.nodes, b.graph.nodes) : undefined;
  else if (a.name !== b.name) field = a.params === b.params ? 'name' : undefined;
  else field = `params:${changedKeys(a.params, b.params)}`;
  return field === undefined ? undefined : `block:${a.id}:${field}`;
}

/** `node:<id>:<params>[:label]` when exactly one node changed its parameters or label, and nothing else. */
function nodeFieldKey(before: readonly GraphNode[], after: readonly GraphNode[]): string | undefined {
  if (before.length !== after.length) return undefined;
  let changed: [GraphNode, GraphNode] | undefined;
  for (let i = 0; i < before.length; i++) {
    if (before[i] === after[i]) continue;
    if (changed) return undefined;
    changed = [before[i]!, after[i]!];
  }
  if (!changed) return undefined;
  const [a, b] = changed;
  if (a.id !== b.id || a.kind !== b.kind || a.position.x !== b.position.x || a.position.y !== b.position.y) return undefined;
  const params = changedKeys(a.params, b.params);
  const label = a.label !== b.label ? ':label' : '';
  return `node:${a.id}:${params}${label}`;
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
