/**
 * A state_dict onto a document's layers and back, converting PyTorch's layouts to tfjs's:
 * a convolution's OIHW kernel to HWIO (one HWIO kernel per group, as tfjs has no groups), a
 * Linear's (out, in) to a Dense kernel's (in, out), BatchNorm's weight, bias and running
 * statistics to gamma, beta and the moving mean and variance. The first Dense after a Flatten
 * sees its input in C·H·W order in PyTorch and H·W·C order in tfjs, so its rows are permuted.
 */
import { expandDocument } from '../blocks/expand';
import type { NetwrightDocument } from '../graph/schema';
import { checkedInference, type Inference } from '../infer';
import { pytorchModule } from '../codegen/pytorch';
import { namingOf, storedAsConv } from './names';
import { elementCount, type StateDict, type WeightTensor } from './tensor';

/** One tfjs layer's weights, in the order `layer.getWeights()` lists them. */
export interface LayerWeights {
  /** Appended to the node's tfjs layer name: `''`, or `_g0`, `_g1`… for a grouped convolution's towers. */
  suffix: string;
  weights: { shape: number[]; data: Float32Array }[];
}

/** A node's PyTorch tensors and its tfjs layers, both ways. */
interface Rule {
  /** The node's tfjs layers, by the suffix of their names. */
  suffixes: string[];
  /** The tensors a state_dict holds for the node, by suffix, with their shapes. */
  expected: [string, number[]][];
  toTfjs(get: (suffix: string) => Float32Array): LayerWeights[];
  fromTfjs(layers: LayerWeights[]): Float32Array[];
}

/** `src` (rows × cols, row-major) transposed. */
export function transpose(src: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(src.length);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = src[r * cols + c]!;
  return out;
}

/**
 * PyTorch's (O, I, H, W) and tfjs's (H, W, I, O) kernels for output channels `o0 .. o0 + count`:
 * `oihwToHwio(w, [64, 3, 7, 7], 0, 64, true)`, or back with `forward` false.
 */
function oihwToHwio(src: Float32Array, [, i, h, w]: number[], o0: number, count: number, forward: boolean, dst = new Float32Array(count * i! * h! * w!)) {
  for (let a = 0; a < count; a++)
    for (let b = 0; b < i!; b++)
      for (let y = 0; y < h!; y++)
        for (let x = 0; x < w!; x++) {
          const torchAt = (((o0 + a) * i! + b) * h! + y) * w! + x;
          const tfAt = ((y * w! + x) * i! + b) * count + a;
          if (forward) dst[tfAt] = src[torchAt]!;
          else dst[torchAt] = src[tfAt]!;
        }
  return dst;
}

/** Row j of PyTorch's flattened (C, H, W) input is row `hwcRow(j)` of tfjs's flattened (H, W, C). */
export const chwToHwc = ([h, w, c]: number[]) => (j: number) => {
  const ch = Math.floor(j / (h! * w!));
  const rest = j % (h! * w!);
  return rest * c! + ch;
};

function convRule(params: Record<string, unknown>, inChannels: number): Rule {
  const groups = Number(params.groups ?? 1);
  const o = Number(params.filters);
  const [kh, kw] = Array.isArray(params.kernel) ? (params.kernel as number[]) : [Number(params.kernel), Number(params.kernel)];
  const shape = [o, inChannels / groups, kh!, kw!];
  const bias = params.useBias !== false;
  const per = o / groups;
  const suffixes = groups === 1 ? [''] : Array.from({ length: groups }, (_, g) => `_g${g}`);
  return {
    suffixes,
    expected: [['weight', shape], ...(bias ? [['bias', [o]] as [string, number[]]] : [])],
    toTfjs: (get) =>
      suffixes.map((suffix, g) => ({
        suffix,
        weights: [
          { shape: [kh!, kw!, shape[1]!, per], data: oihwToHwio(get('weight'), shape, g * per, per, true) },
          ...(bias ? [{ shape: [per], data: get('bias').slice(g * per, (g + 1) * per) }] : []),
        ],
      })),
    fromTfjs: (layers) => {
      const weight = new Float32Array(elementCount(shape));
      const b = new Float32Array(o);
      layers.forEach((l, g) => {
        const sub = oihwToHwio(l.weights[0]!.data, shape, 0, per, false, new Float32Array(elementCount(shape)));
        weight.set(sub.subarray(0, per * elementCount(shape.slice(1))), g * per * elementCount(shape.slice(1)));
        if (bias) b.set(l.weights[1]!.data, g * per);
      });
      return bias ? [weight, b] : [weight];
    },
  };
}

