/**
 * Reading an .onnx file (a serialised ModelProto) with protobufjs's Reader, by the field numbers
 * the exporter writes (FIELD in shared/codegen/onnx/proto.ts): the graph's nodes, initializers,
 * inputs and outputs. The file is untrusted: a truncated or malformed message, a tensor whose
 * data disagrees with its shape, or one claiming more than MAX_TENSOR_BYTES, is an
 * OnnxImportError with a one-line message, raised before anything that size is allocated.
 * Tensor data stays a view into the file until a layer asks for its values.
 */
import { Reader } from 'protobufjs/minimal.js';
import { FIELD, WIRE } from '../../codegen/onnx/proto';

/** A refusal: its message is one line, for the CLI and the Import dialog. */
export class OnnxImportError extends Error {}
/** The protobuf itself is broken: reported as such, with where. */
class Malformed extends OnnxImportError {}

/** More than any published CNN's largest tensor (VGG's first fully connected layer: 392 MiB). */
export const MAX_TENSOR_BYTES = 2 ** 30;

/** TensorProto.DataType codes Netwright reads, and the bytes of one element. */
const ELEMENT: Record<number, { name: string; bytes: number }> = {
  1: { name: 'float32', bytes: 4 },
  6: { name: 'int32', bytes: 4 },
  7: { name: 'int64', bytes: 8 },
  11: { name: 'float64', bytes: 8 },
};

export interface OnnxTensor {
  name: string;
  dims: number[];
  dataType: number;
  /** Its values as numbers (int64 as doubles), checked against its dims. */
  values(): Float64Array | Float32Array;
}

export type OnnxAttribute = { f: number } | { i: number } | { s: string } | { ints: number[] } | { floats: number[] } | { t: OnnxTensor } | { other: number };

export interface OnnxNode {
  name: string;
  opType: string;
  domain: string;
  inputs: string[];
  outputs: string[];
  attributes: Map<string, OnnxAttribute>;
}

/** A graph input or output: its sizes, numbers or names for the free ones. */
export interface OnnxValueInfo {
  name: string;
  elemType: number;
  dims: (number | string)[];
}

export interface OnnxModel {
  irVersion: number;
  producer: string;
  /** The default domain's operator set version. */
  opset: number;
  nodes: OnnxNode[];
  initializers: Map<string, OnnxTensor>;
  inputs: OnnxValueInfo[];
  outputs: OnnxValueInfo[];
}

const F = FIELD;
const show = (s: string) => JSON.stringify(s.length > 60 ? `${s.slice(0, 59)}…` : s);

/** Each field of the message `r` holds up to `end`: `read(field, wireType)` consumes the ones it knows. */
function fields(r: Reader, end: number, read: (field: number, wire: number) => boolean) {
  while (r.pos < end) {
    const key = r.uint32();
    const [field, wire] = [key >>> 3, key & 7];
    if (field === 0) throw new Malformed(`field number 0 at byte ${r.pos}`);
    if (!read(field, wire)) r.skipType(wire);
  }
  if (r.pos !== end) throw new Malformed(`a message overruns its length at byte ${end}`);
}

/** A field's wire type, checked to be the one its type is written with. */
function wired(r: Reader, wire: number, want: number) {
  if (wire !== want) throw new Malformed(`a field at byte ${r.pos} has wire type ${wire}, not ${want}`);
}
const str = (r: Reader, wire: number): string => (wired(r, wire, WIRE.BYTES), r.string());
const bytesOf = (r: Reader, wire: number): Uint8Array => (wired(r, wire, WIRE.BYTES), r.bytes());
const varint = (r: Reader, wire: number): number => (wired(r, wire, WIRE.VARINT), Number(r.int64()));

/** A sub-message's end, checked to lie within the file. */
function sub(r: Reader, wire: number = WIRE.BYTES): number {
  wired(r, wire, WIRE.BYTES);
  const length = r.uint32();
  const end = r.pos + length;
  if (end > r.len) throw new Malformed(`a field at byte ${r.pos} claims ${length} bytes, past the end of the file (${r.len} bytes)`);
  return end;
}

/** A repeated integer field, packed or not. */
function int64s(r: Reader, wire: number, into: number[]) {
  if (wire !== WIRE.BYTES) return void into.push(varint(r, wire));
  const end = sub(r, wire);
  while (r.pos < end) into.push(Number(r.int64()));
}

