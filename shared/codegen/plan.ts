/**
 * What every code generator needs to know about a document before it writes a line: that it
 * has no errors, the order to write each graph's layers in, which blocks it uses (inner ones
 * first), and each layer's parameters as numbers or as expressions of its block's parameters.
 */
import { blockIdOf, blockInputs } from '../blocks/blocks';
import { isExpression } from '../blocks/expr';
import type { Block, Graph, GraphNode, NetwrightDocument } from '../graph/schema';
import { checkedInference as inferOrThrow, type Inference, type NodeInfo } from '../infer';
import { isLayerKind, layers } from '../layers/registry';
import type { ParamValue, Shape } from '../layers/types';
import { namer } from './names';
import { num, parse, type Sym } from './symbolic';

/** A document that cannot be exported: it has errors, or uses something a target cannot say. */
export class ExportError extends Error {}

/** The document's inference, or an ExportError that lists every problem by layer name. */
export const checkedInference = (doc: NetwrightDocument): Inference => inferOrThrow(doc, 'exporting', ExportError);

export interface GraphPlan {
  nodes: ReadonlyMap<string, GraphNode>;
  /** The nodes feeding each node, in port order. */
  inputs: ReadonlyMap<string, readonly string[]>;
  /** The nodes each node feeds, with the port, in `order`. */
  consumers: ReadonlyMap<string, readonly { id: string; port: number }[]>;
  /** The order to write layers in: each branch whole, branches in the order of the ports they feed. */
  order: readonly string[];
  /** What the function returns: the Block output's source in a block, else every dead end but the Input. */
  outputs: readonly string[];
}

/**
 * Plan one graph. The order is a depth-first walk back from the outputs, inputs in port order,
 * so an Inception module reads branch by branch and a residual block reads F(x) before the
 * shortcut, as torchvision writes them.
 */
export function planGraph(graph: Graph): GraphPlan {
  const nodes = new Map(graph.nodes.map((n) => [n.id, n]));
  const inputs = new Map<string, string[]>(graph.nodes.map((n) => [n.id, []]));
  for (const e of [...graph.edges].sort((a, b) => a.targetPort - b.targetPort)) inputs.get(e.target)?.push(e.source);
  const fed = new Set(graph.edges.map((e) => e.source));
  const blockOutput = graph.nodes.find((n) => n.kind === 'BlockOutput');
  const sinks = graph.nodes.filter((n) => !fed.has(n.id));
  const order: string[] = [];
  const seen = new Set<string>();
  for (const start of [...(blockOutput ? [blockOutput] : []), ...sinks]) {
    // Iterative post-order: a long chain must not exhaust the stack.
    const stack: [string, number][] = [[start.id, 0]];
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const [id, next] = top;
      if (next === 0 && seen.has(id)) {
        stack.pop();
        continue;
      }
      seen.add(id);
      const ins = inputs.get(id)!;
      if (next < ins.length) {
        top[1]++;
        if (!seen.has(ins[next]!)) stack.push([ins[next]!, 0]);
      } else {
        order.push(id);
        stack.pop();
      }
    }
  }
  const position = new Map(order.map((id, i) => [id, i]));
  const consumers = new Map<string, { id: string; port: number }[]>(graph.nodes.map((n) => [n.id, []]));
  for (const e of graph.edges) consumers.get(e.source)?.push({ id: e.target, port: e.targetPort });
  for (const list of consumers.values()) list.sort((a, b) => position.get(a.id)! - position.get(b.id)! || a.port - b.port);
  const outputs = blockOutput ? inputs.get(blockOutput.id)!.slice(0, 1) : sinks.filter((n) => n.kind !== 'Input').map((n) => n.id);
  if (outputs.length === 0) throw new ExportError('The network has no output: connect a layer after the Input.');
  return { nodes, inputs, consumers, order: order.filter((id) => nodes.has(id)), outputs };
}

export interface BlockUse {
  block: Block;
  /** The inference of the block's graph for every instance in the document, nested ones too. */
  instances: Inference[];
}

