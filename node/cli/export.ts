/**
 * `netwright export <file | template-id> --to pytorch|keras|tfjs|json|onnx|svg|png [--layout rows|column] [--weights DIR|FILE] [-o FILE]`:
 * the network as code, its JSON file, an ONNX model or a figure (in rows, the default, or in one
 * column), printed, or written to FILE (ONNX and PNG need -o). ONNX's weights are fresh (as a run
 * starts) or, with --weights, a saved model's folder (or its model.json) or a state_dict file.
 */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { EXPORT_TARGETS, ExportError, exportDocument } from '../../shared/codegen/index';
import { ONNX_OPSET } from '../../shared/codegen/onnx/index';
import { checkedInference } from '../../shared/codegen/plan';
import { FIGURE_LAYOUTS, isFigureLayout, toSvg, type FigureLayout } from '../../shared/figure/svg';
import type { NetwrightDocument } from '../../shared/graph/schema';
import { onnxFile } from '../engine/loop/onnx-weights';
import { takeOutput, UsageError, type Parsed } from './args';
import { PROJECT_TARGET } from './export-project';
import { InvalidDocument } from './documents';
import { InvalidModel } from './evaluate';

const TARGETS = [...EXPORT_TARGETS, 'onnx', 'svg', 'png'] as const;
const isTarget = (v: unknown): v is (typeof TARGETS)[number] => (TARGETS as readonly unknown[]).includes(v);
/** The flags `netwright export` takes. */
export const EXPORT_FLAGS = ['to', 'output', 'layout', 'weights'];

export interface ExportArgs {
  ref: string;
  to: (typeof TARGETS)[number];
  out?: string;
  /** A figure's layout; rows when absent. */
  layout?: FigureLayout;
  /** ONNX's weights: a saved model's folder or model.json, or a state_dict file; fresh when absent. */
  weights?: string;
}

/** The command's arguments: `exportArgs(['lenet5', '-o', 'm.py'], { to: 'pytorch' })`. */
export function exportArgs(positional: readonly string[], flags: Parsed['flags']): ExportArgs {
  const { rest, out } = takeOutput(positional, flags);
  if (rest.length !== 1) throw new UsageError('export takes one file or template id');
  const to = flags.to;
  if (!isTarget(to)) throw new UsageError(`--to must be one of: ${[...TARGETS, PROJECT_TARGET].join(', ')}`);
  if ((to === 'png' || to === 'onnx') && out === undefined) throw new UsageError(`--to ${to} needs -o FILE`);
  const weights = flags.weights;
  if (weights !== undefined && to !== 'onnx') throw new UsageError('--weights is for --to onnx');
  if (weights !== undefined && typeof weights !== 'string') throw new UsageError('--weights needs a folder or file');
  const layout = flags.layout;
  if (layout !== undefined && !isFigureLayout(layout)) throw new UsageError(`--layout must be one of: ${FIGURE_LAYOUTS.join(', ')}`);
  if (layout !== undefined && to !== 'svg' && to !== 'png') throw new UsageError('--layout is for a figure: --to svg or png');
  return { ref: rest[0]!, to, out, ...(layout ? { layout } : {}), ...(weights ? { weights } : {}) };
}

/** The ONNX file's bytes, and where its weights came from; weights that do not load or fit are an invalid model (exit code 1). */
async function onnx(doc: NetwrightDocument, weights: string | undefined): Promise<{ bytes: Uint8Array; from: string }> {
  // A graph with errors is the document's fault, whatever the weights.
  checkedInference(doc);
  try {
    return await onnxFile(doc, weights === undefined ? undefined : resolve(weights));
  } catch (e) {
    if (weights === undefined) throw e;
    throw new InvalidModel(`${weights}: ${(e as Error).message}`);
  }
}

/** Print or write the export; a graph with errors is an invalid document (exit code 1). */
export async function exportCommand(doc: NetwrightDocument, args: ExportArgs, stdout: NodeJS.WritableStream = process.stdout): Promise<number> {
  let text: string | Buffer;
  let note: string = args.to;
  try {
    if (args.to === 'svg' || args.to === 'png') {
      text = toSvg(doc, { legend: true, layout: args.layout });
      // sharp renders the SVG (librsvg); twice the size, for print.
      if (args.to === 'png') text = await (await import('sharp')).default(Buffer.from(text), { density: 144 }).png().toBuffer();
    } else if (args.to === 'onnx') {
      const { bytes, from } = await onnx(doc, args.weights);
      text = Buffer.from(bytes);
      note = `onnx, opset ${ONNX_OPSET}; weights ${from}`;
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
  stdout.write(`Wrote ${args.out} (${note})\n`);
  return 0;
}