function floats(r: Reader, wire: number, into: number[]) {
  if (wire !== WIRE.BYTES) return void (wired(r, wire, WIRE.FIXED32), into.push(r.float()));
  const end = sub(r, wire);
  while (r.pos < end) into.push(r.float());
}

function tensor(r: Reader, end: number): OnnxTensor {
  const dims: number[] = [];
  let [name, dataType, raw, external] = ['', 0, undefined as Uint8Array | undefined, false];
  const listed: number[] = [];
  let doubles: Uint8Array | undefined;
  fields(r, end, (field, wire) => {
    if (field === F.tensor.dims) int64s(r, wire, dims);
    else if (field === F.tensor.dataType) dataType = varint(r, wire);
    else if (field === F.tensor.name) name = str(r, wire);
    else if (field === F.tensor.rawData) raw = bytesOf(r, wire);
    else if (field === F.tensor.floatData) floats(r, wire, listed);
    else if (field === F.tensor.int32Data || field === F.tensor.int64Data) int64s(r, wire, listed);
    else if (field === F.tensor.doubleData && wire === WIRE.BYTES) doubles = bytesOf(r, wire);
    else if (field === F.tensor.dataLocation) external = varint(r, wire) === 1;
    else return false;
    return true;
  });
  const what = `tensor ${show(name)}`;
  if (external) throw new OnnxImportError(`${what} keeps its data in a separate file (external data), which Netwright does not read`);
  if (dims.some((d) => !Number.isSafeInteger(d) || d < 0)) throw new OnnxImportError(`${what} has a negative or huge dimension (${dims.join(' × ')})`);
  const count = dims.reduce((a, b) => a * b, 1);
  const element = ELEMENT[dataType];
  if (count * (element?.bytes ?? 1) > MAX_TENSOR_BYTES) {
    throw new OnnxImportError(`${what} claims ${dims.join(' × ')} elements (${((count * (element?.bytes ?? 1)) / 2 ** 30).toFixed(1)} GiB), more than Netwright reads (${MAX_TENSOR_BYTES / 2 ** 30} GiB)`);
  }
  const values = () => {
    if (!element) throw new OnnxImportError(`${what} has element type ${dataType}, which Netwright does not read (float32, float64, int32, int64)`);
    const stored = raw ? raw.length / element.bytes : doubles ? doubles.length / 8 : listed.length;
    if (stored !== count) throw new OnnxImportError(`${what} has ${stored} values, but its shape (${dims.join(' × ')}) needs ${count}`);
    if (!raw && !doubles) return Float64Array.from(listed);
    const bytes = (raw ?? doubles)!;
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (dataType === 1) {
      const out = new Float32Array(count);
      for (let i = 0; i < count; i++) out[i] = view.getFloat32(i * 4, true);
      return out;
    }
    const out = new Float64Array(count);
    const at = doubles ? (i: number) => view.getFloat64(i * 8, true) : dataType === 6 ? (i: number) => view.getInt32(i * 4, true) : dataType === 7 ? (i: number) => Number(view.getBigInt64(i * 8, true)) : (i: number) => view.getFloat64(i * 8, true);
    for (let i = 0; i < count; i++) out[i] = at(i);
    return out;
  };
  // Sizes are checked now, values only when read.
  const stored = raw ? raw.length : doubles ? doubles.length : listed.length * (element?.bytes ?? 1);
  if (element && stored !== count * element.bytes) throw new OnnxImportError(`${what} has ${stored / element.bytes} values, but its shape (${dims.join(' × ')}) needs ${count}`);
  return { name, dims, dataType, values };
}

function attribute(r: Reader, end: number): [string, OnnxAttribute] {
  let name = '';
  let type = 0;
  const v: { f?: number; i?: number; s?: string; t?: OnnxTensor } = {};
  const ints: number[] = [];
  const fl: number[] = [];
  fields(r, end, (field, wire) => {
    if (field === F.attribute.name) name = str(r, wire);
    else if (field === F.attribute.type) type = varint(r, wire);
    else if (field === F.attribute.f) v.f = (wired(r, wire, WIRE.FIXED32), r.float());
    else if (field === F.attribute.i) v.i = varint(r, wire);
    else if (field === F.attribute.s) v.s = str(r, wire);
    else if (field === F.attribute.t) v.t = tensor(r, sub(r, wire));
    else if (field === F.attribute.ints) int64s(r, wire, ints);
    else if (field === F.attribute.floats) floats(r, wire, fl);
    else return false;
    return true;
  });
  // AttributeProto.AttributeType: FLOAT 1, INT 2, STRING 3, TENSOR 4, FLOATS 6, INTS 7.
  const value: OnnxAttribute =
    type === 1 ? { f: v.f ?? 0 } : type === 2 ? { i: v.i ?? 0 } : type === 3 ? { s: v.s ?? '' } : type === 4 && v.t ? { t: v.t } : type === 6 ? { floats: fl } : type === 7 ? { ints } : { other: type };
  return [name, value];
}

