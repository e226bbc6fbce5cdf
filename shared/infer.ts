/**
 * Shape inference and model statistics for a whole graph: topological order, per-node output
 * shapes, errors that explain themselves, parameters, multiply-accumulates, activations and
 * receptive fields, plus totals. Block instances are inferred through their definitions (cached
 * per block, parameters and input shapes) and summarised as one node. Pure and cheap: it runs
 * on every edit.
 */
import { blockIdOf, blockInputs, instanceParams, substitute } from './blocks/blocks';
import { adjacency, describeCycle, topoSort } from './graph/order';
import type { Block, Graph, GraphNode } from './graph/schema';
import { isLayerKind, layers } from './layers/registry';
import { resolveParams } from './layers/params';
import { arity, product, type Fix, type Params, type Shape } from './layers/types';

export type ErrorKind = 'shape' | 'param' | 'cycle' | 'unconnected' | 'unknownKind' | 'extraInput' | 'block';

export interface NodeError {
  nodeId: string;
  kind: ErrorKind;
  message: string;
  param?: string;
  fixes: Fix[];
}

export interface ReceptiveField {
  size: number;
  jump: number;
}

export interface NodeInfo {
  shape?: Shape;
  /** The resolved parameters (defaults filled; a block's with overrides), when they are valid. */
  params?: Params;
  error?: NodeError;
  /** True when the node has no shape only because a layer before it has an error. */
  blocked?: boolean;
  /** Trainable parameters. */
  paramCount: number;
  /** Non-trainable parameters (BatchNorm's running statistics). */
  nonTrainable: number;
  macs: number;
  /** Output elements for one sample. */
  activations: number;
  /** Receptive field on the input image, in pixels; `undefined` after Flatten/Dense (all of it). */
  receptiveField?: ReceptiveField;
  /** For a block instance: the inference of its definition with this instance's inputs. */
  inner?: Inference;
}

export interface Inference {
  nodes: Record<string, NodeInfo>;
  /** The shape each edge carries (its source's output). */
  edges: Record<string, Shape | undefined>;
  /** Node ids in topological order (nodes in cycles last). */
  order: string[];
  errors: NodeError[];
  totals: { params: number; nonTrainable: number; macs: number; activations: number; activationBytes: number };
}

interface Source {
  shape: Shape;
  receptiveField?: ReceptiveField;
}

interface Context {
  blocks: ReadonlyMap<string, Block>;
  cache: Map<string, Inference>;
  /** Blocks being inferred, outermost first: a block that appears twice contains itself. */
  stack: readonly string[];
}

const empty = { paramCount: 0, nonTrainable: 0, macs: 0, activations: 0 };

/** `inferGraph(doc.graph, doc.blocks).nodes['c1'].shape` → `[28, 28, 6]`. */
export function inferGraph(graph: Graph, blocks: readonly Block[] = []): Inference {
  return run(graph, { blocks: new Map(blocks.map((b) => [b.id, b])), cache: new Map(), stack: [] });
}

/**
 * The document's inference, or an error (of class `fail`) that lists every problem, one per line,
 * by layer name: `checkedInference(doc, 'training')` throws "The network has 1 error; fix it
 * before training:\n- C1: …".
 */
export function checkedInference(doc: { graph: Graph; blocks: readonly Block[] }, before: string, fail: new (message: string) => Error = Error): Inference {
  const inference = inferGraph(doc.graph, doc.blocks);
  if (inference.errors.length > 0) {
    const byId = new Map(doc.graph.nodes.map((n) => [n.id, n]));
    const lines = inference.errors.map((e) => `- ${byId.get(e.nodeId)?.label ?? e.nodeId}: ${e.message}`);
    throw new fail(`The network has ${lines.length} error${lines.length > 1 ? 's' : ''}; fix ${lines.length > 1 ? 'them' : 'it'} before ${before}:\n${lines.join('\n')}`);
  }
  return inference;
}

/**
 * Infer a block definition on its own, for showing it: `sources` are the shapes of its inputs
 * (those of one instance).
 */
export function inferBlock(block: Block, params: Params, sources: Shape[], blocks: readonly Block[]): Inference {
  const ctx: Context = { blocks: new Map(blocks.map((b) => [b.id, b])), cache: new Map(), stack: [block.id] };
  const { graph, errors } = substitute(block.graph, params);
  return run(graph, ctx, sources.map((shape) => ({ shape, receptiveField: { size: 1, jump: 1 } })), errors);
}

