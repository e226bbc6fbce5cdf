/**
 * Importing a Keras model config (Sequential or Functional; Keras 2.2 to 3) or a TensorFlow.js
 * model.json (whose `modelTopology` is a Keras config) as a Netwright document. Models nested in
 * models (Teachable Machine's MobileNet then its head) are imported flattened, in place.
 *
 * The file is untrusted: any shape of JSON gives a document or a list of problems, never an
 * exception. Every layer maps to registry layers or is reported by position and name, so nothing
 * is dropped silently. The document is then validated as any opened file is (the schema, then
 * shape inference, with the registry's parameter limits), and what fails is reported as the
 * Keras layer it came from: import refuses what summary would refuse later.
 */
import { GraphBuilder } from '../blocks/builder';
import { loadValue } from '../graph/load';
import { describeCycle, topoSort } from '../graph/order';
import type { GraphNode, NetwrightDocument } from '../graph/schema';
import { inferGraph } from '../infer';
import { resolveParams, showValue as show } from '../layers/params';
import { layers, type LayerKind } from '../layers/registry';
import type { Params, Shape } from '../layers/types';
import { documentOf } from '../templates/build';
import { converters, isRecord, own, type Get, type Mapped, type Raw } from './keras-layers';

/** A layer of the file: where it is, and what it calls itself. */
export interface LayerRef {
  /** "#3" (third layer of the model), "#1.5" (fifth layer of the model nested first). */
  position: string;
  /** The layer's name ('' where it has none). */
  name: string;
  /** Its Keras class ('' where it has none). */
  className: string;
}

export interface ImportProblem extends LayerRef {
  reason: string;
}

export type ImportResult = { ok: true; doc: NetwrightDocument } | { ok: false; message: string; problems: ImportProblem[] };

const MODELS = new Set(['Sequential', 'Functional', 'Model']);
const MERGES = new Set<LayerKind>(['Add', 'Concatenate', 'Multiply']);
/** More layers than published networks have (EfficientNet-B7: about 800): a hostile file stays fast. */
const MAX_LAYERS = 10_000;
/** Teachable Machine nests two deep. */
const MAX_NESTING = 16;
const NOT_A_MODEL = 'Not a Keras or TensorFlow.js model: expected a model config with class_name "Sequential" or "Functional".';

/** A layer whose input is missing because of a problem before it: still checked, but not added. */
const LOST = Symbol('lost');
type Source = string | typeof LOST;

/** A problem with the model as a whole, which stops the import. */
class ModelProblem extends Error {}

/** A name from the file, on one line and at most 60 characters: control characters escaped. */
const clean = (s: string) => {
  const text = JSON.stringify(s).slice(1, -1);
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
};

/** `layer #3 "conv" (Conv2D): Filters must be an integer from 1 to 65536, got 1000000000000` */
export function problemLine(p: ImportProblem): string {
  const where = [`layer ${p.position}`, ...(p.name ? [`"${clean(p.name)}"`] : []), ...(p.className ? [`(${clean(p.className)})`] : [])].join(' ');
  return `${where}: ${p.reason.replace(/\.$/, '')}`;
}

/** One line for one problem; a count, then one line per layer, for several. */
function failure(problems: ImportProblem[]): ImportResult {
  const key = (p: ImportProblem) => p.position.slice(1).split('.').map(Number);
  const order = (a: ImportProblem, b: ImportProblem) => {
    const [x, y] = [key(a), key(b)];
    for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
    return x.length - y.length;
  };
  const sorted = [...problems].sort(order).filter((p, i, all) => i === 0 || p.position !== all[i - 1]!.position);
  const lines = sorted.map(problemLine);
  const message = lines.length === 1 ? lines[0]! : [`${lines.length} layers cannot be imported:`, ...lines.map((l) => `  ${l}`)].join('\n');
  return { ok: false, message, problems: sorted };
}

