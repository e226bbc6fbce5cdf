/**
 * `netwright runs import DIR [--doc FILE] [--data-dir DIR]`: a run of an exported training
 * project's train.py (`--run DIR`) into the run history, beside the app's runs (node/runs-import.ts).
 */
import { join, resolve } from 'node:path';
import { defaultDataDir } from '../paths';
import { RunStore } from '../runs';
import { importRun } from '../runs-import';
import { UsageError, type Parsed } from './args';

export const RUNS_FLAGS = ['doc', 'data-dir', 'json'];

/** `runs import DIR`: prints the run's id and name (or, with --json, its summary); exit code 1 when the folder holds no run. */
export async function runsCommand(positional: readonly string[], flags: Parsed['flags'], stdout: NodeJS.WritableStream = process.stdout): Promise<number> {
  const [sub, dir, ...rest] = positional;
  if (sub !== 'import' || dir === undefined || rest.length > 0) throw new UsageError('runs takes: import DIR [--doc FILE] [--data-dir DIR]');
  for (const name of ['doc', 'data-dir'] as const) if (flags[name] === true) throw new UsageError(`--${name} needs a value`);
  const dataDir = typeof flags['data-dir'] === 'string' ? resolve(flags['data-dir']) : defaultDataDir();
  const store = new RunStore(join(dataDir, 'runs'));
  let run;
  try {
    run = await importRun(store, dir, typeof flags.doc === 'string' ? flags.doc : undefined);
  } catch (e) {
    process.stderr.write(`netwright: ${(e as Error).message}\n`);
    return 1;
  }
  if (flags.json !== undefined) stdout.write(JSON.stringify(run) + '\n');
  else {
    const last = run.epochs.at(-1);
    const metrics = last ? `, ${run.epochs.length} epoch(s), validation accuracy ${(last.valAcc * 100).toFixed(1)} %` : '';
    stdout.write(`Imported ${run.title ?? run.name} as run ${run.id} (${run.status}${metrics}) into ${store.root}\n`);
  }
  return 0;
}
