/**
 * Whether tfjs's native packages can run here, without loading tfjs: they are optional
 * dependencies, and their install script downloads the binding.
 */
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * A native package only when its binding was built or downloaded (`lib/napi-v*\/tfjs_binding.node`):
 * an npm that skips install scripts leaves the package without it, and importing it then
 * registers its kernels before failing, which makes the next one warn of every kernel twice.
 */
export async function importNative(specifier: string): Promise<unknown> {
  if (!hasNativeBinding(specifier)) throw new Error(`${specifier} has no native binding`);
  return import(specifier);
}

/** `hasNativeBinding('@tensorflow/tfjs-node')`: installed, with its binding built or downloaded. */
export function hasNativeBinding(specifier: string, resolve: (id: string) => string = createRequire(import.meta.url).resolve): boolean {
  let lib: string;
  try {
    lib = join(dirname(resolve(`${specifier}/package.json`)), 'lib');
  } catch {
    return false; // not installed
  }
  if (!existsSync(lib)) return false;
  return readdirSync(lib).some((d) => d.startsWith('napi-v') && existsSync(join(lib, d, 'tfjs_binding.node')));
}
