/**
 * `netwright predict <file|template> --weights FILE|imagenet --image IMG [--top N] [--partial] [--backend B] [--json]`:
 * the top classes a network with pretrained weights sees in a photo. FILE is a PyTorch
 * state_dict (.pth/.pt), a safetensors file or a folder Netwright saved a model in; `imagenet`
 * the template's torchvision checkpoint that `netwright weights download` put in the cache.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { BACKENDS } from '../../shared/api';
import type { NetwrightDocument } from '../../shared/graph/schema';
import { pickBackend } from '../engine/backend/choose';
import { predictPhoto } from '../engine/loop/predict';
import { PUBLISHED_WEIGHTS, publishedFor } from '../../shared/weights/published';
import { defaultCacheDir } from '../paths';
import { cachedWeights } from '../published-weights';
import { intFlag, UsageError, type Parsed } from './args';
import { InvalidModel } from './evaluate';

export const PREDICT_FLAGS = ['weights', 'image', 'top', 'json', 'partial', 'backend'];

/** A string flag that must be given: `required(flags, 'weights', 'a weights file')`. */
function required(flags: Parsed['flags'], name: string, what: string): string {
  const v = flags[name];
  if (typeof v !== 'string') throw new UsageError(`predict needs --${name} ${what}`);
  return v;
}

/** `--weights imagenet`: the template's published weights in the data folder's cache, or a one-line error saying how to get them. */
export function imagenetWeights(doc: NetwrightDocument): string {
  const entry = publishedFor(doc.name);
  if (!entry) throw new InvalidModel(`${doc.name} has no published ImageNet weights (these templates have: ${PUBLISHED_WEIGHTS.map((w) => w.template).join(', ')}).`);
  const path = cachedWeights(entry, defaultCacheDir());
  if (!path) throw new InvalidModel(`${entry.name}'s ImageNet weights are not in the cache yet: netwright weights download ${entry.template}`);
  return path;
}

/** Resolves to the exit code: 0 with a prediction, 1 for weights that do not fit, 3 when it failed. */
export async function predictCommand(doc: NetwrightDocument, flags: Parsed['flags'], out: NodeJS.WriteStream = process.stdout): Promise<number> {
  const asked = required(flags, 'weights', 'FILE (.pth, .pt, .safetensors or a saved model folder) or imagenet');
  const weights = asked === 'imagenet' ? imagenetWeights(doc) : resolve(asked);
  const image = resolve(required(flags, 'image', 'IMG (a JPEG, PNG or WebP photo)'));
  const top = intFlag(flags, 'top', 1, 1000) ?? 5;
  const backend = flags.backend;
  if (backend !== undefined && (backend === true || !(BACKENDS as readonly string[]).includes(backend))) throw new UsageError(`--backend must be one of: ${BACKENDS.join(', ')}`);
  for (const f of [weights, image]) if (!existsSync(f)) throw new InvalidModel(`${f} does not exist.`);
  await pickBackend(typeof backend === 'string' ? backend : undefined);
  let p;
  try {
    p = await predictPhoto(doc, { weights, image, top, partial: flags.partial === true });
  } catch (e) {
    process.stderr.write(`netwright: ${(e as Error).message}\n`);
    return /^(Cannot read|The photo)/.test((e as Error).message) ? 3 : 1;
  }
  if (flags.json === true) {
    out.write(JSON.stringify({ model: doc.name, weights, image, ...p }) + '\n');
    return 0;
  }
  out.write(`${doc.name} with ${weights}: ${p.loaded} layers loaded\n`);
  if (p.skipped.length + p.unused.length > 0) {
    out.write(`--partial left out ${p.skipped.length + p.unused.length} tensors:\n`);
    for (const line of [...p.skipped, ...p.unused.map((k) => `${k}: no layer takes it`)]) out.write(`  ${line}\n`);
  }
  out.write(`${image}: ${p.preprocessing}\n`);
  for (const t of p.top) out.write(`${(t.probability * 100).toFixed(2).padStart(7)}%  ${t.name}\n`);
  return 0;
}
