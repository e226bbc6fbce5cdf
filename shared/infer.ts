/**
 * Shape inference and model statistics for a whole graph: topological order, per-node output
 * shapes, errors that explain themselves, parameters, multiply-accumulates, activations and
 * receptive fields, plus totals. Pure and cheap: it runs on every edit.
 */
import type { Graph, GraphNode } from './graph/schema';
import { isLayerKind, layers } from './layers/registry';
import { resolveParams } from './layers/params';
import { product, type Fix, type Params, type Shape } from './layers/types';

export type ErrorKind = 'shape' | 'param' | 'cycle' | 'unconnected' | 'unknownKind';

export interface NodeError {
  nodeId: string;
  kind: ErrorKind;
  message: string;
  param?: string;
  fixes: Fix[];
}

export interface NodeInfo {
  shape?: Shape;
  /** The resolved parameters (defaults filled), when they are valid. */
  params?: Params;
  error?: NodeError;
  /** True when the node has no shape only because a layer before it has an error. */
  blocked?: boolean;
  paramCount: number;
  macs: number;
  /** Output elements for one sample. */
  activations: number;
  /** Receptive field on the input image, in pixels; `undefined` after Flatten/Dense (all of it). */
  receptiveField?: { size: number; jump: number };
}

export interface Inference {
  nodes: Record<string, NodeInfo>;
  /** The shape each edge carries (its source's output). */
  edges: Record<string, Shape | undefined>;
  /** Node ids in topological order (nodes in cycles last). */
  order: string[];
  errors: NodeError[];
  totals: { params: number; macs: number; activations: number; activationBytes: number };
}

/** `inferGraph(doc.graph).nodes['conv1'].shape` → `[24, 24, 6]`. */
export function inferGraph(graph: Graph): Inference {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const incoming = new Map<string, { source: string; port: number }[]>();
  const outgoing = new Map<string, string[]>();
  for (const e of graph.edges) {
    if (!byId.has(e.source) || !byId.has(e.target)) continue;
    push(incoming, e.target, { source: e.source, port: e.targetPort });
    push(outgoing, e.source, e.target);
  }
  const { order, cyclic } = topoSort(graph.nodes, incoming, outgoing);
  const nodes: Record<string, NodeInfo> = {};
  const errors: NodeError[] = [];
  const fail = (id: string, error: Omit<NodeError, 'nodeId' | 'fixes'> & { fixes?: Fix[] }) => {
    const e: NodeError = { nodeId: id, fixes: [], ...error };
    nodes[id] = { error: e, paramCount: 0, macs: 0, activations: 0 };
    errors.push(e);
  };
  const cycleText = describeCycle(cyclic, incoming, byId);

  for (const id of order) {
    const node = byId.get(id)!;
    if (cyclic.has(id)) {
      fail(id, { kind: 'cycle', message: `This layer is part of a cycle (${cycleText}); a network must flow one way — remove one of these connections.` });
      continue;
    }
    if (!isLayerKind(node.kind)) {
      fail(id, { kind: 'unknownKind', message: `Unknown layer kind "${node.kind}".` });
      continue;
    }
    const def = layers[node.kind];
    const resolved = resolveParams(def, node.params);
    if (!resolved.ok) {
      fail(id, { kind: 'param', ...resolved.error });
      continue;
    }
    const edgesIn = incoming.get(id) ?? [];
    if (def.inputs === 0 && edgesIn.length > 0) {
      fail(id, { kind: 'unconnected', message: `${def.title} is where data enters the network; it takes no inputs — remove the connection into it.` });
      continue;
    }
    const inputs: Shape[] = [];
    let problem: Omit<NodeError, 'nodeId' | 'fixes'> | undefined;
    let blocked = false;
    for (let port = 0; port < def.inputs && !problem; port++) {
      const feeding = edgesIn.filter((e) => e.port === port);
      if (feeding.length === 0) {
        problem = { kind: 'unconnected', message: `${def.title} has nothing connected to its input${def.inputs > 1 ? ` ${port + 1}` : ''} — connect a layer to it.` };
      } else if (feeding.length > 1) {
        problem = { kind: 'unconnected', message: `${feeding.length} layers feed the single input of ${def.title} — use Add or Concatenate to merge them.` };
      } else {
        const shape = nodes[feeding[0]!.source]?.shape;
        if (shape) inputs.push(shape);
        else blocked = true;
      }
    }
    if (problem) {
      fail(id, problem);
      continue;
    }
    if (blocked) {
      nodes[id] = { blocked: true, params: resolved.params, paramCount: 0, macs: 0, activations: 0 };
      continue;
    }
    const result = def.infer(inputs, resolved.params);
    if ('error' in result) {
      fail(id, { kind: 'shape', ...result.error });
      nodes[id]!.params = resolved.params;
      continue;
    }
    const out = result.shape;
    nodes[id] = {
      shape: out,
      params: resolved.params,
      paramCount: def.paramCount?.(inputs, resolved.params, out) ?? 0,
      macs: def.macs?.(inputs, resolved.params, out) ?? 0,
      activations: product(out),
      receptiveField: receptiveField(edgesIn.map((e) => nodes[e.source]!), def.inputs === 0, def.global, def.window?.(resolved.params)),
    };
  }

  const edges: Record<string, Shape | undefined> = {};
  for (const e of graph.edges) edges[e.id] = nodes[e.source]?.shape;
  const totals = { params: 0, macs: 0, activations: 0, activationBytes: 0 };
  for (const info of Object.values(nodes)) {
    totals.params += info.paramCount;
    totals.macs += info.macs;
    totals.activations += info.activations;
  }
  totals.activationBytes = totals.activations * 4;
  return { nodes, edges, order, errors, totals };
}

