/**
 * Functional-API code (Keras or tfjs): one function per block definition and one for the model,
 * each a statement per layer that applies a layer object to the variables of its inputs. The
 * targets differ in syntax and in their per-kind emitters; the walk, the functions, the variable
 * names and the layer names are the same.
 */
import { blockIdOf } from '../blocks/blocks';
import { asPadding, padPairs } from '../layers/arith';
import type { Block, Graph, NetwrightDocument } from '../graph/schema';
import { ceilPairs, isZero, windowPairs, type Pairs } from '../layers/padding';
import { isGraphInput, isLayerKind, layers, type LayerKind, type ParamsOf } from '../layers/registry';
import type { Params, ParamValue, Shape } from '../layers/types';
import { namer, snakeCase } from './names';
import { argumentNames, blockPorts, checkedInference, ExportError, inputShapes, modelInput, paramSource, planGraph, portOf, usedBlocks, type ParamSource, type Scope } from './plan';
import { format, type SymStyle } from './symbolic';
import { assignVariables } from './variables';

/** What a functional emitter knows about its layer, whose parameters are `P` (those of its kind in a table row). */
export interface FnLayer<P = Params> {
  /** A parameter as code: a literal, or an expression of the block's parameters. */
  arg(name: keyof P & string): string;
  /** A parameter's plain value; undefined when it is an expression. */
  value<N extends keyof P & string>(name: N): P[N] | undefined;
  /** The layer's name option as code, `suffix` for a helper layer (`c1_pad`). */
  name(suffix?: string): string;
  /** The inputs' shapes (the first instance's inside a block). */
  inShapes: readonly Shape[];
  /** The output shape (the first instance's inside a block). */
  outShape: Shape;
  /** Resolved parameters and input shape of every instance (one at the top level). */
  instances: readonly { params: P; input: Shape }[];
  /** True at the top level. */
  sizesKnown: boolean;
  /** Where the layer is, for error messages: "Inception, 3×3". */
  where: string;
  /** Ask for a helper the target writes once into the file, e.g. `need('lrn')`. */
  need(helper: string): void;
}

/** A layer object to apply to the input(s), or an expression built around the input. */
export type FnStep = string | ((input: string) => string);
export type FnEmitter<P = Params> = (l: FnLayer<P>) => FnStep[];
/** One emitter per kind, each given its kind's parameters: a kind without a row does not compile. */
export type FnEmitters = { [K in LayerKind]: FnEmitter<ParamsOf<K>> };

export interface FnSyntax {
  reserved: ReadonlySet<string>;
  /** A variable, function or argument name made from a label. */
  ident(label: string, prefix: string): string;
  literal(v: ParamValue, float: boolean): string;
  symStyle(rename: (name: string) => string): SymStyle;
  apply(layer: string, input: string): string;
  list(items: readonly string[]): string;
  /** A layer's name option: a string at the top level, scoped by the instance's name in a block. */
  layerName(name: string, inBlock: boolean): string;
  /** The call of a block's function. */
  callBlock(fn: string, inputs: readonly string[], overrides: readonly [string, string][], name: string): string;
}

export interface Statement {
  variable: string;
  expr: string;
}

export interface BodySpec {
  graph: Graph;
  scope: Scope;
  syntax: FnSyntax;
  emitters: FnEmitters;
  /** Code names of the block's parameters (identity at the top level). */
  rename: (name: string) => string;
  /** The variable of each Input / BlockInput. */
  input: (id: string) => string;
  /** Block id → the function that builds it, and its parameters' code names. */
  blockFn: (blockId: string) => { fn: string; rename: (name: string) => string };
  /** Where the helpers the layers ask for are collected; `scoped` is a layer named inside a block. */
  helpers: Set<string>;
}

/** What a functional body is: its statements, the names of the model's Input layers, and what it returns. */
export interface Body {
  statements: Statement[];
  inputNames: string[];
  outputs: string[];
}

/** How a target writes functions, besides the syntax of its statements. */
export interface FnTarget {
  syntax: FnSyntax;
  emitters: FnEmitters;
  /** The variable of the model's Input. */
  input: string;
}

/** A block definition as a function. */
export interface BlockFunction {
  block: Block;
  fn: string;
  /** The function's tensor arguments, one per input port, in port order. */
  inputs: string[];
  /** Code names of the block's parameters. */
  rename: (name: string) => string;
  body: Body;
}

