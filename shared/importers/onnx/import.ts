/**
 * An .onnx file as a Netwright document and its weights: `importOnnx(bytes, 'resnet18.onnx')`
 * → `{ doc, weights }`, the weights a state_dict in PyTorch's layout keyed by the document's
 * module names (shared/weights/names.ts), which `predict --weights` and the engines load as
 * they load a .pth. Every problem is an OnnxImportError with one line, or for operators that
 * cannot be imported, one line per operator naming its nodes.
 */
import { GraphBuilder } from '../../blocks/builder';
import { loadValue } from '../../graph/load';
import type { NetwrightDocument } from '../../graph/schema';
import { inferGraph } from '../../infer';
import { resolveParams } from '../../layers/params';
import { layers } from '../../layers/registry';
import type { Params, Shape } from '../../layers/types';
import { documentOf } from '../../templates/build';
import { weightedLayers } from '../../weights/convert';
import type { StateDict } from '../../weights/tensor';
import { decodeModel, OnnxImportError, type OnnxModel, type OnnxNode } from './decode';
import { fold, FOLDED, nodeName, topoOrder, type Constant } from './order';
import { isConst, isLayer, OPERATORS, type LayerValue, type Tensors } from './ops';

export { OnnxImportError } from './decode';

export interface OnnxImport {
  doc: NetwrightDocument;
  /** PyTorch's layouts, by `<module>.<weight|bias|running_mean|running_var>`. */
  weights: StateDict;
}

const show = (s: string) => JSON.stringify(s.length > 60 ? `${s.slice(0, 59)}…` : s);

/** The graph input: N×C×H×W (or N×F) with fixed sizes after the batch. */
function inputOf(m: OnnxModel, g: GraphBuilder): [string, LayerValue] {
  const inputs = m.inputs.filter((v) => !m.initializers.has(v.name));
  if (inputs.length !== 1) throw new OnnxImportError(`The model has ${inputs.length} inputs; Netwright imports a network with one input image`);
  const v = inputs[0]!;
  const dims = v.dims.slice(1);
  if ((dims.length !== 3 && dims.length !== 1) || dims.some((d) => typeof d !== 'number' || d < 1)) {
    throw new OnnxImportError(`Its input ${show(v.name)} is (${v.dims.join(', ')}); Netwright needs N×C×H×W (or N×F) with fixed C, H and W`);
  }
  const [c, h, w] = (dims.length === 3 ? dims : [dims[0], 1, 1]) as [number, number, number];
  const id = g.add('Input', { height: h, width: w, channels: c }, [], v.name || 'Input');
  if (dims.length === 1) return [v.name, { node: g.add('Flatten', {}, [id], 'Flatten input'), shape: [c] }];
  return [v.name, { node: id, shape: [h, w, c] }];
}

/** A layer's NCHW shape with a batch of 1, for Shape. */
const onnxShape = (v: LayerValue) => (v.shape.length === 3 ? [1, v.shape[2]!, v.shape[0]!, v.shape[1]!] : v.pooled ? [1, v.shape[0]!, 1, 1] : [1, ...v.shape]);

