/**
 * Parameter expressions inside block definitions: an inner node's parameter written as
 * `"=name"` or `"=planes * 4"` takes its value from the block's parameters. Numbers, names,
 * + − * / // (floor division) and parentheses; nothing else is evaluated.
 */
import type { ParamValue } from '../layers/types';

export const isExpression = (v: unknown): v is string => typeof v === 'string' && v.startsWith('=');

/**
 * `evaluate('=planes * 4', { planes: 64 })` → 256; `evaluate('=pad', { pad: 'same' })` → 'same'.
 * Throws an Error that says what is wrong for an unknown name or a malformed expression.
 */
export function evaluate(expr: string, scope: Readonly<Record<string, ParamValue>>): ParamValue {
  const src = expr.slice(1).trim();
  if (/^[A-Za-z_]\w*$/.test(src)) return lookup(src, scope);
  const tokens = src.match(/\d+(?:\.\d+)?|[A-Za-z_]\w*|\/\/|[-+*/()]|\S/g) ?? [];
  let i = 0;
  const peek = () => tokens[i];
  const next = () => tokens[i++];
  const primary = (): number => {
    const t = next();
    if (t === undefined) throw new Error(`"${expr}" ends too early`);
    if (t === '(') {
      const v = sum();
      if (next() !== ')') throw new Error(`"${expr}" misses a ")"`);
      return v;
    }
    if (t === '-') return -primary();
    if (/^\d/.test(t)) return Number(t);
    if (/^[A-Za-z_]/.test(t)) {
      const v = lookup(t, scope);
      if (typeof v !== 'number') throw new Error(`"${t}" is not a number in "${expr}"`);
      return v;
    }
    throw new Error(`unexpected "${t}" in "${expr}"`);
  };
  const product = (): number => {
    let v = primary();
    for (let op = peek(); op === '*' || op === '/' || op === '//'; op = peek()) {
      next();
      const r = primary();
      v = op === '*' ? v * r : op === '/' ? v / r : Math.floor(v / r);
    }
    return v;
  };
  const sum = (): number => {
    let v = product();
    for (let op = peek(); op === '+' || op === '-'; op = peek()) {
      next();
      v = op === '+' ? v + product() : v - product();
    }
    return v;
  };
  const value = sum();
  if (i !== tokens.length) throw new Error(`unexpected "${tokens[i]}" in "${expr}"`);
  return value;
}

function lookup(name: string, scope: Readonly<Record<string, ParamValue>>): ParamValue {
  if (!Object.prototype.hasOwnProperty.call(scope, name)) {
    throw new Error(`"${name}" is not a parameter of the block (it has ${Object.keys(scope).join(', ') || 'none'})`);
  }
  return scope[name]!;
}
