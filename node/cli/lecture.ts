/**
 * `netwright summary <file | template-id> --lecture [--json]`: the figures the lecture on classic
 * CNNs states for this network beside Netwright's, with the reason wherever they differ; the
 * same lines as the summary panel's "Lecture figures" (shared/lecture/).
 */
import type { NetwrightDocument } from '../../shared/graph/schema';
import { lectureLines } from '../../shared/lecture/compare';
import { LECTURE_FIGURES } from '../../shared/lecture/figures';

/** The text table, e.g. `TOTAL memory  24M * 4 bytes ≈ 96MB / image  15,237,608 (58.1 MiB)  ≠`, each reason under its line. */
export function lectureText(doc: NetwrightDocument): string {
  const lines = lectureLines(doc);
  if (!lines.length) return `The lecture gives no figures for "${doc.name}"; it discusses the templates ${Object.keys(LECTURE_FIGURES).join(', ')}.`;
  const rows = [['', 'The lecture says', 'Netwright', ''], ...lines.map((l) => [l.what, l.says, l.text, l.agrees ? '=' : '≠'])];
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  const line = (r: string[]) => r.map((cell, c) => cell.padEnd(widths[c]!)).join('  ').trimEnd();
  const out = [`Lecture figures: ${doc.name}`, '', line(rows[0]!), widths.map((w) => '─'.repeat(w)).join('  ')];
  lines.forEach((l, i) => {
    out.push(line(rows[i + 1]!));
    if (l.why) out.push(`${' '.repeat(widths[0]! + 2)}${l.why}`);
  });
  return out.join('\n');
}

/** The `--json` form: `[{ what, says, value, netwright, agrees, why, nodes }]`. */
export const lectureJson = (doc: NetwrightDocument) => lectureLines(doc).map(({ what, says, value, netwright, agrees, why, nodes }) => ({ what, says, value, netwright, agrees, why: why ?? null, nodes }));

/** Print the lecture's figures (text or `--json`); 0. */
export function lectureCommand(doc: NetwrightDocument, json: boolean, stdout: NodeJS.WritableStream = process.stdout): number {
  stdout.write(`${json ? JSON.stringify(lectureJson(doc), null, 2) : lectureText(doc)}\n`);
  return 0;
}
