/**
 * Where a template's published ImageNet weights (`shared/weights/published.ts`) are kept in the
 * data folder's cache (`cache/weights/resnet18-f37072fd.pth`), whether they are there, and what
 * `downloadFile` needs to fetch them; shared by the service, the CLI and `predict --weights imagenet`.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { hashPrefix, publishedUrl, type PublishedWeights } from '../shared/weights/published';
import type { FileSource } from './engine/data/download';

/** `weightsCacheDir('/home/me/.netwright/cache')` → `/home/me/.netwright/cache/weights`. */
export const weightsCacheDir = (cacheDir: string) => join(cacheDir, 'weights');

/** The cached file's path, or null when it has not been downloaded. */
export function cachedWeights(weights: PublishedWeights, cacheDir: string): string | null {
  const path = join(weightsCacheDir(cacheDir), weights.file);
  return existsSync(path) ? path : null;
}

/** What `downloadFile` fetches for `weights`, from torchvision's folder or `base` (a mirror, a test's server). */
export function weightsSource(weights: PublishedWeights, cacheDir: string, base?: string): FileSource {
  const url = publishedUrl(weights, base);
  return {
    title: `${weights.name}'s ImageNet weights`,
    url,
    file: weights.file,
    sha256Prefix: hashPrefix(weights.file)!,
    bytes: Math.round(weights.mib * 2 ** 20),
    byHand: `Download ${url} by other means and load it with "Load weights from a file…" (or put it in ${weightsCacheDir(cacheDir)}).`,
  };
}
