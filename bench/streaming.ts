/**
 * What per-batch metric streaming costs, two ways:
 *
 * 1. Directly: the time a trainer spends sending one batch event to its parent (serialising it
 *    and writing it to the IPC channel, as trainer.ts does), over 2,000 events; at the app's
 *    rate of at most 20 events a second, the share of each second that costs.
 * 2. End to end: LeNet-5 trained in a real trainer process with batch events off, at the app's
 *    rate, and for every batch; wall time from the `start` event to the `epoch` event (100
 *    batches of 32), measured in the parent. On a loaded machine the noise of this one is
 *    larger than the effect; the direct measure is the one to read.
 */
import { fork } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { forkTrainerAt, startRun } from '../node/engine/process/runner';
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

/** Microseconds to send one batch event over a fork IPC channel, with delivery acknowledged as trainer.ts waits for it. */
async function perEventMicros(dir: string, count = 2000): Promise<number> {
  const sink = join(dir, 'sink.mjs');
  writeFileSync(sink, "process.on('message', () => {}); process.on('disconnect', () => process.exit(0));\n");
  const child = fork(sink, [], { execArgv: [], stdio: 'ignore' });
  const event = { type: 'batch', epoch: 3, batch: 117, batches: 250, loss: 0.123456789, acc: 0.96875, eta: 123.456, learningRate: 0.0123 };
  const send = () => new Promise<void>((resolve) => child.send(event, undefined, undefined, () => resolve()));
  for (let i = 0; i < 200; i++) await send();
  const began = performance.now();
  for (let i = 0; i < count; i++) await send();
  const micros = ((performance.now() - began) * 1000) / count;
  child.disconnect();
  return micros;
}

/** Print the streaming tables. */
export async function streamingCost(): Promise<void> {
  const dir = join('dist', 'bench', 'trainer');
  mkdirSync(dir, { recursive: true });
  const trainer = join(dir, 'trainer.mjs');
  await build({ entryPoints: ['node/engine/process/trainer.ts'], outfile: trainer, bundle: true, platform: 'node', format: 'esm', packages: 'external', logLevel: 'warning' });
  const micros = [] as number[];
  for (let i = 0; i < 5; i++) micros.push(await perEventMicros(dir));
  const each = median(micros);
  console.log('\n## Cost of per-batch metric streaming\n');
  console.log('| measure | value |');
  console.log('|---|---:|');
  console.log(`| one batch event, trainer to parent over IPC (median of 5 × 2,000) | ${each.toFixed(1)} µs |`);
  console.log(`| at most 20 events per second: share of each training second | ${((20 * each) / 1e6 * 100).toFixed(3)} % |`);
  const times = variants.map(() => [] as number[]);
  const counts = variants.map(() => 0);
  for (let round = 0; round < 7; round++) {
    for (let k = 0; k < variants.length; k++) {
      const i = (k + round) % variants.length; // a different order each round
      const r = await once(trainer, variants[i]!.eventsPerSecond);
      times[i]!.push(r.seconds);
      counts[i] = r.batchEvents;
    }
  }
  const base = median(times[0]!);
  console.log('\nEnd to end (LeNet-5 in a trainer process, 100 batches of 32, 7 interleaved rounds):\n');
  console.log('| variant | batch events | epoch time (median) | min | max | cost vs no events |');
  console.log('|---|---:|---:|---:|---:|---:|');
  variants.forEach((v, i) => {
    const m = median(times[i]!);
    const cost = i === 0 ? '—' : `${(((m - base) / base) * 100).toFixed(1)} %`;
    console.log(`| ${v.name} | ${counts[i]} | ${m.toFixed(2)} s | ${Math.min(...times[i]!).toFixed(2)} s | ${Math.max(...times[i]!).toFixed(2)} s | ${cost} |`);
  });
}
