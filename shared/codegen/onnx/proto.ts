/**
 * The part of ONNX's protobuf schema (onnx/onnx.proto) that a Netwright model needs, as plain
 * types, and their encoding with protobufjs's Writer. Field numbers are those of onnx.proto.
 * Only protobufjs/minimal: its reflection builds encoders with `new Function`, which the
 * renderer's content security policy refuses, and a model needs ten messages.
 */
// The file, not the folder's name: Node's ESM resolver (the CLI's bundle keeps packages external) needs it.
import { Writer } from 'protobufjs/minimal.js';

/** TensorProto.DataType: the element types used here. */
export const FLOAT = 1;
export const INT64 = 7;
export type DataType = typeof FLOAT | typeof INT64;

/** An initializer: its little-endian bytes in `raw_data`. */
export interface Tensor {
  name: string;
  dims: readonly number[];
  dataType: DataType;
  raw: Uint8Array;
}

/** A node attribute, one of the kinds ONNX's operators here take. */
export type AttributeValue = { f: number } | { i: number } | { s: string } | { ints: readonly number[] };

export interface Node {
  opType: string;
  name: string;
  inputs: readonly string[];
  outputs: readonly string[];
  attributes: Readonly<Record<string, AttributeValue>>;
}

/** A graph input or output: a float tensor whose sizes are numbers, or names for the free ones ("N"). */
export interface ValueInfo {
  name: string;
  dims: readonly (number | string)[];
}

export interface Graph {
  name: string;
  docString: string;
  nodes: readonly Node[];
  initializers: readonly Tensor[];
  inputs: readonly ValueInfo[];
  outputs: readonly ValueInfo[];
}

export interface Model {
  irVersion: number;
  opset: number;
  producerName: string;
  producerVersion: string;
  docString: string;
  graph: Graph;
  metadata: Readonly<Record<string, string>>;
}

// Wire types.
const VARINT = 0;
const BYTES = 2;
const FIXED32 = 5;
const tag = (field: number, wire: number) => (field << 3) | wire;

function message(w: Writer, field: number, write: (w: Writer) => void) {
  w.uint32(tag(field, BYTES)).fork();
  write(w);
  w.ldelim();
}

const text = (w: Writer, field: number, value: string) => {
  if (value !== '') w.uint32(tag(field, BYTES)).string(value);
};
const int = (w: Writer, field: number, value: number) => w.uint32(tag(field, VARINT)).int64(value);

// AttributeProto.AttributeType
const ATTRIBUTE_TYPE = { f: 1, i: 2, s: 3, ints: 7 } as const;

function attribute(w: Writer, name: string, value: AttributeValue) {
  text(w, 1, name);
  if ('f' in value) w.uint32(tag(2, FIXED32)).float(value.f);
  else if ('i' in value) int(w, 3, value.i);
  else if ('s' in value) w.uint32(tag(4, BYTES)).string(value.s);
  else for (const v of value.ints) int(w, 8, v);
  int(w, 20, ATTRIBUTE_TYPE[Object.keys(value)[0] as keyof typeof ATTRIBUTE_TYPE]);
}

function node(w: Writer, n: Node) {
  for (const input of n.inputs) w.uint32(tag(1, BYTES)).string(input);
  for (const output of n.outputs) w.uint32(tag(2, BYTES)).string(output);
  text(w, 3, n.name);
  text(w, 4, n.opType);
  for (const [name, value] of Object.entries(n.attributes)) message(w, 5, (w) => attribute(w, name, value));
}

function tensor(w: Writer, t: Tensor) {
  for (const d of t.dims) int(w, 1, d);
  int(w, 2, t.dataType);
  text(w, 8, t.name);
  w.uint32(tag(9, BYTES)).bytes(t.raw);
}

/** ValueInfoProto → TypeProto.tensor_type → elem_type, TensorShapeProto → dim_value | dim_param. */
function valueInfo(w: Writer, v: ValueInfo) {
  text(w, 1, v.name);
  message(w, 2, (w) =>
    message(w, 1, (w) => {
      int(w, 1, FLOAT);
      message(w, 2, (w) => {
        for (const d of v.dims) message(w, 1, (w) => (typeof d === 'number' ? int(w, 1, d) : text(w, 2, d)));
      });
    }),
  );
}

function graph(w: Writer, g: Graph) {
  for (const n of g.nodes) message(w, 1, (w) => node(w, n));
  text(w, 2, g.name);
  for (const t of g.initializers) message(w, 5, (w) => tensor(w, t));
  text(w, 10, g.docString);
  for (const v of g.inputs) message(w, 11, (w) => valueInfo(w, v));
  for (const v of g.outputs) message(w, 12, (w) => valueInfo(w, v));
}

/** The model as the bytes of an .onnx file (a serialised ModelProto). */
export function encodeModel(m: Model): Uint8Array {
  const w = Writer.create();
  int(w, 1, m.irVersion);
  text(w, 2, m.producerName);
  text(w, 3, m.producerVersion);
  text(w, 6, m.docString);
  message(w, 7, (w) => graph(w, m.graph));
  // OperatorSetIdProto: the default domain ("") at `opset`.
  message(w, 8, (w) => int(w, 2, m.opset));
  for (const [key, value] of Object.entries(m.metadata)) {
    message(w, 14, (w) => {
      text(w, 1, key);
      text(w, 2, value);
    });
  }
  return w.finish();
}
