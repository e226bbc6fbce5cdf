// `npm run bench`: bundle each bench/*.bench.ts and run it; they print Markdown tables with the
// figures (medians of repeated runs). Nothing here passes or fails on time.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';

const only = process.argv[2];
const files = readdirSync('bench').filter((f) => f.endsWith('.bench.ts') && (!only || f.includes(only)));
console.log(`# Netwright benchmarks\n\n${new Date().toISOString().slice(0, 10)} · ${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length} · ${Math.round(totalmem() / 2 ** 30)} GiB · Node ${process.version}`);
for (const file of files) {
  const out = join('dist', 'bench', file.replace(/\.ts$/, '.mjs'));
  await build({ entryPoints: [join('bench', file)], bundle: true, platform: 'node', format: 'esm', outfile: out, packages: 'external', logLevel: 'warning' });
  const r = spawnSync('node', [out], { stdio: 'inherit' });
  if (r.status !== 0) process.exitCode = 1;
}
