/**
 * "Measure speed" for the torch engine: the run's own train.py, in the Python a run would use,
 * on a few batches (one epoch, one batch of validation). train.py times its training steps
 * itself; its done event's samples/s, with the sample counts of the real run, answer in the
 * shape of the tfjs probe (node/engine/loop/probe.ts). The first batch's warm-up is included,
 * so, as with the tfjs probe, the estimate errs on the long side. It waits its turn in the pool
 * of one-shot jobs (process/jobs.ts), like the tfjs probe.
 */
import type { TrainEvent, TrainOptions } from '../../../shared/api';
import type { NetwrightDocument } from '../../../shared/graph/schema';
import { datasetSize } from '../data/load';
import { inJobPool, JOB_TIMEOUT_MS } from '../process/jobs';
import type { ProbeReply } from '../protocol/messages';
import { startRun } from '../process/runner';
import { resolveSettings } from '../loop/run-settings';
import { torchTrainer, type TorchTrainerOptions } from './process';

/** Batches the probe trains. */
export const PROBE_BATCHES = 10;

type Done = Extract<TrainEvent, { type: 'done' }>;

/**
 * `await probeTorch(lenet5(), {}, { cacheDir })` → `{ type: 'probe', engine: 'torch', backend: 'cpu',
 * samplesPerSecond: 4200, trainSamples: 8000, valSamples: 2000 }`. Rejects with the run's error
 * (NO_TORCH where no Python has PyTorch), or when it takes longer than `timeoutMs`.
 */
export async function probeTorch(doc: NetwrightDocument, options: TrainOptions, torch: TorchTrainerOptions = {}, timeoutMs = JOB_TIMEOUT_MS): Promise<ProbeReply> {
  const settings = resolveSettings(doc.training, options);
  const { train, val } = await datasetSize(settings.dataset, settings.validationSplit, settings.limit);
  const short = { ...options, epochs: 1, limit: Math.min(train, settings.batchSize * PROBE_BATCHES) };
  const done = await inJobPool(() => new Promise<Done>((resolve, reject) => {
    const run = startRun(
      { doc, options: short },
      (e) => {
        if (e.type === 'done') resolve(e);
        else if (e.type === 'error') reject(new Error(e.message));
        // Only the timeout stops it.
        else if (e.type === 'stopped') reject(new Error(`PyTorch took over ${timeoutMs / 1000} s to train ${short.limit} samples.`));
      },
      torchTrainer({ ...torch, valLimit: settings.batchSize }),
    );
    const timer = setTimeout(() => run.stop(), timeoutMs);
    void run.done.finally(() => clearTimeout(timer));
  }));
  return { type: 'probe', engine: 'torch', backend: done.backend, samplesPerSecond: done.samplesPerSecond, trainSamples: train, valSamples: val };
}
