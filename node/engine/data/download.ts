/**
 * Downloads into the data folder's cache: a dataset's official archive (`downloadArchive`, MD5,
 * unpacked with `tar`) or one file such as a published checkpoint (`downloadFile`, checked
 * against the SHA-256 prefix its name carries). Both fetch over HTTP(S) with the hash computed as
 * it streams, report progress, are cancellable with an AbortSignal, and work in a temporary folder
 * beside the cache's, renamed into place only once the checks pass. A download that fails, is cut
 * off, has the wrong checksum or is cancelled leaves nothing behind. Every failure is one line
 * that names the URL, and for a network that cannot be reached, what to do by hand.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { get as httpGet, type IncomingMessage } from 'node:http';
import { get as httpsGet } from 'node:https';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { x as untar } from 'tar';

/** What to fetch and what it must unpack to. */
export interface ArchiveSource {
  title: string;
  url: string;
  /** The published MD5 of the archive, lower-case hex. */
  md5: string;
  /** The archive's size, used for progress when the server sends no Content-Length. */
  bytes: number;
  /** The one folder taken from the archive, and the files it must hold. */
  folder: string;
  files: string[];
}

export interface DownloadProgress {
  received: number;
  total: number;
}

export interface DownloadOptions {
  signal?: AbortSignal;
  /** Called as bytes arrive, at most every 0.5% of the total, and once at the end. */
  onProgress?(progress: DownloadProgress): void;
}

/** The download was cancelled (through the signal); nothing was kept. */
export class DownloadCancelled extends Error {
  constructor() {
    super('The download was cancelled; nothing was kept.');
  }
}

/** Errors of a network that cannot be reached, as Node names them. */
const UNREACHABLE = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'ENETUNREACH', 'EHOSTUNREACH', 'ETIMEDOUT', 'ECONNRESET', 'EPROTO', 'CERT_HAS_EXPIRED', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE']);

/** How long the server may stay silent, connecting or mid-download. */
const IDLE_MS = 30_000;

const megabytes = (n: number) => `${(n / 1e6).toFixed(1)} MB`;

/** The response to a GET, following up to 5 redirects; rejects for any status but 200. */
function get(url: string, signal: AbortSignal | undefined, redirects = 5): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const fetch = url.startsWith('https:') ? httpsGet : url.startsWith('http:') ? httpGet : undefined;
    if (!fetch) return reject(new Error(`${url} is not an http or https URL.`));
    const request = fetch(url, { signal, timeout: IDLE_MS }, (response) => {
      const status = response.statusCode ?? 0;
      const location = response.headers.location;
      if (status >= 300 && status < 400 && location && redirects > 0) {
        response.resume();
        resolve(get(new URL(location, url).href, signal, redirects - 1));
      } else if (status !== 200) {
        response.resume();
        reject(Object.assign(new Error(`HTTP ${status}${response.statusMessage ? ` ${response.statusMessage}` : ''}`), { status }));
      } else resolve(response);
    });
    request.on('timeout', () => request.destroy(Object.assign(new Error(`no answer for ${IDLE_MS / 1000} s`), { code: 'ETIMEDOUT' })));
    request.on('error', reject);
  });
}

/** Stream `source.url` into `file`; resolves with the hex digest (`algorithm`: md5, sha256) of what arrived. */
async function fetchTo(source: { url: string; bytes: number }, file: string, algorithm: string, options: DownloadOptions): Promise<string> {
  const response = await get(source.url, options.signal);
  const length = Number(response.headers['content-length']);
  const total = length > 0 ? length : source.bytes;
  const hash = createHash(algorithm);
  let received = 0;
  let reported = 0;
  const step = Math.max(1, Math.floor(total / 200));
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      received += chunk.length;
      if (received - reported >= step) {
        reported = received;
        options.onProgress?.({ received, total: Math.max(total, received) });
      }
      done(null, chunk);
    },
  });
  response.setTimeout(IDLE_MS, () => response.destroy(Object.assign(new Error(`no data for ${IDLE_MS / 1000} s`), { code: 'ETIMEDOUT' })));
  try {
    await pipeline(response, meter, createWriteStream(file), { signal: options.signal });
  } catch (e) {
    if (options.signal?.aborted) throw e;
    throw new Error(`The download of ${source.url} was cut off after ${megabytes(received)} of ${megabytes(total)}; nothing was kept. Try again.`);
  }
  if (length > 0 && received !== length) throw new Error(`The download of ${source.url} was cut off after ${megabytes(received)} of ${megabytes(length)}; nothing was kept. Try again.`);
  options.onProgress?.({ received, total: Math.max(total, received) });
  return hash.digest('hex');
}

