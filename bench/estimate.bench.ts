/**
 * The speed estimate against the run it estimates (`npm run bench estimate`): for LeNet-5 and
 * Mini-VGG on MNIST at their template settings, the probe of `train.estimate` and then a real
 * two-epoch run, each in its own trainer process as the app starts them, round after round so
 * that the machine's load falls on both alike. Prints seconds per epoch both ways and how far
 * off the estimate was (the bar: within 25 %), beside the baseline: what the probe timed before
 * (`trainStep` alone on one random batch, validation taken as a third of it), in this process.
 * Nothing passes or fails on time.
 */
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import type { EpochMetrics } from '../shared/api';
import { buildTemplate } from '../shared/templates/index';
import { estimateOff, secondsPerEpoch } from '../shared/timeText';
import { estimateRun } from '../node/engine/budget/estimate';
import { runProbe } from '../node/engine/process/jobs';
import { startRun } from '../node/engine/process/runner';
import { median } from './measure';
import { pickBackend } from '../node/engine/backend/choose';
import { threadsForRun } from '../node/engine/backend/wasm-threads';
import { compileDocument } from '../node/engine/model/compile';
import { makeOptimizer } from '../node/engine/loop/optimizer';
import { trainableVariables } from '../node/engine/loop/step';
import { randomBatch, trainRate, warmUp } from './trainRate';

const ROUNDS = Number(process.env.ROUNDS ?? 2);
const EPOCHS = 2;

async function realRun(id: string): Promise<number> {
  const epochs: EpochMetrics[] = [];
  let failure: string | undefined;
  await startRun({ doc: buildTemplate(id)!, options: { epochs: EPOCHS } }, (e) => {
    if (e.type === 'epoch') epochs.push(e);
    if (e.type === 'error') failure = e.message;
  }).done;
  const seconds = secondsPerEpoch(epochs);
  if (seconds === undefined) throw new Error(`${id}: the run reported no timed epoch${failure ? ` (${failure})` : ''}`);
  return seconds;
}

async function estimated(id: string): Promise<number> {
  const doc = buildTemplate(id)!;
  const probe = await runProbe(doc, { epochs: EPOCHS });
  return estimateRun(doc, doc.training, { totalMemory: totalmem(), freeMemory: freemem(), backend: probe.backend }, probe).time!.secondsPerEpoch;
}

/** The probe before issue #18: a second of `trainStep` on one random batch after a second of warm-up. */
async function stepOnly(id: string, trainSamples: number, valSamples: number): Promise<number> {
  const doc = buildTemplate(id)!;
  await pickBackend('wasm', { threads: threadsForRun(doc, doc.training) });
  const model = compileDocument(doc);
  const v = { model, optimizer: makeOptimizer(doc.training), weights: trainableVariables(model) };
  const data = randomBatch(doc.training.batchSize, model.inputs[0]!.shape.slice(1) as number[], 10);
  warmUp(v, data, 1);
  let steps = 1;
  while (steps * (doc.training.batchSize / trainRate(v, data, steps)) < 1) steps *= 2;
  const sps = trainRate(v, data, steps);
  model.dispose();
  return trainSamples / sps + valSamples / (3 * sps);
}

console.log('\n## Speed estimate against the real run — `npm run bench estimate`\n');
console.log(`${cpus()[0]?.model ?? 'CPU'} × ${cpus().length} · load ${loadavg().map((l) => l.toFixed(2)).join(' ')} at the start · ${ROUNDS} rounds of probe, then a ${EPOCHS}-epoch run\n`);
console.log('| Network | estimate (s/epoch) | real run (s/epoch) | off by | before: trainStep alone (s/epoch) | off by |');
console.log('|---|---:|---:|---:|---:|---:|');
const off = (e: number, a: number) => `${Math.round((100 * (e - a)) / a)} %`;
for (const id of ['lenet5', 'mini-vgg']) {
  const estimates: number[] = [];
  const runs: number[] = [];
  const before: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    estimates.push(await estimated(id));
    runs.push(await realRun(id));
    before.push(await stepOnly(id, 8000, 2000));
  }
  const [e, a, b] = [median(estimates), median(runs), median(before)];
  console.log(`| ${buildTemplate(id)!.name} | ${e.toFixed(2)} | ${a.toFixed(2)} | ${off(e, a)} (${estimateOff(e, a)}) | ${b.toFixed(2)} | ${off(b, a)} |`);
}
