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

/**
 * onnx.proto's field numbers, by message: the encoder here and the importer
 * (shared/importers/onnx/decode.ts) both read them from this table.
 */
export const FIELD = {
  model: { irVersion: 1, producerName: 2, producerVersion: 3, docString: 6, graph: 7, opsetImport: 8, metadataProps: 14 },
  opset: { domain: 1, version: 2 },
  entry: { key: 1, value: 2 },
  graph: { node: 1, name: 2, initializer: 5, docString: 10, input: 11, output: 12, valueInfo: 13 },
  node: { input: 1, output: 2, name: 3, opType: 4, attribute: 5, domain: 7 },
  attribute: { name: 1, f: 2, i: 3, s: 4, t: 5, g: 6, floats: 7, ints: 8, strings: 9, tensors: 10, graphs: 11, type: 20 },
  tensor: { dims: 1, dataType: 2, floatData: 4, int32Data: 5, stringData: 6, int64Data: 7, name: 8, rawData: 9, doubleData: 10, externalData: 13, dataLocation: 14 },
  valueInfo: { name: 1, type: 2 },
  type: { tensorType: 1 },
  tensorType: { elemType: 1, shape: 2 },
  shape: { dim: 1 },
  dim: { value: 1, param: 2 },
} as const;

/** Protobuf's wire types. */
export const WIRE = { VARINT: 0, FIXED64: 1, BYTES: 2, FIXED32: 5 } as const;
const { VARINT, BYTES, FIXED32 } = WIRE;
const F = FIELD;
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
  text(w, F.attribute.name, name);
  if ('f' in value) w.uint32(tag(F.attribute.f, FIXED32)).float(value.f);
  else if ('i' in value) int(w, F.attribute.i, value.i);
  else if ('s' in value) w.uint32(tag(F.attribute.s, BYTES)).string(value.s);
  else for (const v of value.ints) int(w, F.attribute.ints, v);
  int(w, F.attribute.type, ATTRIBUTE_TYPE[Object.keys(value)[0] as keyof typeof ATTRIBUTE_TYPE]);
}

function node(w: Writer, n: Node) {
  for (const input of n.inputs) w.uint32(tag(F.node.input, BYTES)).string(input);
  for (const output of n.outputs) w.uint32(tag(F.node.output, BYTES)).string(output);
  text(w, F.node.name, n.name);
  text(w, F.node.opType, n.opType);
  for (const [name, value] of Object.entries(n.attributes)) message(w, F.node.attribute, (w) => attribute(w, name, value));
}

function tensor(w: Writer, t: Tensor) {
  for (const d of t.dims) int(w, F.tensor.dims, d);
  int(w, F.tensor.dataType, t.dataType);
  text(w, F.tensor.name, t.name);
  w.uint32(tag(F.tensor.rawData, BYTES)).bytes(t.raw);
}

/** ValueInfoProto → TypeProto.tensor_type → elem_type, TensorShapeProto → dim_value | dim_param. */
function valueInfo(w: Writer, v: ValueInfo) {
  text(w, F.valueInfo.name, v.name);
  message(w, F.valueInfo.type, (w) =>
    message(w, F.type.tensorType, (w) => {
      int(w, F.tensorType.elemType, FLOAT);
      message(w, F.tensorType.shape, (w) => {
        for (const d of v.dims) message(w, F.shape.dim, (w) => (typeof d === 'number' ? int(w, F.dim.value, d) : text(w, F.dim.param, d)));
      });
    }),
  );
}

function graph(w: Writer, g: Graph) {
  for (const n of g.nodes) message(w, F.graph.node, (w) => node(w, n));
  text(w, F.graph.name, g.name);
  for (const t of g.initializers) message(w, F.graph.initializer, (w) => tensor(w, t));
  text(w, F.graph.docString, g.docString);
  for (const v of g.inputs) message(w, F.graph.input, (w) => valueInfo(w, v));
  for (const v of g.outputs) message(w, F.graph.output, (w) => valueInfo(w, v));
}

/** The model as the bytes of an .onnx file (a serialised ModelProto). */
export function encodeModel(m: Model): Uint8Array {
  const w = Writer.create();
  int(w, F.model.irVersion, m.irVersion);
  text(w, F.model.producerName, m.producerName);
  text(w, F.model.producerVersion, m.producerVersion);
  text(w, F.model.docString, m.docString);
  message(w, F.model.graph, (w) => graph(w, m.graph));
  // OperatorSetIdProto: the default domain ("") at `opset`.
  message(w, F.model.opsetImport, (w) => int(w, F.opset.version, m.opset));
  for (const [key, value] of Object.entries(m.metadata)) {
    message(w, F.model.metadataProps, (w) => {
      text(w, F.entry.key, key);
      text(w, F.entry.value, value);
    });
  }
  return w.finish();
}