/** The model config inside a file, or why there is none. */
function modelOf(json: unknown): Record<string, unknown> | string {
  if (!isRecord(json)) return NOT_A_MODEL;
  const topology = own(json, 'modelTopology') ?? json;
  if (own(json, 'format') === 'graph-model' || own(topology, 'node') !== undefined) {
    return 'This is a TensorFlow.js graph model, which has no Keras layers to import: convert the Keras model with tensorflowjs_converter --output_format tfjs_layers_model.';
  }
  const model = own(topology, 'model_config') ?? topology;
  const cls = own(model, 'class_name');
  return isRecord(model) && typeof cls === 'string' && MODELS.has(cls) ? model : NOT_A_MODEL;
}

/** The shape one layer gives, from its inputs' shapes; undefined where it has an error (validation reports it). */
function layerShape(kind: LayerKind, params: Raw, inputs: (Shape | undefined)[]): Shape | undefined {
  if (inputs.some((s) => s === undefined)) return undefined;
  const resolved = resolveParams(layers[kind], params);
  if (!resolved.ok) return undefined;
  const out = layers[kind].infer(inputs as Shape[], resolved.params);
  return 'shape' in out ? out.shape : undefined;
}

/** `importModel(JSON.parse(text), 'model.json')`: a tfjs model.json or a Keras model config. */
export function importModel(json: unknown, name = 'Imported model'): ImportResult {
  try {
    return new Importer().run(json, name);
  } catch (e) {
    // Every shape of input is meant to end above; this keeps a missed one to one line.
    return { ok: false, message: `Netwright could not import this model: ${(e as Error).message}`, problems: [] };
  }
}

/** One parsed entry of a model's layer list. */
interface Entry {
  ref: LayerRef;
  cls: string;
  get: Get;
  item: Record<string, unknown>;
}

class Importer {
  private readonly g = new GraphBuilder();
  private readonly problems: ImportProblem[] = [];
  /** The layer of the file each node comes from. */
  private readonly origins = new Map<string, LayerRef>();
  /** What an error of a node is about, where the node is not the layer itself. */
  private readonly notes = new Map<string, string>();
  /** Each node's output shape, worked out as it is added. */
  private readonly shapes = new Map<string, Shape | undefined>();
  private layerCount = 0;
  /** Nodes added besides the Input. */
  private layersAdded = 0;

  run(json: unknown, fileName: string): ImportResult {
    const model = modelOf(json);
    if (typeof model === 'string') return { ok: false, message: model, problems: [] };
    try {
      this.model(model, undefined, '#', 0, undefined);
    } catch (e) {
      if (e instanceof ModelProblem) return { ok: false, message: e.message, problems: [] };
      throw e;
    }
    if (this.problems.length > 0) return failure(this.problems);
    if (this.layersAdded === 0) return { ok: false, message: 'The model has no layers to import.', problems: [] };
    const title = own(own(model, 'config'), 'name');
    const name = (typeof title === 'string' && title.trim() !== '' ? title : fileName).slice(0, 200);
    return this.validate(documentOf(name, `Imported from ${fileName.slice(0, 1000)}.`, this.g));
  }

  /** The document checked as any opened file is: the schema, then shape inference. Failures are reported as their layers. */
  private validate(doc: NetwrightDocument): ImportResult {
    const loaded = loadValue(doc);
    if (!loaded.ok) {
      const e = loaded.error;
      const at = e.code === 'invalid' ? /^graph\.nodes\.(\d+)\.(\w+)/.exec(e.path) : null;
      const node = at ? doc.graph.nodes[Number(at[1])] : undefined;
      if (!node) return { ok: false, message: e.message, problems: [] };
      const what = at![2] === 'label' || at![2] === 'id' ? 'its name' : at![2];
      return failure([{ ...this.origins.get(node.id)!, reason: `${what}: ${e.message.replace(/^Invalid document at "[^"]*": /, '')}` }]);
    }
    const errors = inferGraph(loaded.doc.graph).errors;
    if (errors.length > 0) return failure(errors.map((e) => ({ ...this.origins.get(e.nodeId)!, reason: `${this.notes.get(e.nodeId) ?? ''}${e.message}` })));
    return { ok: true, doc: loaded.doc };
  }

