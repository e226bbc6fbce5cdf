/** One-shot trainer jobs: the timing probe of `train.estimate` and dataset previews. */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPreview, runProbe, runTrainerJob } from '../../../electron/engine/jobs';
import { ProbeReplySchema } from '../../../electron/engine/protocol';
import { forkTrainerAt } from '../../../electron/engine/runner';
import { appRoot } from '../../../electron/paths';
import { lenet5 } from '../../../shared/templates/lenet5';

const buildDir = join(appRoot, 'node_modules', '.cache', `netwright-jobs-test-${process.pid}`);
const spawn = () => forkTrainerAt(join(buildDir, 'trainer.mjs'));

beforeAll(async () => {
  mkdirSync(buildDir, { recursive: true });
  await build({ entryPoints: [join(appRoot, 'electron/engine/trainer.ts')], outfile: join(buildDir, 'trainer.mjs'), bundle: true, platform: 'node', format: 'esm', packages: 'external', logLevel: 'warning' });
});
afterAll(() => rmSync(buildDir, { recursive: true, force: true }));

describe('trainer jobs', () => {
  it('probe: times a few steps and counts the samples a run would see', async () => {
    const r = await runProbe(lenet5(), { limit: 1000 }, spawn);
    expect(r).toMatchObject({ type: 'probe', backend: 'wasm', trainSamples: 1000, valSamples: 2000 });
    expect(r.samplesPerSecond).toBeGreaterThan(0);
  });

  it('probe: reports what is wrong as a rejection', async () => {
    await expect(runProbe(lenet5(), { dataset: './no-such-folder' }, spawn)).rejects.toThrow(/The dataset folder .*no-such-folder does not exist\./);
  });

  it('preview: labelled images from the trainer process', async () => {
    const p = await runPreview('fashion-mnist', 4, 1, spawn);
    expect(p.classNames[0]).toBe('T-shirt/top');
    expect(p.samples.map((s) => s.className)).toEqual(['T-shirt/top', 'Trouser', 'Pullover', 'Dress']);
  });

  it('gives up on a trainer that does not answer in time', async () => {
    await expect(runTrainerJob({ type: 'pause' }, ProbeReplySchema, spawn, 300)).rejects.toThrow('The trainer took over 0.3 s to answer.');
  });
});
