/**
 * The engine service with a trainer built from the current sources (esbuild, into
 * node_modules/.cache), a temporary data folder, and a run trained to its end: where the tests of
 * a run's saved model (`runs.evaluate`, `runs.explain`) start, or only the trainer (`predict`).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { ApiEvent, TrainApiEvent } from '../../../shared/api';
import type { NetwrightDocument } from '../../../shared/graph/schema';
import { forkTrainerAt } from '../../../node/engine/process/runner';
import { appRoot } from '../../../node/paths';
import { createService } from '../../../node/service';

/** `const s = serviceWithTrainer('runs-explain'); const runId = await s.train(doc); … s.cleanup()`. */
export function serviceWithTrainer(name: string) {
  const buildDir = join(appRoot, 'node_modules', '.cache', `netwright-${name}-test-${process.pid}`);
  const dataDir = mkdtempSync(join(tmpdir(), `netwright-${name}-`));
  const events: TrainApiEvent[] = [];
  /** Every event the service sent, of any type. */
  const all: ApiEvent[] = [];
  const emit = (e: ApiEvent) => {
    all.push(e);
    if (e.type === 'train') events.push(e);
  };
  const service = createService({ transport: 'browser', version: 'test', emit, spawnTrainer: () => forkTrainerAt(join(buildDir, 'trainer.mjs')), dataDir });
  const call = <T>(method: string, payload: unknown) => service.handle(method, payload) as Promise<T>;
  /** Build the trainer from the current sources, for jobs that need no run (`predict`). */
  const buildTrainer = async () => {
    mkdirSync(buildDir, { recursive: true });
    await build({ entryPoints: [join(appRoot, 'node/engine/process/trainer.ts')], outfile: join(buildDir, 'trainer.mjs'), bundle: true, platform: 'node', format: 'esm', packages: 'external', logLevel: 'warning' });
  };
  return {
    dataDir,
    events,
    all,
    call,
    buildTrainer,
    /** Build the trainer, train `doc` with its own settings, and resolve with the run id once it has ended. */
    async train(doc: NetwrightDocument): Promise<string> {
      await buildTrainer();
      const { runId } = await call<{ runId: string }>('train.start', { doc });
      while (!events.some((e) => e.runId === runId && ['done', 'stopped', 'error'].includes(e.event.type))) await new Promise((r) => setTimeout(r, 50));
      return runId;
    },
    cleanup() {
      rmSync(buildDir, { recursive: true, force: true });
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