  private problem(ref: LayerRef, reason: string): typeof LOST {
    this.problems.push({ ...ref, reason });
    return LOST;
  }

  /** A (nested) model: its layers added after `feed`, or from its own input; returns its output. */
  private model(item: Record<string, unknown>, feed: Source[] | undefined, prefix: string, depth: number, self: LayerRef | undefined): Source {
    if (depth > MAX_NESTING) throw new ModelProblem(`Models are nested more than ${MAX_NESTING} deep in this file.`);
    const cls = own(item, 'class_name');
    const config = own(item, 'config');
    const list = Array.isArray(config) ? config : own(config, 'layers');
    if (!Array.isArray(list)) {
      const what = `its "layers" is ${show(list)}, not a list of layers`;
      if (!self) throw new ModelProblem(`The model cannot be imported: ${what}.`);
      return this.problem(self, what);
    }
    this.layerCount += list.length;
    if (this.layerCount > MAX_LAYERS) throw new ModelProblem(`The model has more than ${MAX_LAYERS.toLocaleString('en-US')} layers, more than Netwright imports.`);
    return cls === 'Sequential' ? this.sequential(list, feed, prefix, depth, self) : this.functional(config, list, feed, prefix, depth, self);
  }

  /** A layer of a list, or undefined (and a problem) where it is not one. */
  private entry(item: unknown, position: string): Entry | undefined {
    const bare = { position, name: '', className: '' };
    if (!isRecord(item)) return void this.problem(bare, `is ${show(item)}, not a layer`);
    const cls = own(item, 'class_name');
    const config = own(item, 'config') ?? {};
    const name = own(config, 'name') ?? own(item, 'name');
    const ref = { position, name: typeof name === 'string' ? name : '', className: typeof cls === 'string' ? cls : '' };
    if (typeof cls !== 'string' || cls === '') return void this.problem(ref, cls === undefined ? 'has no class_name' : `its class_name is ${show(cls)}, not a name`);
    if (!isRecord(config) && !(MODELS.has(cls) && Array.isArray(config))) return void this.problem(ref, `its config is ${show(config)}, not an object`);
    return { ref, cls, item, get: (key) => own(config, key) };
  }

  private sequential(list: unknown[], feed: Source[] | undefined, prefix: string, depth: number, self: LayerRef | undefined): Source {
    if (self && feed && feed.length !== 1) return this.problem(self, `a Sequential model takes one input, not ${feed.length}`);
    let prev: Source | undefined = feed?.[0];
    list.forEach((raw, i) => {
      const e = this.entry(raw, `${prefix}${i + 1}`);
      if (!e) {
        prev = LOST;
        return;
      }
      if (MODELS.has(e.cls)) prev = this.model(e.item, prev === undefined ? undefined : [prev], `${e.ref.position}.`, depth + 1, e.ref);
      // An InputLayer says the input's shape; in a nested model that is fed, the feed is its input.
      else if (e.cls === 'InputLayer') prev ??= this.input(e);
      else prev = this.convert(e, [prev ?? this.input(e)]);
    });
    return prev ?? LOST;
  }

  /** The model's Input, from the shape a layer declares (`batch_input_shape` [null, H, W, C]). */
  private input(e: Entry): Source {
    const shape = e.get('batch_input_shape') ?? e.get('batch_shape') ?? own(own(e.item, 'build_config'), 'input_shape');
    if (!Array.isArray(shape)) return this.problem(e.ref, 'has no batch_input_shape [null, H, W, C]: the model does not say the shape of its input images');
    const dims = shape.slice(1);
    if (dims.length < 1 || dims.length > 3) return this.problem(e.ref, `the input shape ${show(shape)} is not [null, H, W, C], [null, H, W] or [null, N]`);
    if (dims.some((d) => d === null)) return this.problem(e.ref, `the input's size is not fixed (${show(shape)}): Netwright needs its height, width and channels`);
    // [null, H, W] is one channel; [null, N] is an N-vector, a 1×1×N image flattened.
    const [height, width, channels] = dims.length === 3 ? dims : dims.length === 2 ? [...dims, 1] : [1, 1, dims[0]];
    const input = this.add(e.ref, 'Input', { height, width, channels }, [], e.cls === 'InputLayer' && e.ref.name ? e.ref.name : 'Input');
    // A first layer's input shape: its errors say so ("its batch_input_shape: Height must be …").
    if (e.cls !== 'InputLayer') this.notes.set(input, 'its batch_input_shape: ');
    return dims.length === 1 ? this.add(e.ref, 'Flatten', {}, [input], 'Flatten input') : input;
  }

