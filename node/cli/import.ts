/**
 * `netwright import <model.json> [-o FILE]`: a TensorFlow.js model.json or a Keras model config
 * as a Netwright document, printed or written to FILE. Unsupported layers are listed and
 * nothing is written (exit code 1).
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
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (e) {
    throw new InvalidDocument(`Cannot read ${path} as JSON: ${(e as Error).message}`);
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
