/**
 * Writing Python source: literals, calls that wrap like black's, docstrings, expressions of
 * block parameters. Shared by the PyTorch and Keras generators.
 */
import type { ParamValue } from '../layers/types';
import { format, type Sym, type SymStyle } from './symbolic';

/** `5` → '5', `true` → 'True', 'same' → '"same"', `[5, 3]` → '(5, 3)'; `float` writes 2 as '2.0'. */
export function pyLiteral(v: ParamValue | null, float = false): string {
  if (v === null) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'string') return JSON.stringify(v);
  if (Array.isArray(v)) return `(${v.map((x) => pyLiteral(x, float)).join(', ')}${v.length === 1 ? ',' : ''})`;
  return float && Number.isInteger(v) ? `${v}.0` : pyNumber(v);
}

/** A JSON-like value as a Python literal: `{"flip": false}` → '{"flip": False}'. */
export function pyValue(v: unknown): string {
  if (v === null || v === undefined) return 'None';
  if (typeof v === 'boolean' || typeof v === 'string') return pyLiteral(v);
  if (typeof v === 'number') return pyNumber(v);
  if (Array.isArray(v)) return `[${v.map(pyValue).join(', ')}]`;
  return `{${Object.entries(v as Record<string, unknown>).map(([k, x]) => `${JSON.stringify(k)}: ${pyValue(x)}`).join(', ')}}`;
}

/** A number as Python writes it, rounding away float noise: 1 − 0.9 → '0.1'. */
export function pyNumber(v: number): string {
  const x = Number(v.toPrecision(12));
  // Python's own spelling for small numbers: 1e-05, not 0.00001.
  return x !== 0 && Math.abs(x) < 1e-4 ? x.toExponential().replace(/e-(\d)$/, 'e-0$1') : String(x);
}

/** Expressions of block parameters in Python; `rename` maps a parameter to its argument name. */
export const pySymStyle = (rename: (name: string) => string): SymStyle => ({
  name: rename,
  floorDiv: (a, b) => `${a} // ${b}`,
  div: (a, b) => `${a} / ${b}`,
});

/** A symbolic value as Python; `int(...)` around a true division where an integer is wanted. */
export function pySym(s: Sym, rename: (name: string) => string, integer = false): string {
  const text = format(s, pySymStyle(rename));
  return integer && / \/ /.test(text) ? `int(${text})` : text;
}

const LINE = 100;

/**
 * `head(args…)tail` on one line when it fits in 100 columns, else one argument per line as
 * black writes it: `pyCall('    def __init__', ['self', 'in_channels'], ':')`.
 */
export function pyCall(head: string, args: readonly string[], tail = '', indent = head.match(/^ */)![0]): string[] {
  const one = `${head}(${args.join(', ')})${tail}`;
  if (one.length <= LINE || args.length === 0) return [one];
  return [`${head}(`, ...args.map((a) => `${indent}    ${a},`), `${indent})${tail}`];
}

/** A docstring's lines, wrapped at 96 columns, with quotes and backslashes escaped. */
export function pyDocstring(indent: string, paragraphs: readonly string[]): string[] {
  const safe = (t: string) => t.replace(/\\/g, '\\\\').replace(/"""/g, '\\"\\"\\"');
  const lines: string[] = [];
  paragraphs.forEach((p, i) => {
    if (i > 0) lines.push('');
    lines.push(...wrap(safe(p), 96 - indent.length));
  });
  if (lines.length === 1) return [`${indent}"""${lines[0]}"""`];
  return [`${indent}"""${lines[0]}`, ...lines.slice(1).map((l) => (l ? `${indent}${l}` : '')), `${indent}"""`];
}

/** Greedy word wrap; a paragraph's own newlines start new lines, and indented lines stay as they are. */
export function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  for (const para of text.split('\n')) {
    if (/^\s/.test(para)) {
      out.push(para.trimEnd());
      continue;
    }
    let line = '';
    for (const word of para.split(/\s+/).filter(Boolean)) {
      if (line && line.length + 1 + word.length > width) {
        out.push(line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    out.push(line);
  }
  return out;
}

/** Split `a, (b, c), d="x, y"` at its top-level commas. */
export function splitArgs(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote = '';
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quote) {
      if (ch === quote && text[i - 1] !== '\\') quote = '';
    } else if (ch === '"' || ch === "'") quote = ch;
    else if ('([{'.includes(ch)) depth++;
    else if (')]}'.includes(ch)) depth--;
    else if (ch === ',' && depth === 0) {
      out.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  const last = text.slice(start).trim();
  return last ? [...out, last] : out;
}

/** `[callee, args]` of a plain call `f(a, b)`; undefined for anything else, e.g. `f(a)(x)`. */
export function plainCall(expr: string): [string, string[]] | undefined {
  const head = expr.match(/^[\w.]+\(/)?.[0];
  if (!head) return undefined;
  let depth = 0;
  let quote = '';
  for (let i = head.length - 1; i < expr.length; i++) {
    const ch = expr[i]!;
    if (quote) {
      if (ch === quote && expr[i - 1] !== '\\') quote = '';
    } else if (ch === '"' || ch === "'") quote = ch;
    else if ('([{'.includes(ch)) depth++;
    else if (')]}'.includes(ch) && --depth === 0 && i !== expr.length - 1) return undefined;
  }
  return [head.slice(0, -1), splitArgs(expr.slice(head.length, -1))];
}

/** `target = expr`, a long plain call wrapped as black wraps it. */
export function pyAssign(indent: string, target: string, expr: string): string[] {
  const line = `${indent}${target} = ${expr}`;
  const call = plainCall(expr);
  if (line.length <= LINE || !call) return [line];
  return pyCall(`${indent}${target} = ${call[0]}`, call[1], '', indent);
}