/** A Dense layer; `asConv` when the checkpoint stores it as a 1×1 convolution, (out, in, 1, 1) (`storedAsConv`). */
function denseRule(params: Record<string, unknown>, inputShape: number[], flattened: number[] | undefined, asConv: boolean): Rule {
  const units = Number(params.units);
  const inputs = elementCount(inputShape);
  const bias = params.useBias !== false;
  const row = flattened && elementCount(flattened.slice(0, 2)) > 1 ? chwToHwc(flattened) : (j: number) => j;
  return {
    suffixes: [''],
    expected: [['weight', asConv ? [units, inputs, 1, 1] : [units, inputs]], ...(bias ? [['bias', [units]] as [string, number[]]] : [])],
    toTfjs: (get) => {
      const t = transpose(get('weight'), units, inputs);
      const kernel = new Float32Array(t.length);
      for (let j = 0; j < inputs; j++) kernel.set(t.subarray(j * units, (j + 1) * units), row(j) * units);
      return [{ suffix: '', weights: [{ shape: [inputs, units], data: kernel }, ...(bias ? [{ shape: [units], data: get('bias') }] : [])] }];
    },
    fromTfjs: ([l]) => {
      const kernel = l!.weights[0]!.data;
      const t = new Float32Array(kernel.length);
      for (let j = 0; j < inputs; j++) t.set(kernel.subarray(row(j) * units, (row(j) + 1) * units), j * units);
      return [transpose(t, inputs, units), ...(bias ? [l!.weights[1]!.data] : [])];
    },
  };
}

function batchNormRule(channels: number): Rule {
  const names = ['weight', 'bias', 'running_mean', 'running_var'];
  return {
    suffixes: [''],
    expected: names.map((n) => [n, [channels]]),
    toTfjs: (get) => [{ suffix: '', weights: names.map((n) => ({ shape: [channels], data: get(n) })) }],
    fromTfjs: ([l]) => l!.weights.map((w) => w.data),
  };
}

/** The node feeding a Dense, through Dropout and Activation layers, when it is a Flatten: its input shape. */
function flattenedShape(doc: NetwrightDocument, inference: Inference, id: string): number[] | undefined {
  const byId = new Map(doc.graph.nodes.map((n) => [n.id, n]));
  const sourceOf = (target: string) => doc.graph.edges.find((e) => e.target === target)?.source;
  for (let s = sourceOf(id); s !== undefined; s = sourceOf(s)) {
    const kind = byId.get(s)!.kind;
    if (kind === 'Flatten') {
      const before = sourceOf(s);
      return before === undefined ? undefined : [...inference.nodes[before]!.shape!];
    }
    if (kind !== 'Dropout' && kind !== 'Activation') return undefined;
  }
  return undefined;
}

/** Each weighted layer of the document with its module name and rule; the document is expanded. */
export function weightedLayers(original: NetwrightDocument) {
  const doc = expandDocument(original);
  const inference = checkedInference(doc, 'loading weights');
  // The names the exported PyTorch code gives its modules: torchvision's for its templates, so its checkpoints load.
  const names = pytorchModule(original).stateDictNames;
  const naming = namingOf(original);
  const inputShape = (id: string) => {
    const source = doc.graph.edges.find((e) => e.target === id)?.source;
    return source === undefined ? [] : [...inference.nodes[source]!.shape!];
  };
  const byId = new Map(doc.graph.nodes.map((n) => [n.id, n]));
  // In inference order, input to output: the order of a torchvision state_dict, and of the errors.
  const layers = inference.order
    .map((id) => byId.get(id)!)
    .filter((n) => names.has(n.id))
    .map((n) => {
      const params = inference.nodes[n.id]!.params as Record<string, unknown>;
      const input = inputShape(n.id);
      const rule = n.kind === 'Conv2D' ? convRule(params, input.at(-1)!) : n.kind === 'Dense' ? denseRule(params, input, flattenedShape(doc, inference, n.id), storedAsConv(names.get(n.id)!, naming)) : batchNormRule(input.at(-1)!);
      return { id: n.id, label: n.label ?? n.id, kind: n.kind, module: names.get(n.id)!, rule };
    });
  const seen = new Map<string, string>();
  for (const l of layers) {
    if (seen.has(l.module)) throw new Error(`Layers "${seen.get(l.module)}" and "${l.label}" would both be "${l.module}" in a state_dict; rename one.`);
    seen.set(l.module, l.label);
  }
  return { doc, layers };
}

/** What loading a state_dict gave: each weighted node's tfjs weights, and what was left out. */
export interface Loaded {
  /** By expanded node id. */
  nodes: Map<string, LayerWeights[]>;
  loaded: number;
  /** With `partial`: the tensors the document needs that the file lacks or holds in another shape, one line each. */
  skipped: string[];
  /** Tensors in the file that no layer takes (BatchNorm's num_batches_tracked aside). */
  unused: string[];
  /** With `newHead`: the head's line when its tensors were left out, "fc: new, 3 classes". */
  newHead?: string;
}

