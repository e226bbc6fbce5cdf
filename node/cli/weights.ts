/**
 * `netwright weights [--data-dir DIR]`: the templates with published ImageNet weights, and whether
 * each is in the data folder's cache. `netwright weights download TEMPLATE [--url BASE]
 * [--data-dir DIR]`: fetch torchvision's checkpoint (or a mirror's copy, from the folder BASE),
 * SHA-256-checked against the prefix its name carries, with a progress bar; Ctrl+C cancels and
 * keeps nothing. The path it prints is what `predict --weights imagenet` reads.
 */
import { join, resolve } from 'node:path';
import { PUBLISHED_WEIGHTS, publishedUrl } from '../../shared/weights/published';
import { DownloadCancelled, downloadFile } from '../engine/data/download';
import { defaultCacheDir } from '../paths';
import { cachedWeights, weightsCacheDir, weightsSource } from '../published-weights';
import { publishedEntry } from '../service-weights';
import { UsageError, type Parsed } from './args';
import { progressPrinter } from './datasets';

export const WEIGHTS_FLAGS = ['data-dir', 'url'];

/** The flag's text, or undefined; a flag given without a value is a usage error. */
function text(flags: Parsed['flags'], name: string): string | undefined {
  const v = flags[name];
  if (v === true) throw new UsageError(`--${name} needs a value`);
  return v;
}

/** Resolves to the exit code: 0 listed or downloaded, 3 the download failed or was cancelled. */
export async function weightsCommand(positional: string[], flags: Parsed['flags'], out: NodeJS.WriteStream = process.stdout): Promise<number> {
  const dataDir = text(flags, 'data-dir');
  const cacheDir = dataDir ? join(resolve(dataDir), 'cache') : defaultCacheDir();
  const base = text(flags, 'url');
  const [action, template, ...rest] = positional;
  if (action === undefined) {
    if (base !== undefined) throw new UsageError('--url goes with weights download');
    for (const w of PUBLISHED_WEIGHTS) out.write(`${w.template}\t${cachedWeights(w, cacheDir) ? 'in the cache' : 'not downloaded'}\t${join(weightsCacheDir(cacheDir), w.file)}\t${publishedUrl(w)}\n`);
    return 0;
  }
  const names = PUBLISHED_WEIGHTS.map((w) => w.template).join('|');
  if (action !== 'download') throw new UsageError(`weights: unknown action "${action}"; use weights download ${names}`);
  if (template === undefined || rest.length > 0 || !PUBLISHED_WEIGHTS.some((w) => w.template === template)) throw new UsageError(`weights download takes one of: ${names}`);
  const source = weightsSource(publishedEntry(template), cacheDir, base);
  out.write(`Downloading ${source.title} from ${source.url} into ${weightsCacheDir(cacheDir)}\n`);
  const abort = new AbortController();
  const cancel = () => abort.abort();
  process.once('SIGINT', cancel);
  try {
    const path = await downloadFile(source, weightsCacheDir(cacheDir), { signal: abort.signal, onProgress: progressPrinter(out, source.title) });
    out.write(`${out.isTTY ? '\n' : ''}${source.title} are in ${path}: netwright predict ${template} --weights imagenet --image IMG\n`);
    return 0;
  } catch (e) {
    if (out.isTTY) out.write('\n');
    process.stderr.write(`netwright: ${(e as Error).message}\n`);
    return 3;
  } finally {
    process.off('SIGINT', cancel);
  }
}