/** The blocks the document uses, each after the blocks it contains: `usedBlocks(doc, inference)`. */
export function usedBlocks(doc: NetwrightDocument, inference: Inference): BlockUse[] {
  const byId = new Map(doc.blocks.map((b) => [b.id, b]));
  const uses = new Map<string, BlockUse>();
  const sorted: BlockUse[] = [];
  const visit = (graph: Graph, inf: Inference) => {
    const plan = planGraph(graph);
    for (const id of plan.order) {
      const node = plan.nodes.get(id)!;
      const blockId = blockIdOf(node.kind);
      const inner = inf.nodes[id]?.inner;
      if (blockId === undefined || !inner) continue;
      const block = byId.get(blockId)!;
      let use = uses.get(blockId);
      const first = !use;
      if (!use) uses.set(blockId, (use = { block, instances: [] }));
      use.instances.push(inner);
      visit(block.graph, inner);
      if (first) sorted.push(use);
    }
  };
  visit(doc.graph, inference);
  return sorted;
}

/** A parameter as code sees it: a plain value, or an expression of the block's parameters. */
export type ParamSource = { value: ParamValue; sym?: undefined } | { value?: undefined; sym: Sym };

/** Where a graph sits: the document's graph (every value known) or a block definition. */
export interface Scope {
  /** Each layer's inference: the document's, or one per instance of the block. */
  infos: (id: string) => NodeInfo[];
  /** The block, when inside one. */
  block?: Block;
}

/** Numbers may stay expressions; choices (padding, activation…) must be the same for every instance. */
const NUMERIC = new Set(['int', 'float', 'size']);

/**
 * Parameter `name` of node `node`: `{ value: 5 }`, or `{ sym }` for "=planes * 4" inside a block.
 * An expression for a choice (e.g. padding "=pad") takes the value every instance agrees on.
 */
export function paramSource(node: GraphNode, name: string, scope: Scope): ParamSource {
  const raw = node.params[name];
  const infos = scope.infos(node.id);
  // A nested block's argument passes through as code whatever its type: `pad` stays `pad`.
  const numeric = isLayerKind(node.kind) ? NUMERIC.has(layers[node.kind].params.find((s) => s.name === name)?.type ?? '') : true;
  if (isExpression(raw) && scope.block) {
    const sym = numeric ? tryParse(raw) : undefined;
    if (sym) return sym.terms.length === 0 ? { value: sym.c } : { sym };
    const values = infos.map((i) => JSON.stringify(i.params?.[name]));
    if (values.some((v) => v !== values[0]) || values[0] === undefined) {
      throw new ExportError(`${scope.block.name}, ${node.label ?? node.id}: "${name}" = "${raw}" differs between instances, which generated code cannot express; use a number or one value.`);
    }
    return { value: infos[0]!.params![name]! };
  }
  const value = infos[0]?.params?.[name];
  if (value === undefined) throw new ExportError(`${node.label ?? node.id}: no value for "${name}".`);
  return { value };
}

function tryParse(raw: string): Sym | undefined {
  try {
    return parse(raw);
  } catch {
    return undefined;
  }
}

/** The value as a symbolic number (for channel arithmetic), when it is a number. */
export const symOf = (p: ParamSource): Sym | undefined => (p.sym ? p.sym : typeof p.value === 'number' ? num(p.value) : undefined);

/** The shapes of a node's inputs for its first (or only) instance: ranks are the same in all. */
export function inputShapes(plan: GraphPlan, id: string, scope: Scope): Shape[] {
  return plan.inputs.get(id)!.map((s) => scope.infos(s)[0]!.shape!);
}

/** The network's Input node and its shape [H, W, C], or an ExportError. */
export function modelInput(doc: NetwrightDocument, inference: Inference): { id: string; label: string; shape: [number, number, number] } {
  const input = doc.graph.nodes.find((n) => n.kind === 'Input');
  if (!input) throw new ExportError('The network has no Input layer.');
  return { id: input.id, label: input.label ?? input.id, shape: inference.nodes[input.id]!.shape as [number, number, number] };
}

/** The input ports of a block's instances, 0 … n − 1: one function argument each. */
export const blockPorts = (block: Block): number[] => Array.from({ length: blockInputs(block) }, (_, i) => i);

/** The port of a BlockInput node. */
export const portOf = (block: Block, id: string): number => Number(block.graph.nodes.find((n) => n.id === id)!.params.port ?? 0);

/**
 * The block's parameters as a target's argument names, e.g. snake_case for Python, avoiding the
 * target's reserved words and `taken`: `argumentNames(inception(), reserved, snake)('poolProj')` → 'pool_proj'.
 */
export function argumentNames(block: Block, reserved: ReadonlySet<string>, style: (param: string) => string): (param: string) => string {
  const fresh = namer(reserved);
  const names = new Map(Object.keys(block.params).map((k) => [k, fresh(style(k))]));
  return (param) => names.get(param) ?? param;
}
