/** `netwright summary <file | template-id> [--json]`: the per-layer table and totals. */
import type { NetwrightDocument } from '../../shared/graph/schema';
import { formatShape } from '../../shared/layers/types';
import { summarize } from '../../shared/summary';

/** The text table, e.g. `C1  Conv2D  28×28×6  156`, then the totals and any errors. */
export function summaryText(doc: NetwrightDocument): string {
  const s = summarize(doc);
  const rows = [['Layer', 'Kind', 'Output shape', 'Params'], ...s.layers.map((l) => [l.name, l.kind, l.outputShape ? formatShape(l.outputShape) : '—', l.params.toLocaleString('en-US')])];
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  const line = (r: string[]) => r.map((cell, c) => (c === 3 ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join('  ').trimEnd();
  const out = [line(rows[0]!), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.slice(1).map(line), '', `Total parameters: ${s.totals.params.toLocaleString('en-US')}`];
  for (const e of s.errors) out.push(`Error in ${e.node}: ${e.message}`);
  return out.join('\n');
}

/** The `--json` form: `{ layers: [{ name, kind, outputShape, params }], totals: { params }, errors }`. */
export function summaryJson(doc: NetwrightDocument) {
  const s = summarize(doc);
  return { layers: s.layers.map(({ name, kind, outputShape, params }) => ({ name, kind, outputShape, params })), totals: s.totals, errors: s.errors };
}
