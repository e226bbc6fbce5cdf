/**
 * What per-batch metric streaming costs: LeNet-5 trained in a real trainer process (forked, as
 * the app and CLI do), its events crossing the IPC channel, with batch events off, at the
 * app's rate (at most 20 per second) and for every batch. Measured in the parent: wall time
 * from the `start` event to the `epoch` event (100 batches of 32; validation on 100 digits
 * is not included). Interleaved rounds, medians.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { forkTrainerAt, startRun } from '../electron/engine/runner';
import { buildTemplate } from '../shared/templates/index';
import { median } from './measure';

const variants = [
  { name: 'no batch events', eventsPerSecond: 0 },
  { name: 'batch events, at most 20/s (the app)', eventsPerSecond: 20 },
  { name: 'a batch event for every batch', eventsPerSecond: 1e9 },
];

async function once(trainer: string, eventsPerSecond: number): Promise<{ seconds: number; batchEvents: number }> {
  const doc = buildTemplate('lenet5')!;
  doc.training = { ...doc.training, validationSplit: 0.01 };
  let started = 0;
  let seconds = 0;
  let batchEvents = 0;
  const run = startRun({ doc, options: { epochs: 1, limit: 3200, batchSize: 32, backend: 'wasm' }, config: { batchEventsPerSecond: eventsPerSecond } }, (e) => {
    if (e.type === 'start') started = performance.now();
    if (e.type === 'batch') batchEvents++;
    if (e.type === 'epoch') seconds = (performance.now() - started) / 1000;
    if (e.type === 'error') throw new Error(e.message);
  }, () => forkTrainerAt(trainer));
  await run.done;
  return { seconds, batchEvents };
}

/** Print the streaming table. */
export async function streamingCost(): Promise<void> {
  const dir = join('dist', 'bench', 'trainer');
  mkdirSync(dir, { recursive: true });
  const trainer = join(dir, 'trainer.mjs');
  await build({ entryPoints: ['electron/engine/trainer.ts'], outfile: trainer, bundle: true, platform: 'node', format: 'esm', packages: 'external', logLevel: 'warning' });
  const times = variants.map(() => [] as number[]);
  const counts = variants.map(() => 0);
  for (let round = 0; round < 5; round++) {
    for (const [i, v] of variants.entries()) {
      const r = await once(trainer, v.eventsPerSecond);
      times[i]!.push(r.seconds);
      counts[i] = r.batchEvents;
    }
  }
  const base = median(times[0]!);
  console.log('\n## Cost of per-batch metric streaming (LeNet-5, trainer process, 100 batches of 32)\n');
  console.log('| variant | batch events | epoch time (median) | min | max | cost vs no events |');
  console.log('|---|---:|---:|---:|---:|---:|');
  variants.forEach((v, i) => {
    const m = median(times[i]!);
    const cost = i === 0 ? '—' : `${(((m - base) / base) * 100).toFixed(1)} %`;
    console.log(`| ${v.name} | ${counts[i]} | ${m.toFixed(2)} s | ${Math.min(...times[i]!).toFixed(2)} s | ${Math.max(...times[i]!).toFixed(2)} s | ${cost} |`);
  });
}
