/**
 * `compare --engine torch`: the same rows as the tfjs engine's (loop/compare.ts: totals from
 * shape inference, published accuracy, a memory check per batch size), with each network's
 * forward time measured by its generated PyTorch model (shared/codegen) in the Python a torch
 * run would use: median of the timed passes after a warm-up, per image.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { freemem, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Comparison } from '../../../shared/api';
import { pytorchModule, toPyTorch } from '../../../shared/codegen/pytorch';
import type { NetwrightDocument } from '../../../shared/graph/schema';
import { batchesOf, DEFAULT_REPEATS, median, memoryCheck, rowOf, type CompareEntry, type CompareOptions, type ForwardLimit } from '../loop/compare';
import { JOB_TIMEOUT_MS } from '../process/jobs';
import { FORWARD_TIME_PY } from './forward-time';
import { NO_TORCH } from './process';
import { findTorchPython, type TorchPython } from './python';

type Times = Comparison['rows'][number]['times'];
type Line = { backend: string } | { batch: number; seconds: number[] } | { batch: number; error: string };

/** What the forward pass may use: the (smallest) GPU's memory with CUDA, else free memory. */
export const torchLimit = (python: TorchPython, freeMemory = freemem()): ForwardLimit =>
  python.cuda && python.gpuMemory !== undefined ? { limit: python.gpuMemory, reason: "the GPU's memory" } : { limit: freeMemory, reason: 'free memory' };

/** Runs the timing script on one model file; resolves to its JSON lines. */
function timeInPython(python: string, args: string[], timeoutMs: number): Promise<Line[]> {
  return new Promise((resolve, reject) => {
    execFile(python, args, { encoding: 'utf8', timeout: timeoutMs, maxBuffer: 16 * 2 ** 20 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`PyTorch could not time the model: ${stderr.trim().split('\n').at(-1) || error.message}`));
      else resolve(stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Line));
    });
  });
}

/**
 * Each network's row, timed in PyTorch: `await compareTorch([{ name: 'lenet5', template: 'lenet5', doc }], { batches: [1, 8] })`.
 * Rejects with NO_TORCH where no Python has PyTorch, and names the errors of a graph that has any.
 */
export async function compareTorch(entries: readonly CompareEntry[], options: CompareOptions & { pythonPath?: string; search?: string[]; timeoutMs?: number } = {}): Promise<Comparison> {
  const python = await findTorchPython(options.pythonPath, options.search);
  if (!python) throw new Error(NO_TORCH);
  const batches = batchesOf(options);
  const repeats = options.repeats ?? DEFAULT_REPEATS;
  const limit = options.memoryLimit !== undefined ? { limit: options.memoryLimit, reason: 'the memory limit' } : torchLimit(python);
  const dir = await mkdtemp(join(tmpdir(), 'netwright-compare-'));
  let backend = python.cuda ? 'cuda' : 'cpu';
  try {
    await writeFile(join(dir, 'forward_time.py'), FORWARD_TIME_PY + '\n');
    const rows: Comparison['rows'] = [];
    for (const [i, entry] of entries.entries()) {
      const times = async (doc: NetwrightDocument): Promise<Times> => {
        const checks = batches.map((batch) => memoryCheck(doc, batch, limit));
        const run = checks.filter((c) => !c.skipped).map((c) => c.batch);
        if (run.length === 0) return checks;
        const model = join(dir, `model_${i}.py`);
        await writeFile(model, toPyTorch(doc));
        const m = pytorchModule(doc);
        const lines = await timeInPython(python.python, [join(dir, 'forward_time.py'), model, m.className, JSON.stringify(m.input), JSON.stringify(run), String(repeats)], options.timeoutMs ?? JOB_TIMEOUT_MS * 5);
        for (const line of lines) if ('backend' in line) backend = line.backend;
        return checks.map((c) => {
          const line = lines.find((l): l is Exclude<Line, { backend: string }> => 'batch' in l && l.batch === c.batch);
          if (c.skipped) return c;
          if (!line) return { ...c, skipped: 'PyTorch gave no time for it' };
          return 'error' in line ? { ...c, skipped: line.error } : { ...c, secondsPerImage: median(line.seconds) / c.batch };
        });
      };
      rows.push(await rowOf(entry, times));
    }
    return { engine: 'torch', backend, repeats, rows };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
