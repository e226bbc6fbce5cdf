/**
 * `netwright export-weights <run id | model dir> [--doc FILE|TEMPLATE] [--best] [--data-dir DIR] -o FILE`:
 * a tfjs model's trained weights as a PyTorch state_dict (`.pth`, or `.safetensors` by the
 * name), with torchvision's names for its templates, so that training goes on in PyTorch with
 * `model.load_state_dict(torch.load(FILE), strict=True)`.
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { loadDocument } from '../../shared/graph/load';
import type { NetwrightDocument } from '../../shared/graph/schema';
import { writePth } from '../../shared/weights/pth';
import { writeSafetensors } from '../../shared/weights/safetensors';
import { pickBackend } from '../engine/backend/choose';
import { loadModel } from '../engine/loop/checkpoint';
import { stateDictOfModel } from '../engine/model/weights';
import { defaultDataDir } from '../paths';
import { UsageError, type Parsed } from './args';
import { openDocument } from './documents';
import { InvalidModel } from './evaluate';

export const EXPORT_WEIGHTS_FLAGS = ['doc', 'best', 'data-dir', 'output'];

/** The model folder and its document: a run's (from doc.json), or a folder's with --doc. */
async function source(ref: string, flags: Parsed['flags']): Promise<{ dir: string; doc: NetwrightDocument }> {
  const docFlag = typeof flags.doc === 'string' ? flags.doc : undefined;
  if (existsSync(join(ref, 'model.json'))) {
    if (!docFlag) throw new UsageError(`export-weights needs --doc FILE|TEMPLATE for a model folder: the network ${ref} was trained from`);
    return { dir: resolve(ref), doc: await openDocument(docFlag) };
  }
  const dataDir = typeof flags['data-dir'] === 'string' ? resolve(flags['data-dir']) : defaultDataDir();
  const run = join(dataDir, 'runs', ref);
  if (!/^[A-Za-z0-9][A-Za-z0-9-]{0,99}$/.test(ref) || !existsSync(join(run, 'doc.json'))) throw new InvalidModel(`${ref} is neither a model folder (model.json) nor a run in ${join(dataDir, 'runs')}.`);
  const dir = join(run, flags.best === true ? 'best' : 'final');
  if (!existsSync(join(dir, 'model.json'))) throw new InvalidModel(`Run ${ref} has no tfjs weights in ${dir} (a torch run's model.pt is a state_dict already).`);
  const loaded = loadDocument(await readFile(join(run, 'doc.json'), 'utf8'));
  if (!loaded.ok) throw new InvalidModel(`Run ${ref}: its doc.json cannot be read (${loaded.error.message}).`);
  return { dir, doc: docFlag ? await openDocument(docFlag) : loaded.doc };
}

/** Resolves to the exit code: 0 when written, 1 when the weights do not fit the document. */
export async function exportWeightsCommand(positional: string[], flags: Parsed['flags']): Promise<number> {
  const rest = [...positional];
  let output = typeof flags.output === 'string' ? flags.output : undefined;
  const o = rest.indexOf('-o');
  if (o >= 0) output = rest.splice(o, 2)[1];
  if (rest.length !== 1 || !output) throw new UsageError('export-weights takes one run id or model folder, and -o FILE (.pth, .pt or .safetensors)');
  const { dir, doc } = await source(rest[0]!, flags);
  await pickBackend();
  const { model } = await loadModel(dir);
  try {
    const tensors = stateDictOfModel(doc, model);
    const bytes = /\.safetensors$/i.test(output) ? writeSafetensors(tensors) : writePth(tensors);
    await writeFile(output, bytes);
    console.log(`${output}: ${tensors.size} tensors of ${doc.name}, ${(bytes.length / 2 ** 20).toFixed(1)} MiB`);
    return 0;
  } catch (e) {
    console.error(`netwright: ${(e as Error).message}`);
    return 1;
  } finally {
    model.dispose();
  }
}
