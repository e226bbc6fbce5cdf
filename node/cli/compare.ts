/**
 * `netwright compare <id|file>... [--batch 1,2,4,8,16] [--repeats N] [--engine tfjs|torch] [--backend B] [--json]`:
 * the lecture's closing comparison measured here — each network's parameters, multiply-
 * accumulates and activation memory, its published ImageNet accuracy where it has one, and its
 * forward time per image at each batch size (median of repeated passes after a warm-up), or why
 * a batch size was skipped. With `--engine torch`, the times are the generated PyTorch model's,
 * in the Python a torch run would use (engine/torch/compare.ts).
 */
import { basename } from 'node:path';
import { BACKENDS, COMPARE_BATCHES, COMPARE_MAX_BATCH, type Comparison } from '../../shared/api';
import { templateIds } from '../../shared/templates/index';
import { pickBackend } from '../engine/backend/choose';
import { compareDocuments } from '../engine/loop/compare';
import { compareTorch } from '../engine/torch/compare';
import { intFlag, UsageError, type Parsed } from './args';
import { openDocument } from './documents';

export const COMPARE_FLAGS = ['batch', 'repeats', 'engine', 'backend', 'json'];

/** `--batch 1,8` → `[1, 8]`; default 1, 2, 4, 8, 16. */
export function batchList(flag: Parsed['flags'][string] | undefined): number[] {
  if (flag === undefined) return [...COMPARE_BATCHES];
  const parts = flag === true ? [] : flag.split(',').map((p) => Number(p.trim()));
  if (parts.length === 0 || parts.some((n) => !Number.isInteger(n) || n < 1 || n > COMPARE_MAX_BATCH)) throw new UsageError(`--batch must be whole numbers from 1 to ${COMPARE_MAX_BATCH}, separated by commas (e.g. 1,8)`);
  return parts;
}

const count = (x: number) => (x >= 1e9 ? `${(x / 1e9).toFixed(2)}G` : x >= 1e6 ? `${(x / 1e6).toFixed(x < 1e7 ? 2 : 1)}M` : `${(x / 1e3).toFixed(1)}K`);
const bytes = (b: number) => (b >= 2 ** 20 ? `${(b / 2 ** 20).toFixed(1)} MiB` : `${(b / 2 ** 10).toFixed(1)} KiB`);
const ms = (s: number) => `${(s * 1000).toFixed(s < 0.01 ? 3 : 1)} ms`;

/** The text table: one line per network, one column per batch size (ms per image, or "skipped"), then the reasons. */
export function compareText(c: Comparison): string {
  const batches = c.rows[0]?.times.map((t) => t.batch) ?? [];
  const head = ['Network', 'Params', 'MACs', 'Activations', 'Top-1', ...batches.map((b) => `batch ${b}`)];
  const rows = c.rows.map((r) => [r.name, count(r.params), count(r.macs), bytes(r.activationBytes), r.accuracy?.top1 !== undefined ? `${r.accuracy.top1.toFixed(1)}%` : '—', ...r.times.map((t) => (t.secondsPerImage !== undefined ? ms(t.secondsPerImage) : 'skipped'))]);
  const widths = head.map((_, i) => Math.max(...[head, ...rows].map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  const out = [`Forward time per image on the ${c.engine} engine, backend ${c.backend} (median of ${c.repeats} after a warm-up)`, line(head), ...rows.map(line)];
  for (const r of c.rows) for (const t of r.times) if (t.skipped) out.push(`${r.name} at batch ${t.batch} skipped: ${t.skipped}`);
  const sources = c.rows.filter((r) => r.accuracy);
  if (sources.length > 0) out.push('Accuracy: published ImageNet top-1 (' + sources.map((r) => `${r.name}: ${r.accuracy!.source}`).join('; ') + ')');
  return out.join('\n');
}

/** Resolves to the exit code: 0 when compared, 1 for a graph with errors, 3 when the engine cannot. */
export async function compareCommand(refs: readonly string[], flags: Parsed['flags'], out: NodeJS.WritableStream = process.stdout): Promise<number> {
  if (refs.length === 0) throw new UsageError('compare takes one or more files or template ids');
  const batches = batchList(flags.batch);
  const repeats = intFlag(flags, 'repeats', 1, 50);
  const engine = flags.engine ?? 'tfjs';
  if (engine !== 'tfjs' && engine !== 'torch') throw new UsageError('--engine must be tfjs or torch');
  const backend = flags.backend;
  if (backend !== undefined && engine === 'torch') throw new UsageError('--backend picks a tfjs backend; the torch engine runs on the GPU when PyTorch has one, else the CPU');
  if (backend !== undefined && (backend === true || !(BACKENDS as readonly string[]).includes(backend))) throw new UsageError(`--backend must be one of: ${BACKENDS.join(', ')}`);
  const entries = [];
  for (const ref of refs) {
    const doc = await openDocument(ref);
    const template = templateIds.includes(ref) ? ref : undefined;
    entries.push({ name: template ?? basename(ref).replace(/\.netwright\.json$|\.json$/i, ''), ...(template ? { template } : {}), doc });
  }
  let comparison;
  try {
    if (engine === 'tfjs') await pickBackend(typeof backend === 'string' ? backend : undefined);
    comparison = engine === 'torch' ? await compareTorch(entries, { batches, repeats }) : await compareDocuments(entries, { batches, repeats });
  } catch (e) {
    const message = (e as Error).message;
    process.stderr.write(`netwright: ${message}\n`);
    return message.startsWith('The network has') ? 1 : 3;
  }
  out.write(`${flags.json === true ? JSON.stringify(comparison) : compareText(comparison)}\n`);
  return 0;
}
