/**
 * A document as an ONNX model (opset 13), with the weights the engine gives it: the file
 * onnxruntime runs and Netron opens. Blocks are inlined: each instance's layers are named
 * `<instance>/<layer>`. Images are NCHW, as ONNX's operators want them; the weights are moved
 * to that layout here. `netwright export … --to onnx` and the Export dialog write it.
 */
import { blockIdOf } from '../../blocks/blocks';
import type { Block, Graph, GraphNode, NetwrightDocument } from '../../graph/schema';
import type { Inference } from '../../infer';
import { isLayerKind, type LayerKind } from '../../layers/registry';
import type { Params } from '../../layers/types';
import { snakeCase } from '../names';
import { checkedInference, ExportError } from '../plan';
import { OnnxGraph, type Value } from './graph';
import { onnxEmitters, type EmitContext } from './layers';
import { encodeModel } from './proto';
import type { WeightsSource } from './weights';

export type { LayerWeights, WeightsByNode, WeightsSource } from './weights';

/** The operator set the files use: onnxruntime and Netron read it, and it has every operator a layer needs. */
export const ONNX_OPSET = 13;
/** The IR version that goes with opset 13 (ONNX 1.8). */
const IR_VERSION = 7;

export interface OnnxOptions extends WeightsSource {
  /** Netwright's version, for the file's producer_version. */
  version?: string;
}

/** A graph's nodes by id and the nodes feeding each, in port order; once per graph, however many instances use it. */
interface Wiring {
  byId: ReadonlyMap<string, GraphNode>;
  sources: ReadonlyMap<string, readonly string[]>;
  fed: ReadonlySet<string>;
}

class Writer {
  readonly g = new OnnxGraph();
  private readonly blocks: ReadonlyMap<string, Block>;
  private readonly wirings = new WeakMap<Graph, Wiring>();

  constructor(
    doc: NetwrightDocument,
    private readonly weights: WeightsSource['weights'],
  ) {
    this.blocks = new Map(doc.blocks.map((b) => [b.id, b]));
  }

  private wiring(graph: Graph): Wiring {
    let w = this.wirings.get(graph);
    if (!w) {
      const sources = new Map<string, string[]>();
      const fed = new Set<string>();
      for (const e of [...graph.edges].sort((a, b) => a.targetPort - b.targetPort)) {
        let list = sources.get(e.target);
        if (!list) sources.set(e.target, (list = []));
        list.push(e.source);
        fed.add(e.source);
      }
      w = { byId: new Map(graph.nodes.map((n) => [n.id, n])), sources, fed };
      this.wirings.set(graph, w);
    }
    return w;
  }

  /**
   * Write one graph's layers: the document's (`feeds` absent), or a block's for one instance,
   * with `feeds` for its BlockInput ports. Returns the Block output's value, or the dead ends.
   */
  graph(graph: Graph, inference: Inference, scope: { id: string; label: string }, feeds?: readonly Value[]): Value[] {
    const { byId, sources, fed } = this.wiring(graph);
    const values = new Map<string, Value>();
    const ends: Value[] = [];
    let result: Value | undefined;
    for (const id of inference.order) {
      const node = byId.get(id)!;
      const info = inference.nodes[id]!;
      const inputs = (sources.get(id) ?? []).map((s) => values.get(s)!);
      const label = `${scope.label}${node.label ?? id}`;
      let value: Value;
      const blockId = blockIdOf(node.kind);
      if (blockId !== undefined) {
        [value] = this.graph(this.blocks.get(blockId)!.graph, info.inner!, { id: `${scope.id}${id}/`, label: `${label}/` }, inputs) as [Value];
      } else if (node.kind === 'BlockInput') value = feeds![Number(info.params!.port)]!;
      else if (node.kind === 'Input') value = this.g.input(label, info.shape!);
      else value = { name: this.layer(node.kind as LayerKind, info.params!, { label, id: `${scope.id}${id}`, shape: info.shape!, inputs }), shape: info.shape! };
      values.set(id, value);
      if (node.kind === 'BlockOutput') result = value;
      else if (!fed.has(id) && node.kind !== 'Input') ends.push(value);
    }
    return feeds ? [result!] : ends;
  }

  private layer(kind: LayerKind, params: Params, at: { label: string; id: string; shape: Value['shape']; inputs: Value[] }): string {
    if (!isLayerKind(kind)) throw new ExportError(`${at.label}: ONNX export has no operator for the layer kind "${kind}".`);
    const weights = this.weights.get(at.id);
    const c: EmitContext = {
      g: this.g,
      name: at.label,
      shape: at.shape,
      inputs: at.inputs,
      weight: (key, count) => {
        const w = weights?.[key];
        if (!w) throw new ExportError(`${at.label}: the weights have no ${key} for this layer (are they another network's?).`);
        if (w.length !== count) throw new ExportError(`${at.label}: its ${key} has ${w.length} numbers, the layer needs ${count} (are the weights another network's?).`);
        return w;
      },
    };
    // Inference resolved `params` against the kind's entry: they are the kind's own.
    return (onnxEmitters[kind] as (p: Params, c: EmitContext) => string)(params, c);
  }
}

/**
 * The document as the bytes of an .onnx file; throws an ExportError when the graph has errors
 * or the weights do not fit it. `toOnnx(lenet5(), { weights, from: 'freshly initialised (seed 42)' })`.
 */
export function toOnnx(doc: NetwrightDocument, options: OnnxOptions): Uint8Array {
  const inference = checkedInference(doc);
  const w = new Writer(doc, options.weights);
  const outputs = w.graph(doc.graph, inference, { id: '', label: '' });
  for (const o of outputs) w.g.output(o);
  const docString = [
    `${doc.name}, exported by Netwright.`,
    `Weights: ${options.from}.`,
    'Blocks are inlined: the layers of a block instance are named <instance>/<layer>.',
    'Images are NCHW (inputs N×C×H×W); a Transpose before Flatten and Reshape keeps the H×W×C order the Dense weights were trained in.',
  ].join(' ');
  return encodeModel({
    irVersion: IR_VERSION,
    opset: ONNX_OPSET,
    producerName: 'Netwright',
    producerVersion: options.version ?? '',
    docString,
    graph: { name: snakeCase(doc.name, 'model', false), docString: doc.description ?? '', nodes: w.g.nodes, initializers: w.g.initializers, inputs: w.g.inputs, outputs: w.g.outputs },
    metadata: { 'netwright:weights': options.from, 'netwright:blocks': 'inlined' },
  });
}