  /** A layer converted and added after `sources`; returns its output. */
  private convert(e: Entry, sources: Source[]): Source {
    const convert = converters.get(e.cls);
    const first = sources[0];
    const mapped = convert ? convert(e.get, typeof first === 'string' ? this.shapes.get(first) : undefined) : `${clean(e.cls)} has no Netwright equivalent`;
    if (typeof mapped === 'string') return this.problem(e.ref, mapped);
    if (sources.length > 1 && !MERGES.has(mapped[0]?.kind ?? 'Input')) return this.problem(e.ref, `takes ${sources.length} inputs, but ${clean(e.cls)} takes one`);
    if (sources.some((s) => s === LOST)) return LOST;
    return this.place(e.ref, mapped, sources as string[]);
  }

  private place(ref: LayerRef, mapped: Mapped, sources: string[]): string {
    // A linear Activation is no layer: its output is its input.
    let current = sources;
    mapped.forEach((m, i) => {
      const params = MERGES.has(m.kind) ? { ...m.params, inputs: sources.length } : m.params;
      current = [this.add(ref, m.kind, params, current, i === 0 ? ref.name || undefined : `${ref.name || m.kind} ${String(m.params.fn)}`)];
    });
    return current[0]!;
  }

  private add(ref: LayerRef, kind: LayerKind, params: Raw, inputs: string[], label: string | undefined): string {
    // The file's values as they are: validate() checks them as it checks any document.
    const id = this.g.add(kind, params as Params, inputs, label);
    this.origins.set(id, ref);
    if (kind !== 'Input') this.layersAdded++;
    this.shapes.set(id, layerShape(kind, params, inputs.map((s) => this.shapes.get(s))));
    return id;
  }

