/**
 * The speed estimate against the run it estimates (`npm run bench estimate`): for LeNet-5 and
 * Mini-VGG on MNIST at their template settings, the probe of `train.estimate` and then a real
 * two-epoch run, each in its own trainer process as the app starts them, round after round so
 * that the machine's load falls on both alike. Prints seconds per epoch both ways and how far
 * off the estimate was (the bar: within 25 %). Nothing passes or fails on time.
 */
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import type { EpochMetrics } from '../shared/api';
import { buildTemplate } from '../shared/templates/index';
import { estimateOff, secondsPerEpoch } from '../shared/timeText';
import { estimateRun } from '../node/engine/budget/estimate';
import { runProbe } from '../node/engine/process/jobs';
import { startRun } from '../node/engine/process/runner';
import { median } from './measure';

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

console.log('\n## Speed estimate against the real run — `npm run bench estimate`\n');
console.log(`${cpus()[0]?.model ?? 'CPU'} × ${cpus().length} · load ${loadavg().map((l) => l.toFixed(2)).join(' ')} at the start · ${ROUNDS} rounds of probe, then a ${EPOCHS}-epoch run\n`);
console.log('| Network | estimate (s/epoch) | real run (s/epoch) | off by |');
console.log('|---|---:|---:|---:|');
for (const id of ['lenet5', 'mini-vgg']) {
  const estimates: number[] = [];
  const runs: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    estimates.push(await estimated(id));
    runs.push(await realRun(id));
  }
  const [e, a] = [median(estimates), median(runs)];
  console.log(`| ${buildTemplate(id)!.name} | ${e.toFixed(2)} | ${a.toFixed(2)} | ${Math.round((100 * (e - a)) / a)} % (${estimateOff(e, a)}) |`);
}
