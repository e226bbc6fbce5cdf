/**
 * Block definitions and their instances: a node of kind `block:<id>` uses the definition with
 * the block's parameters, overridden by the instance's own.
 */
import type { Block, Graph, GraphNode } from '../graph/schema';
import { isBlockPort } from '../layers/registry';
import type { Params, ParamValue } from '../layers/types';
import { evaluate, isExpression } from './expr';

export const BLOCK_PREFIX = 'block:';

/** `blockIdOf('block:inception')` → 'inception'; undefined for a layer kind. */
export const blockIdOf = (kind: string): string | undefined => (kind.startsWith(BLOCK_PREFIX) ? kind.slice(BLOCK_PREFIX.length) : undefined);

export const blockKind = (id: string): `block:${string}` => `block:${id}`;

/** The block's parameters with the instance's overrides, or what is wrong with an override. */
export function instanceParams(block: Block, overrides: Record<string, unknown>): { params: Params } | { error: string; param: string } {
  const params: Params = { ...(block.params as Params) };
  for (const [name, value] of Object.entries(overrides)) {
    if (!Object.prototype.hasOwnProperty.call(block.params, name)) {
      return { param: name, error: `"${name}" is not a parameter of ${block.name} (it has ${Object.keys(block.params).join(', ') || 'none'})` };
    }
    const expected = typeof block.params[name];
    if (typeof value !== expected || (typeof value === 'number' && !Number.isFinite(value))) {
      return { param: name, error: `${block.name}'s "${name}" must be a ${expected}, got ${JSON.stringify(value)}` };
    }
    params[name] = value as ParamValue;
  }
  return { params };
}

/** How many inputs an instance takes: one per BlockInput port. */
export const blockInputs = (block: Block): number =>
  block.graph.nodes.reduce((n, node) => (node.kind === 'BlockInput' ? Math.max(n, Number(node.params.port ?? 0) + 1) : n), 0);

/**
 * The block's graph with every `"=expr"` parameter evaluated in `scope`. Nodes whose
 * expressions fail are reported in `errors` (node id → message) and keep the raw value.
 */
export function substitute(graph: Graph, scope: Params): { graph: Graph; errors: Map<string, { param: string; message: string }> } {
  const errors = new Map<string, { param: string; message: string }>();
  const nodes = graph.nodes.map((node): GraphNode => {
    let params: Record<string, unknown> | undefined;
    for (const [name, value] of Object.entries(node.params)) {
      if (!isExpression(value)) continue;
      params ??= { ...node.params };
      try {
        params[name] = evaluate(value, scope);
      } catch (e) {
        errors.set(node.id, { param: name, message: `${name}: ${(e as Error).message}` });
      }
    }
    return params ? { ...node, params } : node;
  });
  return { graph: { nodes, edges: graph.edges }, errors };
}

/** How many layers a block's definition holds, its BlockInput and BlockOutput aside. */
export const layerCount = (block: Block): number => block.graph.nodes.filter((n) => !isBlockPort(n.kind)).length;