function run(graph: Graph, ctx: Context, sources?: Source[], paramErrors?: ReadonlyMap<string, { param: string; message: string }>): Inference {
  const { byId, incoming, outgoing } = adjacency(graph);
  const { order, cyclic } = topoSort(graph.nodes, incoming, outgoing);
  const nodes: Record<string, NodeInfo> = {};
  const errors: NodeError[] = [];
  const totals = { params: 0, nonTrainable: 0, macs: 0, activations: 0, activationBytes: 0 };
  const set = (id: string, info: NodeInfo) => {
    nodes[id] = info;
    totals.params += info.paramCount;
    totals.nonTrainable += info.nonTrainable;
    totals.macs += info.macs;
    totals.activations += info.activations;
  };
  const fail = (id: string, error: Omit<NodeError, 'nodeId' | 'fixes'> & { fixes?: Fix[] }, params?: Params) => {
    const e: NodeError = { nodeId: id, fixes: [], ...error };
    set(id, { error: e, ...empty, ...(params && { params }) });
    errors.push(e);
  };
  const cycleText = describeCycle(cyclic, incoming, byId);
  let firstInput: string | undefined;

  for (const id of order) {
    const node = byId.get(id)!;
    if (cyclic.has(id)) {
      fail(id, { kind: 'cycle', message: `This layer is part of a cycle (${cycleText}); a network must flow one way — remove one of these connections.` });
      continue;
    }
    const exprError = paramErrors?.get(id);
    if (exprError) {
      fail(id, { kind: 'param', ...exprError });
      continue;
    }
    const unit = resolveUnit(node, ctx);
    if ('error' in unit) {
      fail(id, unit.error);
      continue;
    }
    const edgesIn = incoming.get(id) ?? [];
    if (unit.inputs === 0 && edgesIn.length > 0) {
      fail(id, { kind: 'unconnected', message: `${unit.title} is where data enters; it takes no inputs — remove the connection into it.` });
      continue;
    }
    if (node.kind === 'Input' && !sources) {
      if (firstInput !== undefined) {
        fail(id, { kind: 'extraInput', message: `A network has one Input, and "${byId.get(firstInput)!.label ?? firstInput}" is already it — delete this one or feed its layers from the first.` });
        continue;
      }
      firstInput = id;
    }
    const inputs: Source[] = [];
    let problem: Omit<NodeError, 'nodeId' | 'fixes'> | undefined;
    let blocked = false;
    for (let port = 0; port < unit.inputs && !problem; port++) {
      const feeding = edgesIn.filter((e) => e.port === port);
      if (feeding.length === 0) {
        problem = { kind: 'unconnected', message: `${unit.title} has nothing connected to its input${unit.inputs > 1 ? ` ${port + 1}` : ''} — connect a layer to it.` };
      } else if (feeding.length > 1) {
        problem = { kind: 'unconnected', message: `${feeding.length} layers feed the single input${unit.inputs > 1 ? ` ${port + 1}` : ''} of ${unit.title} — use Add or Concatenate to merge them.` };
      } else {
        const info = nodes[feeding[0]!.source];
        if (info?.shape) inputs.push({ shape: info.shape, receptiveField: info.receptiveField });
        else blocked = true;
      }
    }
    if (problem) {
      fail(id, problem, unit.params);
      continue;
    }
    if (blocked) {
      set(id, { blocked: true, params: unit.params, ...empty });
      continue;
    }
    if (node.kind === 'BlockInput') {
      const port = unit.params.port as number;
      const source = sources?.[port];
      if (!source) fail(id, { kind: 'unconnected', message: sources ? `The instance has no input ${port + 1} for this block input.` : 'A block input only has a shape inside a block definition.' }, unit.params);
      else set(id, { ...empty, shape: source.shape, params: unit.params, receptiveField: source.receptiveField });
      continue;
    }
    const result = unit.infer(inputs);
    if ('error' in result) fail(id, { kind: result.kind ?? 'shape', ...result.error }, unit.params);
    else set(id, result.info);
  }

  const edges: Record<string, Shape | undefined> = {};
  for (const e of graph.edges) edges[e.id] = nodes[e.source]?.shape;
  totals.activationBytes = totals.activations * 4;
  return { nodes, edges, order, errors, totals };
}

type Unit =
  | { error: Omit<NodeError, 'nodeId' | 'fixes'> & { fixes?: Fix[] } }
  | {
      title: string;
      inputs: number;
      params: Params;
      infer(inputs: Source[]): { info: NodeInfo } | { error: Omit<NodeError, 'nodeId' | 'fixes' | 'kind'> & { fixes?: Fix[] }; kind?: ErrorKind };
    };

