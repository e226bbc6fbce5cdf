/**
 * An ONNX graph being written: nodes, initializers, inputs and outputs, with unique names, and
 * the layout rule every layer's row follows. Netwright's shapes are channels last (H×W×C, as
 * tfjs); ONNX's image operators are NCHW. So an image (a 3-D shape per sample) is held as
 * N×C×H×W, anything else (vectors, other reshapes) as N×… in Netwright's own order.
 */
import type { Shape } from '../../layers/types';
import { namer } from '../names';
import { FLOAT, INT64, type AttributeValue, type Node, type Tensor, type ValueInfo } from './proto';

/** A tensor of the graph: its name, and its shape per sample as the shape engine gives it (channels last). */
export interface Value {
  name: string;
  shape: Shape;
}

export const isImage = (shape: Shape): boolean => shape.length === 3;

/** The sizes an ONNX tensor of this per-sample shape has after the batch: C, H, W for an image. */
export const onnxDims = (shape: Shape): number[] => (isImage(shape) ? [shape[2]!, shape[0]!, shape[1]!] : [...shape]);

/** Where the channels are in the ONNX tensor: 1 for an image (NCHW), else the last axis. */
export const channelAxis = (shape: Shape): number => (isImage(shape) ? 1 : -1);

const bytesOf = (a: Float32Array | BigInt64Array) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

export class OnnxGraph {
  readonly nodes: Node[] = [];
  readonly initializers: Tensor[] = [];
  readonly inputs: ValueInfo[] = [];
  readonly outputs: ValueInfo[] = [];
  /** The outputs of ZeroPadding2D layers, with their input and zeros: a MaxPool after one pads that input itself (layers.ts). */
  readonly zeroPadded = new Map<string, { input: string; pairs: [[number, number], [number, number]] }>();
  /** Names are unique across values, nodes and initializers: `wanted`, else `wanted_2`… */
  readonly fresh = namer(new Set(), '_');

  /** A node with one output, named `wanted` (or made unique); returns the output's name. */
  node(opType: string, inputs: readonly string[], attributes: Record<string, AttributeValue>, wanted: string): string {
    const name = this.fresh(wanted);
    this.nodes.push({ opType, name, inputs, outputs: [name], attributes });
    return name;
  }

  /** A float initializer; returns its name. */
  floats(wanted: string, dims: readonly number[], data: Float32Array): string {
    const name = this.fresh(wanted);
    this.initializers.push({ name, dims, dataType: FLOAT, raw: bytesOf(data) });
    return name;
  }

  /** A float scalar (dims []), e.g. Clip's bounds. */
  scalar(wanted: string, value: number): string {
    return this.floats(wanted, [], Float32Array.of(value));
  }

  /** A 1-D int64 initializer, e.g. Pad's pads or Reshape's shape. */
  int64s(wanted: string, values: readonly number[]): string {
    const name = this.fresh(wanted);
    this.initializers.push({ name, dims: [values.length], dataType: INT64, raw: bytesOf(BigInt64Array.from(values, BigInt)) });
    return name;
  }

  /** A graph input of a per-sample shape; the batch size is free ("N"). */
  input(wanted: string, shape: Shape): Value {
    const name = this.fresh(wanted);
    this.inputs.push({ name, dims: ['N', ...onnxDims(shape)] });
    return { name, shape };
  }

  output(value: Value): void {
    this.outputs.push({ name: value.name, dims: ['N', ...onnxDims(value.shape)] });
  }

  /** The value in Netwright's order (an image as N×H×W×C): what Flatten and Reshape count in. */
  channelsLast(value: Value, wanted: string): string {
    return isImage(value.shape) ? this.node('Transpose', [value.name], { perm: { ints: [0, 2, 3, 1] } }, wanted) : value.name;
  }

  /** Back from Netwright's order to the layout above: an N×H×W×C image to NCHW. */
  fromChannelsLast(name: string, shape: Shape, wanted: string): string {
    return isImage(shape) ? this.node('Transpose', [name], { perm: { ints: [0, 3, 1, 2] } }, wanted) : name;
  }
}
