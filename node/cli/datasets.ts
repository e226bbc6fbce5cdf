/**
 * `netwright datasets [--data-dir DIR]`: the datasets Netwright can download, and whether each is
 * in the data folder's cache. `netwright datasets download cifar10|cifar100 [--url URL] [--md5 HEX]
 * [--data-dir DIR]`: fetch the official archive (or a mirror's, with its MD5 when it is not the
 * official file) into the cache, with a progress bar; Ctrl+C cancels and keeps nothing.
 */
import { join, resolve } from 'node:path';
import { DOWNLOADABLE_DATASETS, type DownloadableDataset } from '../../shared/datasets';
import { cifarArchive } from '../engine/data/cifar';
import { DownloadCancelled, downloadArchive, type DownloadProgress } from '../engine/data/download';
import { defaultCacheDir } from '../paths';
import { inCache } from '../service-datasets';
import { UsageError, type Parsed } from './args';

export const DATASETS_FLAGS = ['data-dir', 'url', 'md5'];

/** The flag's text, or undefined; a flag given without a value is a usage error. */
function text(flags: Parsed['flags'], name: string): string | undefined {
  const v = flags[name];
  if (v === true) throw new UsageError(`--${name} needs a value`);
  return v;
}

const megabytes = (n: number) => (n / 1e6).toFixed(1);

/** A progress bar on a terminal; elsewhere a line at every tenth. */
export function progressPrinter(out: NodeJS.WriteStream, title: string) {
  let tenth = 0;
  return ({ received, total }: DownloadProgress) => {
    if (out.isTTY) {
      const width = 30;
      const filled = Math.round((received / total) * width);
      out.write(`\r\x1b[K${title} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${megabytes(received)} of ${megabytes(total)} MB`);
    } else if (Math.floor((received / total) * 10) > tenth) {
      tenth = Math.floor((received / total) * 10);
      out.write(`${tenth * 10}% (${megabytes(received)} of ${megabytes(total)} MB)\n`);
    }
  };
}

/** Resolves to the exit code: 0 listed or downloaded, 3 the download failed or was cancelled. */
export async function datasetsCommand(positional: string[], flags: Parsed['flags'], out: NodeJS.WriteStream = process.stdout): Promise<number> {
  const dataDir = text(flags, 'data-dir');
  const cacheDir = dataDir ? join(resolve(dataDir), 'cache') : defaultCacheDir();
  const [action, name, ...rest] = positional;
  if (action === undefined) {
    if (flags.url !== undefined || flags.md5 !== undefined) throw new UsageError('--url and --md5 go with datasets download');
    for (const dataset of DOWNLOADABLE_DATASETS) {
      const archive = cifarArchive(dataset);
      out.write(`${dataset}\t${inCache(dataset, cacheDir) ? 'in the cache' : 'not downloaded'}\t${join(cacheDir, archive.folder)}\n`);
    }
    return 0;
  }
  if (action !== 'download') throw new UsageError(`datasets: unknown action "${action}"; use datasets download ${DOWNLOADABLE_DATASETS.join('|')}`);
  if (rest.length > 0 || !(DOWNLOADABLE_DATASETS as readonly string[]).includes(name ?? '')) throw new UsageError(`datasets download takes one of: ${DOWNLOADABLE_DATASETS.join(', ')}`);
  const url = text(flags, 'url');
  const md5 = text(flags, 'md5');
  if (md5 !== undefined && !/^[0-9a-f]{32}$/i.test(md5)) throw new UsageError('--md5 must be 32 hexadecimal digits');
  const archive = cifarArchive(name as DownloadableDataset, { ...(url ? { url } : {}), ...(md5 ? { md5 } : {}) });
  out.write(`Downloading ${archive.title} from ${archive.url} into ${cacheDir}\n`);
  const abort = new AbortController();
  const cancel = () => abort.abort();
  process.once('SIGINT', cancel);
  try {
    const dir = await downloadArchive(archive, cacheDir, { signal: abort.signal, onProgress: progressPrinter(out, archive.title) });
    out.write(`${out.isTTY ? '\n' : ''}${archive.title} is in ${dir}: train on it with --dataset ${name}.\n`);
    return 0;
  } catch (e) {
    if (out.isTTY) out.write('\n');
    process.stderr.write(`netwright: ${e instanceof DownloadCancelled ? e.message : (e as Error).message}\n`);
    return 3;
  } finally {
    process.off('SIGINT', cancel);
  }
}
