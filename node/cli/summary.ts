/**
 * `netwright summary <file | template-id> [--json]`: the per-layer table and totals, then any
 * errors of the graph; the exit code is 1 when there are errors, so that scripts can rely on it.
 */
import type { Summary } from '../../shared/api';
import type { NetwrightDocument } from '../../shared/graph/schema';
import { formatShape } from '../../shared/layers/types';
import { inferenceOf, parameterSplit } from '../../shared/document';
import { summarize } from '../../shared/summary';

const n = (x: number) => x.toLocaleString('en-US');
const m = (x: number) => (x >= 1e6 ? `${(x / 1e6).toFixed(1)}M` : x >= 1e3 ? `${(x / 1e3).toFixed(1)}K` : String(x));

/** The text table, e.g. `C1  Conv2D  28×28×6  156  117.6K  4.7K  5`, then the totals and any errors. */
export function summaryText(doc: NetwrightDocument, s: Summary = summarize(doc)): string {
  const head = ['Layer', 'Kind', 'Output shape', 'Params', 'MACs', 'Memory', 'RF'];
  const rows = [
    head,
    ...s.layers.map((l) => [l.name, l.kind.replace(/^block:/, '▸ '), l.outputShape ? formatShape(l.outputShape) : '—', n(l.params), m(l.macs), m(l.activations), l.receptiveField ? String(l.receptiveField.size) : 'all']),
  ];
  const widths = head.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  const line = (r: string[]) => r.map((cell, c) => (c >= 3 ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join('  ').trimEnd();
  const t = s.totals;
  const out = [
    line(rows[0]!),
    widths.map((w) => '─'.repeat(w)).join('  '),
    ...rows.slice(1).map(line),
    '',
    `Total parameters: ${n(t.params)}${t.nonTrainable ? ` (+ ${n(t.nonTrainable)} non-trainable)` : ''}`,
    ...frozenLine(doc),
    `Multiply-accumulates: ${n(t.macs)} per image`,
    `Activations: ${n(t.activations)} per image (${(t.activationBytes / 2 ** 20).toFixed(1)} MiB as float32)`,
  ];
  for (const e of s.errors) out.push(`Error in ${e.node}: ${e.message}`);
  return out.join('\n');
}

/** `Trainable: 513,000, frozen: 11,176,512` when a node is frozen (netwright freeze), else nothing. */
function frozenLine(doc: NetwrightDocument): string[] {
  const split = parameterSplit(doc, inferenceOf(doc));
  return split.frozenNodes > 0 ? [`Trainable: ${n(split.trainable)}, frozen: ${n(split.frozen)}`] : [];
}

/** The `--json` form: `{ layers: [{ name, kind, outputShape, params, macs, activations, receptiveField }], totals, blocks, errors }`. */
export function summaryJson(doc: NetwrightDocument, s: Summary = summarize(doc)) {
  const { layers, ...rest } = s;
  return { layers: layers.map(({ id: _id, nonTrainable: _n, ...layer }) => layer), ...rest };
}

/** Print the summary (text or `--json`) and return the exit code: 1 when the graph has errors, else 0. */
export function summaryCommand(doc: NetwrightDocument, json: boolean, stdout: NodeJS.WritableStream = process.stdout): number {
  const s = summarize(doc);
  stdout.write(`${json ? JSON.stringify(summaryJson(doc, s), null, 2) : summaryText(doc, s)}\n`);
  return s.errors.length > 0 ? 1 : 0;
}
