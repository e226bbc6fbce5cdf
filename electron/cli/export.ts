/**
 * `netwright export <file | template-id> --to pytorch|keras|tfjs|json [-o FILE]`: the network as
 * code (or its JSON file), printed, or written to FILE.
 */
import { writeFile } from 'node:fs/promises';
import { EXPORT_TARGETS, ExportError, exportDocument, isExportTarget } from '../../shared/codegen/index';
import type { NetwrightDocument } from '../../shared/graph/schema';
import { UsageError, type Parsed } from './args';
import { InvalidDocument } from './documents';

export interface ExportArgs {
  ref: string;
  to: (typeof EXPORT_TARGETS)[number];
  out?: string;
}

/**
 * The command's arguments; `-o FILE` is a positional pair to the generic parser (it only knows
 * `--flags`), so it is taken out here. `exportArgs(['lenet5', '-o', 'm.py'], { to: 'pytorch' })`.
 */
export function exportArgs(positional: readonly string[], flags: Parsed['flags']): ExportArgs {
  const rest = [...positional];
  let out = typeof flags.output === 'string' ? flags.output : undefined;
  const o = rest.indexOf('-o');
  if (o >= 0) {
    if (o + 1 >= rest.length) throw new UsageError('-o needs a file name');
    out = rest.splice(o, 2)[1];
  }
  if (rest.length !== 1) throw new UsageError('export takes one file or template id');
  if (!isExportTarget(flags.to)) throw new UsageError(`--to must be one of: ${EXPORT_TARGETS.join(', ')}`);
  return { ref: rest[0]!, to: flags.to, out };
}

/** Print or write the export; a graph with errors is an invalid document (exit code 1). */
export async function exportCommand(doc: NetwrightDocument, args: ExportArgs, stdout: NodeJS.WritableStream = process.stdout): Promise<number> {
  let text: string;
  try {
    text = exportDocument(doc, args.to).text;
  } catch (e) {
    if (e instanceof ExportError) throw new InvalidDocument(e.message);
    throw e;
  }
  if (args.out === undefined) {
    stdout.write(text);
    return 0;
  }
  await writeFile(args.out, text);
  stdout.write(`Wrote ${args.out} (${args.to})\n`);
  return 0;
}
