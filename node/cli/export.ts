/**
 * `netwright export <file | template-id> --to pytorch|keras|tfjs|json|svg|png [--layout rows|column] [-o FILE]`:
 * the network as code, its JSON file or a figure (in rows, the default, or in one column),
 * printed, or written to FILE (a PNG needs -o).
 */
import { writeFile } from 'node:fs/promises';
import { EXPORT_TARGETS, ExportError, exportDocument, isExportTarget } from '../../shared/codegen/index';
import { FIGURE_LAYOUTS, isFigureLayout, toSvg, type FigureLayout } from '../../shared/figure/svg';
import type { NetwrightDocument } from '../../shared/graph/schema';
import { UsageError, type Parsed } from './args';
import { InvalidDocument } from './documents';

const TARGETS = [...EXPORT_TARGETS, 'svg', 'png'] as const;
/** The flags `netwright export` takes. */
export const EXPORT_FLAGS = ['to', 'output', 'layout'];

export interface ExportArgs {
  ref: string;
  to: (typeof TARGETS)[number];
  out?: string;
  /** A figure's layout; rows when absent. */
  layout?: FigureLayout;
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
  const to = flags.to;
  if (!isExportTarget(to) && to !== 'svg' && to !== 'png') throw new UsageError(`--to must be one of: ${TARGETS.join(', ')}`);
  if (to === 'png' && out === undefined) throw new UsageError('--to png needs -o FILE');
  const layout = flags.layout;
  if (layout !== undefined && !isFigureLayout(layout)) throw new UsageError(`--layout must be one of: ${FIGURE_LAYOUTS.join(', ')}`);
  if (layout !== undefined && to !== 'svg' && to !== 'png') throw new UsageError('--layout is for a figure: --to svg or png');
  return { ref: rest[0]!, to, out, ...(layout ? { layout } : {}) };
}

/** Print or write the export; a graph with errors is an invalid document (exit code 1). */
export async function exportCommand(doc: NetwrightDocument, args: ExportArgs, stdout: NodeJS.WritableStream = process.stdout): Promise<number> {
  let text: string | Buffer;
  try {
    if (args.to === 'svg' || args.to === 'png') {
      text = toSvg(doc, { legend: true, layout: args.layout });
      // sharp renders the SVG (librsvg); twice the size, for print.
      if (args.to === 'png') text = await (await import('sharp')).default(Buffer.from(text), { density: 144 }).png().toBuffer();
    } else text = exportDocument(doc, args.to).text;
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
