/**
 * `netwright import <model.json|model.onnx> [-o FILE]`: a TensorFlow.js model.json or a Keras
 * model config as a Netwright document, printed or written to FILE; an ONNX file as a document
 * written to FILE and its weights beside it (FILE's name, .safetensors), which `predict
 * --weights` loads. A file that cannot be imported writes nothing and exits 1 with one line per
 * problem (one line in all for a file that is not JSON or not valid ONNX).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { saveDocument } from '../../shared/graph/load';
import { importModel } from '../../shared/importers/keras';
import { importOnnxBytes } from '../onnx-import';
import { UsageError } from './args';
import { InvalidDocument } from './documents';

/** `netwright import model.json -o model.netwright.json` → 0. */
export async function importCommand(positional: readonly string[], stdout: NodeJS.WritableStream = process.stdout): Promise<number> {
  const rest = [...positional];
  let out: string | undefined;
  const o = rest.indexOf('-o');
  if (o >= 0) {
    if (o + 1 >= rest.length) throw new UsageError('-o needs a file name');
    out = rest.splice(o, 2)[1];
  }
  if (rest.length !== 1) throw new UsageError('import takes one model file');
  const path = rest[0]!;
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (e) {
    throw new InvalidDocument(`Cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  if (/\.onnx$/i.test(path)) return importOnnxFile(path, bytes, out, stdout);
  const source = bytes.toString('utf8');
  let json: unknown;
  try {
    json = JSON.parse(source);
  } catch (e) {
    // V8 quotes the text around the fault, newlines and all: one line, as every refusal is.
    throw new InvalidDocument(`${path} is not JSON: ${(e as Error).message.replace(/\s+/g, ' ')}`);
  }
  const result = importModel(json, basename(path));
  if (!result.ok) throw new InvalidDocument(`${path}: ${result.message}`);
  const text = saveDocument(result.doc);
  if (out === undefined) stdout.write(text);
  else {
    await writeFile(out, text);
    stdout.write(`Wrote ${out} (${result.doc.graph.nodes.length} layers)\n`);
  }
  return 0;
}

/** The weights file beside a document: `resnet18.json` → `resnet18.safetensors`. */
export const weightsPathOf = (doc: string) => `${doc.replace(/\.json$/i, '')}.safetensors`;

async function importOnnxFile(path: string, bytes: Uint8Array, out: string | undefined, stdout: NodeJS.WritableStream): Promise<number> {
  if (out === undefined) throw new UsageError('importing an .onnx file needs -o FILE: its weights are written beside FILE');
  let result;
  try {
    result = importOnnxBytes(bytes, basename(path), path);
  } catch (e) {
    throw new InvalidDocument((e as Error).message);
  }
  const weights = weightsPathOf(out);
  await writeFile(out, saveDocument(result.doc));
  await writeFile(weights, result.safetensors);
  const params = result.parameters.toLocaleString('en-US');
  stdout.write(`Wrote ${out} (${result.doc.graph.nodes.length} layers) and ${weights} (${result.tensors} tensors, ${params} parameters)\n`);
  stdout.write(`Try: netwright predict ${out} --weights ${weights} --image IMG\n`);
  return 0;
}