/** How strict loading is; both default to off. */
export interface LoadOptions {
  /** Load the layers whose tensors all match and list the rest (`--partial`). */
  partial?: boolean;
  /**
   * The (expanded) id of the head that "adapt to dataset" resized (`headOf` in
   * shared/document/transfer.ts): where the file's tensors for it are there in another shape,
   * they are left out and said so, and the layer keeps its fresh weights. Fine-tuning's rule.
   */
  newHead?: string;
}

const shapeText = (s: readonly number[]) => `(${s.join(', ')})`;
const sameShape = (t: WeightTensor, shape: number[]) => elementCount(t.shape) === elementCount(shape) && (t.shape.length === shape.length ? t.shape.every((d, i) => d === shape[i]) : t.shape.filter((d) => d !== 1).join() === shape.filter((d) => d !== 1).join());

/**
 * The state_dict's tensors as tfjs weights for the document's layers. Strict by default: a
 * missing tensor, a shape that differs or a tensor no layer takes is an error naming it;
 * `partial` loads the layers whose tensors all match and lists the rest.
 * `loadStateDict(resnet18(), stateDict).loaded` → 62 layers.
 */
export function loadStateDict(original: NetwrightDocument, tensors: StateDict, options: LoadOptions = {}): Loaded {
  const { layers } = weightedLayers(original);
  const nodes = new Map<string, LayerWeights[]>();
  const skipped: string[] = [];
  const used = new Set<string>();
  let newHead: string | undefined;
  for (const layer of layers) {
    if (layer.id === options.newHead && isResizedHead(layer.module, layer.rule.expected, tensors)) {
      for (const [suffix] of layer.rule.expected) used.add(`${layer.module}.${suffix}`);
      newHead = `${layer.module}: new, ${layer.rule.expected[0]![1][0]} classes`;
      continue;
    }
    const problems: string[] = [];
    for (const [suffix, shape] of layer.rule.expected) {
      const key = `${layer.module}.${suffix}`;
      const t = tensors.get(key);
      if (!t) problems.push(`${key}: missing from the file (the layer "${layer.label}" needs ${shapeText(shape)})`);
      else if (!sameShape(t, shape)) problems.push(`${key}: the file has ${shapeText(t.shape)}, the layer "${layer.label}" needs ${shapeText(shape)}`);
      else used.add(key);
    }
    if (problems.length > 0 && !options.partial) throw new Error(`${problems[0]}.${problems.length > 1 ? ` (${problems.length - 1} more in this layer)` : ''}`);
    if (problems.length > 0) skipped.push(...problems);
    else nodes.set(layer.id, layer.rule.toTfjs((suffix) => tensors.get(`${layer.module}.${suffix}`)!.data));
  }
  const unused = [...tensors.keys()].filter((k) => !used.has(k) && !k.endsWith('.num_batches_tracked') && !skipped.some((s) => s.startsWith(`${k}:`)));
  if (unused.length > 0 && !options.partial) throw new Error(`${unused[0]}: no layer of "${original.name}" takes this tensor${unused.length > 1 ? ` (nor ${unused.length - 1} more)` : ''}; --partial loads the rest.`);
  if (nodes.size === 0) throw new Error(`No tensor in the file matches a layer of "${original.name}".`);
  return { nodes, loaded: nodes.size, skipped, unused, ...(newHead ? { newHead } : {}) };
}

/** The file holds every tensor of the head, each present and at least one in another shape. */
function isResizedHead(module: string, expected: [string, number[]][], tensors: StateDict): boolean {
  const found = expected.map(([suffix, shape]) => ({ t: tensors.get(`${module}.${suffix}`), shape }));
  return found.every((f) => f.t !== undefined) && found.some((f) => !sameShape(f.t!, f.shape));
}

/**
 * The state_dict of a document's tfjs weights (by expanded node id), with the names
 * `loadStateDict` reads: so `torch_model.load_state_dict(sd, strict=True)` takes it.
 */
export function toStateDict(original: NetwrightDocument, weightsOf: (id: string, suffixes: string[]) => LayerWeights[]): StateDict {
  const { layers } = weightedLayers(original);
  const out: StateDict = new Map();
  for (const layer of layers) {
    const values = layer.rule.fromTfjs(weightsOf(layer.id, layer.rule.suffixes));
    layer.rule.expected.forEach(([suffix, shape], i) => out.set(`${layer.module}.${suffix}`, { dtype: 'F32', shape, data: values[i]! }));
    if (layer.kind === 'BatchNorm') out.set(`${layer.module}.num_batches_tracked`, { dtype: 'I64', shape: [], data: new Float32Array([0]) });
  }
  return out;
}
