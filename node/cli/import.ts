/**
 * `netwright import <model.json> [-o FILE]`: a TensorFlow.js model.json or a Keras model config
 * as a Netwright document, printed or written to FILE. A file that cannot be imported writes
 * nothing and exits 1 with one line per problem (one line in all for a file that is not JSON),
 * each naming the layer by position and name.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { saveDocument } from '../../shared/graph/load';
import { importModel } from '../../shared/importers/keras';
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
  let source: string;
  try {
    source = await readFile(path, 'utf8');
  } catch (e) {
    throw new InvalidDocument(`Cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
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