function push<V>(map: Map<string, V[]>, key: string, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Kahn's algorithm; whatever cannot be ordered sits on or behind a cycle. */
function topoSort(nodes: GraphNode[], incoming: Map<string, { source: string }[]>, outgoing: Map<string, string[]>) {
  const indegree = new Map(nodes.map((n) => [n.id, incoming.get(n.id)?.length ?? 0]));
  const queue = nodes.filter((n) => indegree.get(n.id) === 0).map((n) => n.id);
  const order: string[] = [];
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i]!;
    order.push(id);
    for (const next of outgoing.get(id) ?? []) {
      const d = indegree.get(next)! - 1;
      indegree.set(next, d);
      if (d === 0) queue.push(next);
    }
  }
  const cyclic = new Set(nodes.filter((n) => indegree.get(n.id)! > 0).map((n) => n.id));
  return { order: [...order, ...cyclic], cyclic };
}

/** Name one cycle among the unordered nodes, e.g. `Conv2D → Dense → Conv2D`. */
function describeCycle(cyclic: Set<string>, incoming: Map<string, { source: string }[]>, byId: Map<string, GraphNode>): string {
  const start = cyclic.values().next().value;
  if (start === undefined) return '';
  // Walk backwards through cyclic predecessors until a node repeats: that loop is a cycle.
  const seen: string[] = [];
  let at: string | undefined = start;
  while (at !== undefined && !seen.includes(at)) {
    seen.push(at);
    at = (incoming.get(at) ?? []).map((e) => e.source).find((s) => cyclic.has(s));
  }
  const loop = (at === undefined ? seen : seen.slice(seen.indexOf(at))).reverse();
  // Start the story where the walk started, so it reads in the direction data flows.
  const from = Math.max(0, loop.indexOf(start));
  const names = [...loop.slice(from), ...loop.slice(0, from)].map((id) => byId.get(id)!.label ?? byId.get(id)!.kind);
  return [...names, names[0]].join(' → ');
}

function receptiveField(
  inputs: NodeInfo[],
  isInput: boolean,
  global: boolean | undefined,
  window: { kernel: number; stride: number; dilation: number } | undefined,
): NodeInfo['receptiveField'] {
  if (isInput) return { size: 1, jump: 1 };
  if (global || inputs.some((i) => !i.receptiveField)) return undefined;
  const size = Math.max(...inputs.map((i) => i.receptiveField!.size));
  const jump = Math.max(...inputs.map((i) => i.receptiveField!.jump));
  if (!window) return { size, jump };
  return { size: size + (window.kernel - 1) * window.dilation * jump, jump: jump * window.stride };
}