/** `resnet18.onnx`'s bytes → the document and its weights; throws OnnxImportError. */
export function importOnnx(bytes: Uint8Array, fileName: string): OnnxImport {
  const m = decodeModel(bytes);
  const order = topoOrder(m);
  const g = new GraphBuilder();
  const values = new Map<string, LayerValue | Constant>();
  for (const [name, t] of m.initializers) {
    // Decoded when a layer first reads it, once.
    let decoded: Constant['values'] | undefined;
    values.set(name, { dims: t.dims, get values() { return (decoded ??= t.values()); }, source: name } as Constant);
  }
  const [inputName, input] = inputOf(m, g);
  values.set(inputName, input);

  const consumers = new Map<string, OnnxNode[]>();
  for (const n of m.nodes) for (const i of n.inputs) consumers.set(i, [...(consumers.get(i) ?? []), n]);
  const unsupported = new Map<string, string[]>();
  const problems: string[] = [];
  const tensors = new Map<string, Tensors>();
  const labels = new Set<string>();
  const fused = new Set<OnnxNode>();

  const add = (kind: Parameters<GraphBuilder['add']>[0], params: Record<string, unknown>, from: LayerValue[], label: string): LayerValue | string => {
    let unique = label;
    for (let i = 2; labels.has(unique); i++) unique = `${label}_${i}`;
    labels.add(unique);
    const node = g.add(kind, params as Params, from.map((v) => v.node), unique);
    const def = layers[kind as keyof typeof layers];
    const resolved = resolveParams(def, params);
    if (!resolved.ok) return resolved.error.message;
    const out = def.infer(from.map((v) => v.shape as Shape), resolved.params);
    return 'shape' in out ? { node, shape: out.shape } : out.error.message;
  };

  order.forEach((node) => {
    const index = m.nodes.indexOf(node);
    const where = `node ${nodeName(node, index)} (${node.opType})`;
    if (fused.has(node)) return;
    if (node.domain !== '' && node.domain !== 'ai.onnx') return void unsupported.set(`${node.domain}.${node.opType}`, [...(unsupported.get(`${node.domain}.${node.opType}`) ?? []), nodeName(node, index)]);
    const op = OPERATORS[node.opType];
    if (!op && !FOLDED.has(node.opType)) return void unsupported.set(node.opType, [...(unsupported.get(node.opType) ?? []), nodeName(node, index)]);
    const inputs = node.inputs.map((i) => (i === '' ? undefined : values.get(i)));
    // Lost to a problem before: reported there.
    if (node.inputs.some((i, k) => i !== '' && inputs[k] === undefined)) return;
    const known = inputs.every((v) => v === undefined || isConst(v)) || node.opType === 'Shape' ? fold(node, inputs as (Constant | undefined)[], (n) => {
      const v = values.get(n);
      return isLayer(v) ? onnxShape(v) : undefined;
    }) : undefined;
    if (known) return void values.set(node.outputs[0]!, node.opType === 'Identity' || node.opType === 'Cast' ? known : { dims: known.dims, values: known.values });
    if (!op) return void unsupported.set(node.opType, [...(unsupported.get(node.opType) ?? []), nodeName(node, index)]);
    // A MatMul whose only reader adds a constant: the Dense's bias.
    const after = consumers.get(node.outputs[0]!) ?? [];
    const bias = node.opType === 'MatMul' && after.length === 1 && after[0]!.opType === 'Add' ? after[0]!.inputs.map((i) => values.get(i)).find(isConst) : undefined;
    // An image transposed to N×H×W×C is read only by a Flatten (or a Transpose back).
    const nhwc = !['Flatten', 'Reshape', 'Transpose'].includes(node.opType) && inputs.some((v) => isLayer(v) && v.nhwc);
    const mapped = nhwc ? { reason: 'its input is an image transposed to N×H×W×C, which Netwright imports only before a Flatten' } : op({ node, inputs, biasAfter: bias });
    if ('reason' in mapped) return void problems.push(`${where}: ${mapped.reason}`);
    let out: LayerValue;
    if ('same' in mapped) out = mapped.same;
    else {
      const label = mapped.label ?? (node.name.replace(/^\//, '') || `${node.opType}_${index + 1}`);
      const added = add(mapped.layer, mapped.params, mapped.from, label);
      if (typeof added === 'string') return void problems.push(`${where}: ${added}`);
      out = { ...added, pooled: mapped.pooled, nonNegative: mapped.nonNegative, ...(mapped.flatHwc ? { flatHwc: mapped.flatHwc } : {}) };
      if (mapped.tensors) tensors.set(out.node, mapped.tensors);
    }
    values.set(node.outputs[0]!, out);
    if (bias) {
      fused.add(after[0]!);
      values.set(after[0]!.outputs[0]!, out);
    }
  });

  const lines = [...[...unsupported].map(([op, names]) => `${/^[\w.]+$/.test(op) ? op : show(op)} is not supported (${names.length === 1 ? 'node' : 'nodes'} ${names.slice(0, 8).join(', ')}${names.length > 8 ? ` and ${names.length - 8} more` : ''})`), ...problems];
  if (lines.length === 1) throw new OnnxImportError(lines[0]!);
  if (lines.length > 1) throw new OnnxImportError([`${lines.length} problems stop the import:`, ...lines.map((l) => `  ${l}`)].join('\n'));
  if (m.outputs.length !== 1) throw new OnnxImportError(`The model has ${m.outputs.length} outputs; Netwright imports a network with one`);
  if (!isLayer(values.get(m.outputs[0]!.name))) throw new OnnxImportError(`Its output ${show(m.outputs[0]!.name)} is not computed from its input`);

  const name = fileName.replace(/\.onnx$/i, '').slice(0, 200) || 'Imported model';
  const doc = validate(documentOf(name, `Imported from ${fileName.slice(0, 1000)} (${m.producer || 'an unknown tool'}, opset ${m.opset}).`, g));
  const weights: StateDict = new Map();
  for (const layer of weightedLayers(doc).layers) {
    for (const [suffix, t] of Object.entries(tensors.get(layer.id) ?? {})) weights.set(`${layer.module}.${suffix}`, { dtype: 'F32', shape: t.dims, data: t.values });
  }
  return { doc, weights };
}

/** The document checked as any opened file is. */
function validate(doc: NetwrightDocument): NetwrightDocument {
  const loaded = loadValue(doc);
  if (!loaded.ok) throw new OnnxImportError(`The imported network is not a valid document: ${loaded.error.message}`);
  const errors = inferGraph(loaded.doc.graph).errors;
  if (errors.length > 0) throw new OnnxImportError(`The imported network does not check: layer "${errors[0]!.nodeId}": ${errors[0]!.message}`);
  return loaded.doc;
}

/** Parameters counted as PyTorch does (BatchNorm's running statistics are buffers, not parameters). */
export function parameterCount(weights: StateDict): number {
  let n = 0;
  for (const [key, t] of weights) if (!/\.running_(mean|var)$/.test(key)) n += t.data.length;
  return n;
}