function node(r: Reader, end: number): OnnxNode {
  const n: OnnxNode = { name: '', opType: '', domain: '', inputs: [], outputs: [], attributes: new Map() };
  fields(r, end, (field, wire) => {
    if (field === F.node.input) n.inputs.push(str(r, wire));
    else if (field === F.node.output) n.outputs.push(str(r, wire));
    else if (field === F.node.name) n.name = str(r, wire);
    else if (field === F.node.opType) n.opType = str(r, wire);
    else if (field === F.node.domain) n.domain = str(r, wire);
    else if (field === F.node.attribute) n.attributes.set(...attribute(r, sub(r, wire)));
    else return false;
    return true;
  });
  return n;
}

function valueInfo(r: Reader, end: number): OnnxValueInfo {
  const v: OnnxValueInfo = { name: '', elemType: 0, dims: [] };
  const nested = (field: number, read: (end: number) => void) => (f: number, wire: number) => (f === field ? (read(sub(r, wire)), true) : false);
  fields(r, end, (field, wire) => {
    if (field === F.valueInfo.name) v.name = str(r, wire);
    else if (field === F.valueInfo.type)
      fields(r, sub(r, wire), nested(F.type.tensorType, (e) =>
        fields(r, e, (f, wire) => {
          if (f === F.tensorType.elemType) v.elemType = varint(r, wire);
          else if (f === F.tensorType.shape)
            fields(r, sub(r, wire), nested(F.shape.dim, (d) => {
              let dim: number | string = '?';
              fields(r, d, (g, wire) => (g === F.dim.value ? ((dim = varint(r, wire)), true) : g === F.dim.param ? ((dim = str(r, wire)), true) : false));
              v.dims.push(dim);
            }));
          else return false;
          return true;
        })));
    else return false;
    return true;
  });
  return v;
}

function graph(r: Reader, end: number, m: OnnxModel) {
  fields(r, end, (field, wire) => {
    if (field === F.graph.node) m.nodes.push(node(r, sub(r, wire)));
    else if (field === F.graph.initializer) {
      const t = tensor(r, sub(r, wire));
      m.initializers.set(t.name, t);
    } else if (field === F.graph.input) m.inputs.push(valueInfo(r, sub(r, wire)));
    else if (field === F.graph.output) m.outputs.push(valueInfo(r, sub(r, wire)));
    else return false;
    return true;
  });
}

/** The model in `bytes`: `decodeModel(readFileSync('resnet18.onnx'))`. Throws OnnxImportError. */
export function decodeModel(bytes: Uint8Array): OnnxModel {
  const m: OnnxModel = { irVersion: 0, producer: '', opset: 0, nodes: [], initializers: new Map(), inputs: [], outputs: [] };
  let hasGraph = false;
  const r = Reader.create(bytes);
  try {
    fields(r, bytes.length, (field, wire) => {
      if (field === F.model.irVersion) m.irVersion = varint(r, wire);
      else if (field === F.model.producerName) m.producer = str(r, wire);
      else if (field === F.model.graph) {
        graph(r, sub(r, wire), m);
        hasGraph = true;
      } else if (field === F.model.opsetImport) {
        let [domain, version] = ['', 0];
        fields(r, sub(r, wire), (f, wire) => (f === F.opset.domain ? ((domain = str(r, wire)), true) : f === F.opset.version ? ((version = varint(r, wire)), true) : false));
        if (domain === '' || domain === 'ai.onnx') m.opset = version;
      } else return false;
      return true;
    });
  } catch (e) {
    if (e instanceof OnnxImportError && !(e instanceof Malformed)) throw e;
    // protobufjs's RangeError ("index out of range: 12 + 10 > 20") or a wire type it cannot skip.
    throw new OnnxImportError(`Not a valid ONNX file: truncated or malformed protobuf (${(e as Error).message.replace(/\s+/g, ' ')})`);
  }
  if (!hasGraph || m.nodes.length === 0) throw new OnnxImportError('Not an ONNX model: the file holds no graph with nodes');
  return m;
}
