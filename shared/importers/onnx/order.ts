/**
 * An ONNX graph's nodes in an order where each comes after the nodes feeding it, and the
 * constants an exporter leaves computed in the graph (Shape → Gather → Unsqueeze → Concat →
 * Reshape, a Constant, an Identity of an initializer) worked out so a layer sees plain numbers.
 */
import { OnnxImportError, type OnnxModel, type OnnxNode } from './decode';

/** A known tensor: its dims and values. `source` names the initializer it comes from, if one. */
export interface Constant {
  dims: number[];
  values: Float64Array | Float32Array;
  source?: string;
}

const show = (s: string) => JSON.stringify(s.length > 60 ? `${s.slice(0, 59)}…` : s);
export const nodeName = (n: OnnxNode, i: number) => (n.name ? show(n.name) : `#${i + 1}`);

/** The nodes input to output; a value nobody produces or a cycle is an OnnxImportError. */
export function topoOrder(m: OnnxModel): OnnxNode[] {
  const producer = new Map<string, number>();
  m.nodes.forEach((n, i) => n.outputs.forEach((o) => o !== '' && producer.set(o, i)));
  const given = new Set([...m.initializers.keys(), ...m.inputs.map((v) => v.name)]);
  const waiting = m.nodes.map(() => 0);
  const next = m.nodes.map((): number[] => []);
  m.nodes.forEach((n, i) => {
    for (const input of n.inputs) {
      if (input === '' || (given.has(input) && !producer.has(input))) continue;
      const p = producer.get(input);
      if (p === undefined) throw new OnnxImportError(`node ${nodeName(n, i)} (${n.opType}) reads ${show(input)}, which no node, input or initializer gives`);
      waiting[i]!++;
      next[p]!.push(i);
    }
  });
  const ready = m.nodes.map((_, i) => i).filter((i) => waiting[i] === 0);
  const order: OnnxNode[] = [];
  while (ready.length > 0) {
    const i = ready.shift()!;
    order.push(m.nodes[i]!);
    for (const j of next[i]!) if (--waiting[j]! === 0) ready.push(j);
  }
  if (order.length < m.nodes.length) {
    const stuck = m.nodes.map((n, i) => (waiting[i]! > 0 ? nodeName(n, i) : '')).filter(Boolean);
    throw new OnnxImportError(`The graph has a cycle: nodes ${stuck.slice(0, 5).join(', ')}${stuck.length > 5 ? ` and ${stuck.length - 5} more` : ''} feed each other`);
  }
  return order;
}

/** The operators `fold` works out where their inputs are known. */
export const FOLDED = new Set(['Constant', 'Shape', 'Identity', 'Cast', 'Gather', 'Unsqueeze', 'Squeeze', 'Concat', 'Slice', 'Mul', 'Div', 'Add', 'Sub']);

const count = (dims: readonly number[]) => dims.reduce((a, b) => a * b, 1);
const axis = (a: number, rank: number) => (a < 0 ? a + rank : a);

/**
 * The constant `node` computes from constant inputs, or undefined when it is not one of the
 * operators folded here. `shapeOf` gives a layer value's ONNX shape (for Shape).
 */
export function fold(node: OnnxNode, inputs: (Constant | undefined)[], shapeOf: (name: string) => number[] | undefined): Constant | undefined {
  const attr = (k: string) => node.attributes.get(k);
  const int = (k: string, d: number) => {
    const a = attr(k);
    return a && 'i' in a ? a.i : d;
  };
  const [x, y] = inputs;
  switch (node.opType) {
    case 'Constant': {
      const v = attr('value');
      if (v && 't' in v) return { dims: v.t.dims, values: v.t.values() };
      if (v && 'ints' in v) return { dims: [v.ints.length], values: Float64Array.from(v.ints) };
      if (v && 'i' in v) return { dims: [], values: Float64Array.of(v.i) };
      if (v && 'f' in v) return { dims: [], values: Float64Array.of(v.f) };
      throw new OnnxImportError(`node ${show(node.name)} (Constant) has a value Netwright does not read`);
    }
    case 'Shape': {
      const s = shapeOf(node.inputs[0]!) ?? (x ? x.dims : undefined);
      return s && { dims: [s.length], values: Float64Array.from(s) };
    }
    case 'Identity':
    case 'Cast':
      return x;
    case 'Gather': {
      if (!x || !y || x.dims.length !== 1) return undefined;
      const values = Float64Array.from(y.values, (i) => x.values[axis(i, x.values.length)]!);
      return { dims: y.dims, values };
    }
    case 'Unsqueeze':
    case 'Squeeze': {
      if (!x) return undefined;
      const a = attr('axes');
      const axes = y ? [...y.values] : a && 'ints' in a ? a.ints : [];
      const dims = [...x.dims];
      if (node.opType === 'Squeeze') return { dims: dims.filter((d, i) => !(axes.length ? axes.map((k) => axis(k, dims.length)).includes(i) : d === 1)), values: x.values };
      for (const k of [...axes].map((k) => axis(k, dims.length + axes.length)).sort((a, b) => a - b)) dims.splice(k, 0, 1);
      return { dims, values: x.values };
    }
    case 'Concat': {
      if (inputs.some((v) => !v || v.dims.length !== 1) || int('axis', 0) !== 0 && int('axis', 0) !== -1) return undefined;
      const values = Float64Array.from(inputs.flatMap((v) => [...v!.values]));
      return { dims: [values.length], values };
    }
    case 'Slice': {
      const [, starts, ends, axes, steps] = inputs;
      if (!x || !starts || !ends || x.dims.length !== 1 || (axes && axes.values[0] !== 0) || (steps && steps.values[0] !== 1)) return undefined;
      const n = x.values.length;
      const clamp = (v: number) => Math.min(n, Math.max(0, v < 0 ? v + n : v));
      const values = x.values.slice(clamp(starts.values[0]!), clamp(ends.values[0]!));
      return { dims: [values.length], values: Float64Array.from(values) };
    }
    case 'Mul':
    case 'Div':
    case 'Add':
    case 'Sub': {
      if (!x || !y || (count(y.dims) !== 1 && count(y.dims) !== count(x.dims))) return undefined;
      const op = { Mul: (a: number, b: number) => a * b, Div: (a: number, b: number) => (Number.isInteger(a) && Number.isInteger(b) ? Math.trunc(a / b) : a / b), Add: (a: number, b: number) => a + b, Sub: (a: number, b: number) => a - b }[node.opType];
      return { dims: x.dims, values: Float64Array.from(x.values, (v, i) => op(v, y.values[count(y.dims) === 1 ? 0 : i]!)) };
    }
    default:
      return undefined;
  }
}
