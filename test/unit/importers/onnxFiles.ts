/**
 * Small .onnx files for the import tests, written with the exporter's own encoder: one graph
 * from input "x" to output "y", opset 13.
 */
import { encodeModel, type Node, type Tensor } from '../../../shared/codegen/onnx/proto';

/** `onnxFile([relu], [], [1, 3, 4, 4], [1, 3, 4, 4])` → the file's bytes. */
export const onnxFile = (nodes: Node[], initializers: Tensor[], input: number[], output: number[]) =>
  encodeModel({
    irVersion: 7,
    opset: 13,
    producerName: 'test',
    producerVersion: '',
    docString: '',
    metadata: {},
    graph: { name: 'g', docString: '', nodes, initializers, inputs: [{ name: 'x', dims: input }], outputs: [{ name: 'y', dims: output }] },
  });
