/**
 * `netwright export <file | template-id> --to pytorch-project -o DIR`: a folder that trains the
 * network without Netwright, on one GPU, with torchrun or under Slurm
 * (node/engine/torch/project.ts; its README says how).
 */
import { resolve } from 'node:path';
import { ExportError } from '../../shared/codegen/index';
import { writePyTorchProject } from '../engine/torch/project';
import { defaultCacheDir } from '../paths';
import { UsageError, type Parsed } from './args';
import { InvalidDocument, openDocument } from './documents';

export const PROJECT_TARGET = 'pytorch-project';

/** The document and folder: `projectArgs(['lenet5', '-o', 'out'], { to: 'pytorch-project' })` → `{ ref: 'lenet5', dir: 'out' }`. */
export function projectArgs(positional: readonly string[], flags: Parsed['flags']): { ref: string; dir: string } {
  const rest = [...positional];
  const o = rest.indexOf('-o');
  const dir = o >= 0 ? rest.splice(o, 2)[1] : typeof flags.output === 'string' ? flags.output : undefined;
  if (dir === undefined) throw new UsageError(`--to ${PROJECT_TARGET} needs -o DIR`);
  if (rest.length !== 1) throw new UsageError('export takes one file or template id');
  return { ref: rest[0]!, dir };
}

/** Write the project, saying what it holds and how to start it; a graph with errors is an invalid document (exit code 1). */
export async function exportProjectCommand(positional: readonly string[], flags: Parsed['flags'], stdout: NodeJS.WritableStream = process.stdout): Promise<number> {
  const { ref, dir } = projectArgs(positional, flags);
  const doc = await openDocument(ref);
  let project;
  try {
    project = await writePyTorchProject(doc, resolve(dir), defaultCacheDir());
  } catch (e) {
    if (e instanceof ExportError) throw new InvalidDocument(e.message);
    throw e;
  }
  const { data } = project;
  const held =
    data.kind === 'prepared'
      ? `data/ holds ${data.title}: ${data.train} training and ${data.val} validation images (${(data.bytes / 2 ** 20).toFixed(1)} MiB)`
      : `no data: train.py generates ${data.spec}`;
  stdout.write(`Wrote ${project.dir} (${PROJECT_TARGET}): ${project.files.join(', ')}\n${held}\n`);
  stdout.write(`Train: cd ${dir} && python train.py --run runs/first (README.md has torchrun and Slurm)\n`);
  return 0;
}
