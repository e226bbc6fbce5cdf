/** One-shot trainer jobs: the timing probe of `train.estimate` and dataset previews. */
import { describe, expect, it } from 'vitest';
import { runPreview, runProbe, runTrainerJob } from '../../../node/engine/process/jobs';
import { probeBatch } from '../../../node/engine/loop/probe';
import { ProbeReplySchema } from '../../../node/engine/protocol/messages';
import { forkTrainerAt } from '../../../node/engine/process/runner';
import { lenet5 } from '../../../shared/templates/lenet5';
import { useTestTrainer } from './testTrainer';

const trainer = useTestTrainer('jobs');
const spawn = () => forkTrainerAt(trainer.path);

describe('trainer jobs', () => {
  it('probe: times the run\'s own loop, a validation batch and the epoch\'s report, and counts the samples a run would see', async () => {
    const r = await runProbe(lenet5(), { limit: 1000 }, spawn);
    expect(r).toMatchObject({ type: 'probe', backend: 'wasm', trainSamples: 1000, valSamples: 2000 });
    expect(r.samplesPerSecond).toBeGreaterThan(0);
    expect(r.valSamplesPerSecond).toBeGreaterThan(0);
    expect(r.epochOverheadSeconds).toBeGreaterThan(0);
  });

  it('probe: times at the run’s batch size when its step takes at most 4 s, else at 8 samples', () => {
    expect(probeBatch(32, 0.01)).toBe(32);
    expect(probeBatch(32, 1)).toBe(32);
    expect(probeBatch(32, 1.01)).toBe(8);
    expect(probeBatch(128, 0.25)).toBe(128);
    expect(probeBatch(128, 0.26)).toBe(8);
    expect(probeBatch(4, 1.2)).toBe(4);
    expect(probeBatch(4, 2.4)).toBe(4);
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
