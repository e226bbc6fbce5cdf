/**
 * An .onnx file's bytes as a document and its weights as a safetensors file, with the refusal
 * every front end shows: `netwright import` (node/cli/import.ts) and the Import dialog through the
 * API's `import.onnx` (node/service-import.ts) say the same lines for the same file.
 */
import { importOnnx, OnnxImportError, parameterCount } from '../shared/importers/onnx/import';
import type { NetwrightDocument } from '../shared/graph/schema';
import { writeSafetensors } from '../shared/weights/safetensors';

export interface ImportedOnnx {
  doc: NetwrightDocument;
  /** The weights as a safetensors file, in PyTorch's layouts under the document's module names. */
  safetensors: Uint8Array;
  tensors: number;
  /** Trainable parameters (BatchNorm's running statistics left out), as torchinfo counts them. */
  parameters: number;
}

/**
 * `importOnnxBytes(bytes, 'resnet18.onnx')` → the document and its weights. Throws an Error whose
 * message is one line, or for unsupported operators one line per operator, after `shownAs` (the
 * file's name, or the path the command line was given).
 */
export function importOnnxBytes(bytes: Uint8Array, fileName: string, shownAs = fileName): ImportedOnnx {
  let result;
  try {
    result = importOnnx(bytes, fileName);
  } catch (e) {
    // Every refusal is an OnnxImportError; this keeps a missed case to one line too.
    throw new Error(`${shownAs}: ${e instanceof OnnxImportError ? e.message : `Netwright could not import this model: ${(e as Error).message.replace(/\s+/g, ' ')}`}`);
  }
  return { doc: result.doc, safetensors: writeSafetensors(result.weights), tensors: result.weights.size, parameters: parameterCount(result.weights) };
}