/** What a node is: a registry layer or a block instance, with its parameters resolved. */
function resolveUnit(node: GraphNode, ctx: Context): Unit {
  const blockId = blockIdOf(node.kind);
  if (blockId !== undefined) return resolveBlock(node, blockId, ctx);
  if (!isLayerKind(node.kind)) return { error: { kind: 'unknownKind', message: `Unknown layer kind "${node.kind}".` } };
  const def = layers[node.kind];
  const resolved = resolveParams(def, node.params);
  if (!resolved.ok) return { error: { kind: 'param', ...resolved.error } };
  const params = resolved.params;
  return {
    title: def.title,
    inputs: arity(def, params),
    params,
    infer(inputs) {
      const shapes = inputs.map((i) => i.shape);
      const result = def.infer(shapes, params);
      if ('error' in result) return result;
      const out = result.shape;
      return {
        info: {
          shape: out,
          params,
          paramCount: def.paramCount?.(shapes, params, out) ?? 0,
          nonTrainable: def.nonTrainable?.(shapes, params, out) ?? 0,
          macs: def.macs?.(shapes, params, out) ?? 0,
          activations: def.view ? 0 : product(out),
          receptiveField: receptiveField(inputs, node.kind === 'Input', def.global, def.window?.(params)),
        },
      };
    },
  };
}

function resolveBlock(node: GraphNode, blockId: string, ctx: Context): Unit {
  const block = ctx.blocks.get(blockId);
  if (!block) return { error: { kind: 'unknownKind', message: `Unknown block "${blockId}": the document has no such block definition.` } };
  if (ctx.stack.includes(blockId)) return { error: { kind: 'block', message: `Block "${block.name}" contains itself (${[...ctx.stack, blockId].join(' › ')}).` } };
  const resolved = instanceParams(block, node.params);
  if ('error' in resolved) return { error: { kind: 'param', param: resolved.param, message: resolved.error } };
  const params = resolved.params;
  return {
    title: block.name,
    inputs: blockInputs(block),
    params,
    infer(inputs) {
      // Keyed by shapes only, so that instances with the same inputs share one inference: the
      // block is inferred as if its inputs saw one pixel, and the instance's receptive field
      // is composed from that below.
      const shapes = inputs.map((i) => ({ shape: i.shape, receptiveField: UNIT }));
      const key = `${blockId}|${JSON.stringify(params)}|${JSON.stringify(inputs.map((i) => i.shape))}`;
      let inner = ctx.cache.get(key);
      if (!inner) {
        const { graph, errors } = substitute(block.graph, params);
        inner = run(graph, { ...ctx, stack: [...ctx.stack, blockId] }, shapes, errors);
        ctx.cache.set(key, inner);
      }
      const first = inner.errors[0];
      if (first) {
        const where = block.graph.nodes.find((n) => n.id === first.nodeId);
        return { kind: 'block', error: { message: `Inside ${block.name}, ${where?.label ?? first.nodeId}: ${first.message}` } };
      }
      const out = block.graph.nodes.find((n) => n.kind === 'BlockOutput');
      const info = out && inner.nodes[out.id];
      if (!info?.shape) return { kind: 'block', error: { message: `Block "${block.name}" has no Block output.` } };
      const { params: count, nonTrainable, macs, activations } = inner.totals;
      return { info: { shape: info.shape, params, paramCount: count, nonTrainable, macs, activations, receptiveField: compose(inputs, info.receptiveField), inner } };
    },
  };
}

const UNIT: ReceptiveField = { size: 1, jump: 1 };

/**
 * The receptive field through a block whose own field (seen from a one-pixel input) is
 * `inner`: a window of `inner.size` steps of the input's jump, each seeing the input's field.
 */
function compose(inputs: Source[], inner: ReceptiveField | undefined): ReceptiveField | undefined {
  if (!inner || inputs.some((i) => !i.receptiveField)) return undefined;
  const size = Math.max(...inputs.map((i) => i.receptiveField!.size));
  const jump = Math.max(...inputs.map((i) => i.receptiveField!.jump));
  return { size: size + (inner.size - 1) * jump, jump: jump * inner.jump };
}

function receptiveField(inputs: Source[], isInput: boolean, global: boolean | undefined, window: { kernel: number; stride: number; dilation: number } | undefined): ReceptiveField | undefined {
  if (isInput) return { size: 1, jump: 1 };
  if (global || inputs.some((i) => !i.receptiveField)) return undefined;
  const size = Math.max(...inputs.map((i) => i.receptiveField!.size));
  const jump = Math.max(...inputs.map((i) => i.receptiveField!.jump));
  if (!window) return { size, jump };
  return { size: size + (window.kernel - 1) * window.dilation * jump, jump: jump * window.stride };
}