/** The functions of a document: the blocks it uses (inner ones first), then the model's. */
export interface FnProgram {
  blocks: BlockFunction[];
  /** The model's input, [H, W, C]. */
  shape: [number, number, number];
  model: Body;
  /** The helpers its layers asked for (`FnLayer.need`). */
  helpers: ReadonlySet<string>;
}

/**
 * A document's functions for a target; throws an ExportError when the graph has errors or uses
 * what generated code cannot express.
 */
export function functionalProgram(doc: NetwrightDocument, target: FnTarget): FnProgram {
  const { syntax, emitters } = target;
  const inference = checkedInference(doc);
  const fnName = namer(syntax.reserved);
  const fns = new Map<string, BlockFunction>();
  const blockFn = (id: string) => fns.get(id)!;
  const helpers = new Set<string>();
  for (const use of usedBlocks(doc, inference)) {
    const { block } = use;
    const ports = blockPorts(block);
    const inputs = ports.map((port) => (ports.length === 1 ? 'x' : `x${port + 1}`));
    const rename = argumentNames(block, new Set([...syntax.reserved, ...inputs]), (k) => syntax.ident(k, 'p'));
    const fn = fnName(syntax.ident(block.name || block.id, 'block'));
    const scope: Scope = { block, infos: (id) => use.instances.map((inf) => inf.nodes[id]!) };
    const body = functionalBody({ graph: block.graph, scope, syntax, emitters, rename, input: (id) => inputs[portOf(block, id)]!, blockFn, helpers });
    fns.set(block.id, { block, fn, inputs, rename, body });
  }
  const { shape } = modelInput(doc, inference);
  const model = functionalBody({ graph: doc.graph, scope: { infos: (id) => [inference.nodes[id]!] }, syntax, emitters, rename: (n) => n, input: () => target.input, blockFn, helpers });
  return { blocks: [...fns.values()], shape, model, helpers };
}

const PREFIX: Partial<Record<string, string>> = { Conv2D: 'conv', MaxPool2D: 'pool', AvgPool2D: 'pool', Dense: 'fc', BatchNorm: 'bn', Reshape: 'reshape' };

/** The statements of a graph's function, the names of the model's Input layers, and what it returns. */
export function functionalBody(spec: BodySpec): Body {
  const { scope, syntax } = spec;
  const plan = planGraph(spec.graph);
  const inputIds = plan.order.filter((id) => plan.inputs.get(id)!.length === 0 && isGraphInput(plan.nodes.get(id)!.kind));
  const label = (id: string) => plan.nodes.get(id)!.label ?? id;
  // The model's Input must outlive the layers: tf.model / keras.Model needs it at the end.
  const keep = scope.block ? [] : inputIds;
  const vars = assignVariables(
    { ...plan, outputs: [...plan.outputs, ...keep] },
    { input: spec.input, label: (id) => syntax.ident(label(id), PREFIX[plan.nodes.get(id)!.kind] ?? 'layer'), reserved: syntax.reserved },
  );
  const layerName = namer(new Set());
  // The model's Input is a layer too: its name is taken first.
  const inputNames = scope.block ? [] : inputIds.map((id) => layerName(snakeCase(label(id), 'input')));
  const statements: Statement[] = [];
  for (const id of plan.order) {
    const node = plan.nodes.get(id)!;
    const ins = plan.inputs.get(id)!;
    if (ins.length === 0 || node.kind === 'BlockOutput') continue;
    const base = snakeCase(label(id), PREFIX[node.kind] ?? 'layer');
    let own: string | undefined;
    // The node's name is taken first, so its padding is `conv_2_pad` next to `conv_2`.
    const name = (suffix?: string) => {
      own ??= layerName(base);
      if (scope.block) spec.helpers.add('scoped');
      return syntax.layerName(suffix ? layerName(`${own.replace(/_$/, '')}_${suffix}`) : own, !!scope.block);
    };
    const sources = new Map<string, ParamSource>();
    const source = (p: string) => sources.get(p) ?? sources.set(p, paramSource(node, p, scope)).get(p)!;
    const blockId = blockIdOf(node.kind);
    const rename = blockId !== undefined ? spec.blockFn(blockId).rename : spec.rename;
    const float = (p: string) => isLayerKind(node.kind) && layers[node.kind].params.find((s) => s.name === p)?.type === 'float';
    const arg = (p: string) => {
      const s = source(p);
      return s.sym ? format(s.sym, syntax.symStyle(spec.rename)) : syntax.literal(s.value, float(p));
    };
    const inVars = ins.map((s) => vars.get(s)!);
    const variable = vars.get(id)!;
    if (blockId !== undefined) {
      const overrides = Object.keys(node.params).map((p) => [rename(p), arg(p)] as [string, string]);
      statements.push({ variable, expr: syntax.callBlock(spec.blockFn(blockId).fn, inVars, overrides, name()) });
      continue;
    }
    const infos = scope.infos(id);
    const layer: FnLayer = {
      arg,
      value: (p) => source(p).value,
      name,
      inShapes: inputShapes(plan, id, scope),
      outShape: infos[0]!.shape!,
      instances: infos.map((info, i) => ({ params: info.params!, input: scope.infos(ins[0]!)[i]!.shape! })),
      sizesKnown: !scope.block,
      where: scope.block ? `${scope.block.name}, ${label(id)}` : label(id),
      need: (helper) => spec.helpers.add(helper),
    };
    // Inference resolved the parameters against the kind's entry: they are the kind's own.
    const steps = (spec.emitters[node.kind as LayerKind] as FnEmitter)(layer);
    let input = ins.length > 1 ? syntax.list(inVars) : inVars[0]!;
    for (const step of steps) {
      statements.push({ variable, expr: typeof step === 'string' ? syntax.apply(step, input) : step(input) });
      input = variable;
    }
  }
  return { statements, inputNames, outputs: plan.outputs.map((o) => vars.get(o)!) };
}

