/**
 * `netwright adapt <file|template> (--dataset SPEC | --classes N) [-o FILE]`: "Adapt to dataset"
 * as in the Training panel. The head (the last Dense layer) gets one unit per class of the
 * dataset (a folder's: its class sub-folders), keeping its id, so every other layer's weights
 * still load by name and only the head's are left out (shared/document/transfer.ts, `headOf`).
 * The document is printed, or written to FILE, with one line saying what changed.
 */
import { adaptToClasses } from '../../shared/document';
import { classCount, parseDatasetSpec } from '../../shared/datasets';
import { listFolder } from '../engine/data/folder';
import { intFlag, takeOutput, UsageError, type Parsed } from './args';
import { openDocument } from './documents';
import { NodeNotFound, writeEdited } from './freeze';

export const ADAPT_FLAGS = ['dataset', 'classes', 'output'];

/** How many classes a dataset spec has: the spec's own, or a folder's class sub-folders. */
export async function classesOf(spec: string): Promise<number> {
  const parsed = parseDatasetSpec(spec);
  if (!parsed.ok) throw new UsageError(`--dataset: ${parsed.message}`);
  const known = classCount(parsed.spec);
  if (known !== undefined) return known;
  if (parsed.spec.kind !== 'folder') throw new UsageError(`--dataset ${spec}: its classes are unknown`);
  try {
    return (await listFolder(parsed.spec.path)).classNames.length;
  } catch (e) {
    throw new NodeNotFound((e as Error).message);
  }
}

/** `netwright adapt resnet18 --dataset ~/photos -o mine.netwright.json` → 0. */
export async function adaptCommand(positional: readonly string[], flags: Parsed['flags'], stdout: NodeJS.WritableStream = process.stdout, stderr: NodeJS.WritableStream = process.stderr): Promise<number> {
  const { rest, out } = takeOutput(positional, flags);
  if (rest.length !== 1) throw new UsageError('adapt takes one file or template id');
  if ((flags.dataset === undefined) === (flags.classes === undefined)) throw new UsageError('adapt takes --dataset SPEC or --classes N');
  if (flags.dataset === true) throw new UsageError('--dataset needs a dataset');
  const doc = await openDocument(rest[0]!);
  const classes = typeof flags.dataset === 'string' ? await classesOf(flags.dataset) : intFlag(flags, 'classes', 1, 100_000)!;
  let adapted;
  try {
    adapted = adaptToClasses(doc, classes);
  } catch (e) {
    throw new NodeNotFound((e as Error).message);
  }
  const { head } = adapted;
  const said =
    head.from === head.to
      ? `${head.name} already has ${head.to} units, one per class; nothing changed.`
      : `${head.name}: ${head.from ?? '?'} → ${head.to} units, one per class. Its old weights no longer fit and are not loaded; every other layer's are.`;
  return writeEdited(adapted.doc, out, said, stdout, stderr);
}