  /**
   * A Functional model: its layers in the order their inputs allow (the file's order, unless it
   * refers forward), each fed by the layers its `inbound_nodes` name. A cycle is reported.
   */
  private functional(config: unknown, list: unknown[], feed: Source[] | undefined, prefix: string, depth: number, self: LayerRef | undefined): Source {
    const entries = list.map((raw, i) => this.entry(raw, `${prefix}${i + 1}`));
    const index = new Map<string, number>();
    entries.forEach((e, i) => {
      if (!e) return;
      if (e.ref.name === '') entries[i] = void this.problem(e.ref, 'has no name, which a Functional model needs');
      else if (index.has(e.ref.name)) entries[i] = void this.problem(e.ref, `another layer (${entries[index.get(e.ref.name)!]!.ref.position}) has the same name`);
      else index.set(e.ref.name, i);
    });
    const deps = entries.map((e) => {
      if (!e) return [];
      const names = inboundNames(e.item);
      if (typeof names === 'string') return void this.problem(e.ref, names);
      if (e.cls === 'InputLayer') return [];
      if (names.length === 0) return void this.problem(e.ref, 'has no input: its inbound_nodes name no layer');
      const unknown = names.find((n) => !index.has(n));
      if (unknown !== undefined) return void this.problem(e.ref, `takes its input from "${clean(unknown)}", which is not a layer of this model`);
      return names.map((n) => index.get(n)!);
    });

    // Order the layers as the graph's own inference does; a layer on (or behind) a cycle is left out.
    const nodes = entries.map((e, i): GraphNode => ({ id: String(i), kind: e?.cls ?? '', label: e?.ref.name || e?.cls, params: {}, position: { x: 0, y: 0 } }));
    const incoming = new Map(deps.map((d, i) => [String(i), (d ?? []).map((j) => ({ source: String(j) }))]));
    const outgoing = new Map<string, string[]>();
    deps.forEach((d, i) => (d ?? []).forEach((j) => outgoing.set(String(j), [...(outgoing.get(String(j)) ?? []), String(i)])));
    const { order, cyclic } = topoSort(nodes, incoming, outgoing);
    if (cyclic.size > 0) {
      const first = Math.min(...[...cyclic].map(Number));
      this.problem(entries[first]!.ref, `is part of a cycle (${describeCycle(cyclic, incoming, new Map(nodes.map((n) => [n.id, n])))}); a network must flow one way`);
    }

    const inputNames = layerNames(own(config, 'input_layers'));
    const inputs = entries.filter((e) => e?.cls === 'InputLayer').map((e) => e!.ref.name);
    const feedOf = (name: string) => feed?.[inputNames?.includes(name) ? inputNames.indexOf(name) : inputs.indexOf(name)];
    if (self && feed && feed.length !== inputs.length) return this.problem(self, `a nested model with ${inputs.length} inputs, fed by ${feed.length}, is not supported`);
    const out = new Map<number, Source>();
    for (const i of order.map(Number)) {
      const e = entries[i];
      const d = deps[i];
      if (!e || !d || cyclic.has(String(i))) continue;
      const sources = d.map((j) => out.get(j) ?? LOST);
      if (e.cls === 'InputLayer') out.set(i, feed ? (feedOf(e.ref.name) ?? LOST) : this.input(e));
      else if (MODELS.has(e.cls)) out.set(i, this.model(e.item, sources, `${e.ref.position}.`, depth + 1, e.ref));
      else out.set(i, this.convert(e, sources));
    }
    if (!self) return LOST;
    // A nested model gives what its (one) output layer gives: the file's output_layers, else its last layer.
    const outputs = layerNames(own(config, 'output_layers')) ?? [entries.at(-1)?.ref.name ?? ''];
    if (outputs.length !== 1) return this.problem(self, `a nested model with ${outputs.length} outputs is not supported`);
    return out.get(index.get(outputs[0]!) ?? -1) ?? LOST;
  }
}

/** The layer names of Keras's `input_layers` / `output_layers`: [["name", 0, 0], …] (or one ["name", 0, 0]). */
function layerNames(v: unknown): string[] | undefined {
  if (!Array.isArray(v)) return undefined;
  const list = typeof v[0] === 'string' ? [v] : v;
  const names = list.map((t) => (Array.isArray(t) && typeof t[0] === 'string' ? t[0] : undefined));
  return names.every((n) => n !== undefined) ? (names as string[]) : undefined;
}

/**
 * The names of the layers feeding a Functional-model layer: Keras 2 and tfjs write
 * `[[["conv", 0, 0, {}], …]]`, Keras 3 `[{ args: [keras tensors, or lists of them], kwargs }]`.
 * A reason instead where the layer is applied twice (shared weights) or the list is not either.
 */
function inboundNames(item: Record<string, unknown>): string[] | string {
  const nodes = own(item, 'inbound_nodes') ?? [];
  if (!Array.isArray(nodes)) return `its inbound_nodes is ${show(nodes)}, not a list`;
  if (nodes.length > 1) return `is applied ${nodes.length} times (shared weights), which Netwright cannot express`;
  const first: unknown = nodes[0];
  if (first === undefined) return [];
  const unreadable = `its inbound_nodes ${show(first)} are not in a form Netwright reads`;
  if (Array.isArray(first)) {
    const names = first.map((t) => (Array.isArray(t) && typeof t[0] === 'string' ? t[0] : undefined));
    return names.every((n) => n !== undefined) ? (names as string[]) : unreadable;
  }
  const names: string[] = [];
  const visit = (v: unknown, depth: number): boolean => {
    if (Array.isArray(v)) return depth < 4 && v.every((x) => visit(x, depth + 1));
    const history = own(own(v, 'config'), 'keras_history');
    if (Array.isArray(history) && typeof history[0] === 'string') names.push(history[0]);
    return true;
  };
  return isRecord(first) && visit(own(first, 'args') ?? [], 0) ? names : unreadable;
}