/**
 * A convolution with one group per input channel, in every instance, is depthwise: its depth
 * multiplier (filters per channel), or undefined for any other convolution (or where the
 * filters or groups are expressions of a block's parameters).
 */
export function depthMultiplier(l: FnLayer<ParamsOf<'Conv2D'>>): number | undefined {
  const filters = l.value('filters');
  const groups = l.value('groups');
  if (filters === undefined || groups === undefined || groups === 1) return undefined;
  return l.instances.every((i) => i.input[2] === groups) ? filters / groups : undefined;
}

/**
 * Ceil mode as extra bottom/right padding needs the input size; inside a block every instance
 * must agree. `agreed(l, pairsOf)` → the one value, else an ExportError naming the layer.
 */
export function agreed<T>(l: FnLayer, what: string, of: (instance: FnLayer['instances'][number]) => T): T {
  const values = l.instances.map(of);
  const first = JSON.stringify(values[0]);
  if (values.some((v) => JSON.stringify(v) !== first)) throw new ExportError(`${l.where}: ${what} differs between the block's instances (their input sizes differ), which this target cannot express.`);
  return values[0]!;
}

/**
 * A window layer's padding for Keras and tfjs, as the engine compiles it: "same" is their own;
 * explicit pixels, and ceil mode's extra bottom/right pixels, are a ZeroPadding2D before a
 * "valid" window (zeros: after a ReLU a max pool sees the same maximum). Explicit pixels that
 * equal TensorFlow's "same" for every input (a 3×3 at stride 1, pad 1) are written "same",
 * except for average pools, whose "same" leaves the padding out of the average.
 */
export function fnPadding(l: FnLayer, windowParam: string, sameOk: boolean): { same: boolean; pairs?: Pairs } {
  const pad = asPadding(l.value('padding')!)!;
  if (pad === 'same') return { same: true };
  const pairs = padPairs(pad) as Pairs;
  const ceil = 'ceilMode' in l.instances[0]!.params && l.value('ceilMode') === true;
  const all = ceil ? agreed(l, 'the padding for ceil mode', (i) => ceilPairs(pairs, i.input, i.params[windowParam]!, i.params.stride!)) : pairs;
  if (isZero(all)) return { same: false };
  const same = l.instances.every((i) => {
    const same = windowPairs('same', i.params[windowParam]!, i.params.stride!, (i.params.dilation as number | undefined) ?? 1, i.input);
    return same !== undefined && JSON.stringify(same) === JSON.stringify(all);
  });
  return sameOk && same ? { same: true } : { same: false, pairs: all };
}
