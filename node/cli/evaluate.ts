/**
 * `netwright evaluate <model dir> [--dataset SPEC] [--limit N] [--backend B] [--json]`: load a
 * model saved by `train --save` (or a run's `final/` or `best/` folder) and report its loss and
 * accuracy on the validation part of a dataset (see engine/evaluate-saved.ts).
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { BACKENDS } from '../../shared/api';
import { parseDatasetSpec } from '../../shared/datasets';
import { pickBackend } from '../engine/backend/choose';
import { evaluateSaved } from '../engine/loop/evaluate-saved';
import { defaultDataDir } from '../paths';
import { intFlag, UsageError, type Parsed } from './args';

export const EVALUATE_FLAGS = ['json', 'dataset', 'limit', 'backend'];

/** A model folder that holds no saved model: the CLI exits with code 1. */
export class InvalidModel extends Error {}

/** Resolves to the exit code: 0 when evaluated, 3 when the evaluation failed. */
export async function evaluateCommand(dirArg: string, flags: Parsed['flags'], out: NodeJS.WriteStream = process.stdout): Promise<number> {
  const dir = resolve(dirArg);
  if (!existsSync(join(dir, 'netwright.json')) || !existsSync(join(dir, 'model.json'))) {
    throw new InvalidModel(`${dir} holds no saved model (model.json and netwright.json, as \`netwright train --save DIR\` writes them).`);
  }
  if (flags.dataset !== undefined) {
    const parsed = flags.dataset === true ? { ok: false as const, message: 'it needs a value' } : parseDatasetSpec(flags.dataset);
    if (!parsed.ok) throw new UsageError(`--dataset: ${parsed.message}`);
  }
  const backendFlag = flags.backend;
  if (backendFlag !== undefined && (backendFlag === true || !(BACKENDS as readonly string[]).includes(backendFlag))) throw new UsageError(`--backend must be one of: ${BACKENDS.join(', ')}`);
  const limit = intFlag(flags, 'limit', 1, 10_000_000);
  try {
    const backend = await pickBackend(typeof backendFlag === 'string' ? backendFlag : undefined);
    const { meta, dataset, data, count, result: r } = await evaluateSaved(dir, { dataset: typeof flags.dataset === 'string' ? flags.dataset : undefined, limit, cacheDir: resolve(defaultDataDir(), 'cache') });
    const report = { model: dir, dataset, title: data.title, backend, samples: count, loss: r.loss, accuracy: r.acc, classNames: data.classNames, perClassAccuracy: r.perClassAccuracy, confusion: r.confusion };
    if (flags.json === true) {
      out.write(JSON.stringify(report) + '\n');
    } else {
      for (const note of data.notes) out.write(`${note}\n`);
      out.write(`${meta.name} (epoch ${meta.epoch}) on ${count.toLocaleString('en-US')} validation samples of ${data.title} · backend ${backend}\n`);
      out.write(`loss ${r.loss.toFixed(4)} · accuracy ${r.acc.toFixed(4)}\n`);
      const width = Math.max(...data.classNames.map((n) => n.length));
      r.perClassAccuracy.forEach((a, k) => out.write(`  ${data.classNames[k]!.padEnd(width)}  ${a === null ? '—' : a.toFixed(4)}\n`));
    }
    return 0;
  } catch (e) {
    process.stderr.write(`Evaluation failed: ${(e as Error).message}\n`);
    return 3;
  }
}