/** `fetchTo`, with any failure as one line: `by` says what to do by hand when no byte arrived. */
async function fetchOrSay(source: { url: string; bytes: number; title: string }, file: string, algorithm: string, by: string, options: DownloadOptions): Promise<string> {
  try {
    return await fetchTo(source, file, algorithm, options);
  } catch (e) {
    if (options.signal?.aborted) throw new DownloadCancelled();
    const error = e as Error & { code?: string; status?: number };
    throw error.message.startsWith('The download of') ? error : unreachable(source, by, error);
  }
}

/** The one line for a failure before any byte arrived. */
function unreachable(source: { url: string; title: string }, by: string, e: Error & { code?: string; status?: number }): Error {
  if (e.status !== undefined) return new Error(`${new URL(source.url).host} answered ${e.message} for ${source.title}. ${by}`);
  const offline = e.code !== undefined && UNREACHABLE.has(e.code);
  return new Error(`${offline ? `No network: ${new URL(source.url).host} cannot be reached (${e.code})` : `${source.title} could not be downloaded (${e.message})`}. ${by}`);
}

/**
 * `await downloadArchive(CIFAR_ARCHIVES.cifar10, '/home/me/.netwright/cache', { onProgress })` →
 * the folder it unpacked to (`…/cache/cifar-10-batches-bin`), which replaces any earlier one whole.
 * Rejects with `DownloadCancelled` when the signal aborts, else with a one-line error.
 */
export async function downloadArchive(source: ArchiveSource, cacheDir: string, options: DownloadOptions = {}): Promise<string> {
  await mkdir(cacheDir, { recursive: true });
  // Beside the target, on the same file system, so that the final rename is atomic.
  const work = join(cacheDir, `.download-${randomUUID()}`);
  await mkdir(work);
  try {
    const archive = join(work, 'archive.tar.gz');
    const by = `Download ${source.url} by other means and unpack it into ${cacheDir} (it holds ${source.folder}/).`;
    const md5 = await fetchOrSay(source, archive, 'md5', by, options);
    if (md5 !== source.md5.toLowerCase()) throw new Error(`The archive from ${source.url} has MD5 ${md5}, not the published ${source.md5}: it was damaged or changed on the way; nothing was kept.`);
    const unpacked = join(work, 'unpacked');
    await mkdir(unpacked);
    const inFolder = (path: string) => path === source.folder || path.startsWith(`${source.folder}/`);
    try {
      await untar({ file: archive, cwd: unpacked, strict: true, filter: (path, entry) => inFolder(path) && 'type' in entry && (entry.type === 'File' || entry.type === 'Directory') });
    } catch (e) {
      throw new Error(`The archive from ${source.url} could not be unpacked (${(e as Error).message}); nothing was kept.`);
    }
    if (options.signal?.aborted) throw new DownloadCancelled();
    const missing = source.files.filter((f) => !existsSync(join(unpacked, source.folder, f)));
    if (missing.length) throw new Error(`The archive from ${source.url} lacks ${missing.map((f) => `${source.folder}/${f}`).join(', ')}; nothing was kept.`);
    const target = join(cacheDir, source.folder);
    if (existsSync(target)) await rename(target, join(work, 'previous'));
    await rename(join(unpacked, source.folder), target);
    return target;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** One file to fetch, checked against the SHA-256 prefix its name carries (torchvision's `resnet18-f37072fd.pth`). */
export interface FileSource {
  title: string;
  url: string;
  /** The name it is kept under in the cache folder. */
  file: string;
  /** The first hex digits of its SHA-256, lower-case: the file's SHA-256 must start with them. */
  sha256Prefix: string;
  /** Its size, for progress when the server sends no Content-Length. */
  bytes: number;
  /** What to do by hand when the server cannot be reached, the end of the one line. */
  byHand: string;
}

/**
 * `await downloadFile(source, '/home/me/.netwright/cache/weights', { onProgress })` → the file's
 * path (`…/weights/resnet18-f37072fd.pth`), which replaces any earlier one. Rejects with
 * `DownloadCancelled` when the signal aborts, else with a one-line error; either way nothing is kept.
 */
export async function downloadFile(source: FileSource, dir: string, options: DownloadOptions = {}): Promise<string> {
  await mkdir(dir, { recursive: true });
  const work = join(dir, `.download-${randomUUID()}`);
  await mkdir(work);
  try {
    const part = join(work, source.file);
    const sha256 = await fetchOrSay(source, part, 'sha256', source.byHand, options);
    if (!sha256.startsWith(source.sha256Prefix.toLowerCase())) {
      throw new Error(`The file from ${source.url} has SHA-256 ${sha256}, which does not start with the ${source.sha256Prefix} its name carries: it was damaged or changed on the way; nothing was kept.`);
    }
    if (options.signal?.aborted) throw new DownloadCancelled();
    const target = join(dir, source.file);
    await rename(part, target);
    return target;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
