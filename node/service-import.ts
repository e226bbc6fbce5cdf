/**
 * The engine service's `import.onnx`: an .onnx file sent by the Import dialog becomes a document,
 * and its weights are kept in the data folder, `imported/<id>/<name>.safetensors` beside the
 * document (`<name>.netwright.json`), where `predict` finds them as `{ imported: id }` and a user
 * finds them as the CLI's `netwright import` would have written them. The id is the first 16 hex
 * digits of the .onnx file's SHA-256, so importing the same file again reuses its folder.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ReplyOf } from '../shared/api';
import { saveDocument } from '../shared/graph/load';
import { writeFileAtomic } from './files';
import { importOnnxBytes } from './onnx-import';

/** The folder of the imported models. */
const importedRoot = (dataDir: string) => join(dataDir, 'imported');

/** `resnet18.onnx` → `resnet18`: the stem the weights and document files are named after. */
const stemOf = (name: string) => name.replace(/^.*[\\/]/, '').replace(/\.onnx$/i, '').replace(/[^\w.\-+ ()]/g, '_').replace(/^\.+/, '') || 'model';

/** The safetensors file `import.onnx` kept for `id`, or a one-line error naming what to do. */
export function importedWeightsPath(dataDir: string, id: string): string {
  const dir = join(importedRoot(dataDir), id);
  const file = existsSync(dir) ? readdirSync(dir).find((f) => f.endsWith('.safetensors')) : undefined;
  if (!file) throw new Error(`The imported model's weights are no longer in ${dir}: import the .onnx file again.`);
  return join(dir, file);
}

/** `await importHandler(dataDir)({ name: 'resnet18.onnx', base64 })` → `{ doc, weights: { id, name, … } }`. */
export function importHandler(dataDir: string) {
  return async ({ name, base64 }: { name: string; base64: string }): Promise<ReplyOf<'import.onnx'>> => {
    const bytes = Buffer.from(base64, 'base64');
    const result = importOnnxBytes(bytes, name);
    const id = createHash('sha256').update(bytes).digest('hex').slice(0, 16);
    const dir = join(importedRoot(dataDir), id);
    const stem = stemOf(name);
    await mkdir(dir, { recursive: true });
    // The document first: a folder with weights is a whole import.
    await writeFileAtomic(join(dir, `${stem}.netwright.json`), saveDocument(result.doc));
    await writeFileAtomic(join(dir, `${stem}.safetensors`), result.safetensors);
    return { doc: result.doc, weights: { id, name: `${stem}.safetensors`, bytes: result.safetensors.length, tensors: result.tensors, parameters: result.parameters } };
  };
}
