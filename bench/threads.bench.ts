/**
 * The wasm backend's threads (node/engine/backend/wasm-threads.ts): each template trained with 1
 * thread and with every core, each run in its own process (the thread count is fixed when the
 * backend starts), alternating round after round; medians. The engine picks the thread count per
 * run from the network's multiply-accumulates per batch (THREADS_FROM_MACS).
 */
import { execFileSync } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { THREADS_FROM_MACS, wasmThreadsFor } from '../node/engine/backend/wasm-threads';
import { inferGraph } from '../shared/infer';
import { buildTemplate } from '../shared/templates/index';
import { median } from './measure';

const child = join('dist', 'bench', 'threads-child.mjs');
await build({ entryPoints: [join('bench', 'threads-child.ts')], outfile: child, bundle: true, platform: 'node', format: 'esm', packages: 'external', logLevel: 'warning' });

const cores = Math.min(8, availableParallelism());
const cases = [
  { id: 'lenet5', steps: 60, rounds: 5 },
  { id: 'mini-vgg', steps: 8, rounds: 5 },
  { id: 'resnet20-cifar', steps: 4, rounds: 5 },
];
const rate = (id: string, threads: number, steps: number) => (JSON.parse(execFileSync('node', [child, id, String(threads), String(steps)], { encoding: 'utf8' })) as { samplesPerSecond: number }).samplesPerSecond;

console.log(`\n## Wasm threads: 1 against ${cores} (batch 32, Adam)\n`);
console.log(`Load average at start ${loadavg().map((l) => l.toFixed(2)).join(' / ')}; the engine uses ${cores} threads from ${(THREADS_FROM_MACS / 1e6).toFixed(0)} M multiply-accumulates per batch.\n`);
console.log(`| net | M MACs per batch | 1 thread (samples/s) | ${cores} threads | ratio | the engine picks |`);
console.log('|---|---:|---:|---:|---:|---:|');
for (const c of cases) {
  const doc = buildTemplate(c.id)!;
  const macs = inferGraph(doc.graph, doc.blocks).totals.macs * 32;
  const one: number[] = [];
  const all: number[] = [];
  for (let r = 0; r < c.rounds; r++) {
    one.push(rate(c.id, 1, c.steps));
    all.push(rate(c.id, cores, c.steps));
  }
  const [a, b] = [median(one), median(all)];
  console.log(`| ${doc.name} | ${(macs / 1e6).toFixed(0)} | ${a.toFixed(0)} | ${b.toFixed(0)} | ${(b / a).toFixed(2)}× | ${wasmThreadsFor(macs)} |`);
}
console.log(`\nLoad average at the end: ${loadavg().map((l) => l.toFixed(2)).join(' / ')}`);
