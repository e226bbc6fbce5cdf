/**
 * Block parameter expressions ("=planes * 4", "=channels // ratio") as small symbolic values, so
 * a generated block class can compute channel counts from its own arguments: a DenseNet block's
 * sixth layer sees `in_channels + growth * 5`, not a number baked in for one instance.
 *
 * A value is kept as a sum of terms (coefficient × atom) plus a constant; an atom is a name, or a
 * product or division that is not linear (`channels // ratio`), kept whole.
 */

export interface Sym {
  c: number;
  terms: readonly Term[];
}

interface Term {
  key: string;
  atom: Atom;
  coef: number;
}

type Atom = { name: string } | { op: '*' | '/' | '//'; a: Sym; b: Sym };

/** How a target language writes names and divisions. */
export interface SymStyle {
  name(param: string): string;
  floorDiv(a: string, b: string): string;
  div(a: string, b: string): string;
}

export const num = (c: number): Sym => ({ c, terms: [] });
export const name = (n: string): Sym => atom({ name: n });

const atomKey = (a: Atom): string => ('name' in a ? a.name : `(${key(a.a)})${a.op}(${key(a.b)})`);
const key = (s: Sym): string => [...s.terms.map((t) => `${t.coef}*${t.key}`), String(s.c)].join('+');
const atom = (a: Atom): Sym => ({ c: 0, terms: [{ key: atomKey(a), atom: a, coef: 1 }] });

/** The number, when the value does not depend on any name. */
export const constant = (s: Sym): number | undefined => (s.terms.length === 0 ? s.c : undefined);

export function add(a: Sym, b: Sym, sign = 1): Sym {
  const terms = a.terms.map((t) => ({ ...t }));
  for (const t of b.terms) {
    const same = terms.find((u) => u.key === t.key);
    if (same) same.coef += sign * t.coef;
    else terms.push({ ...t, coef: sign * t.coef });
  }
  return { c: a.c + sign * b.c, terms: terms.filter((t) => t.coef !== 0) };
}

const scale = (a: Sym, k: number): Sym => (k === 0 ? num(0) : { c: a.c * k, terms: a.terms.map((t) => ({ ...t, coef: t.coef * k })) });

export function mul(a: Sym, b: Sym): Sym {
  const ka = constant(a);
  const kb = constant(b);
  if (kb !== undefined) return scale(a, kb);
  if (ka !== undefined) return scale(b, ka);
  return atom({ op: '*', a, b });
}

/** Floor division (`//`) when `floor`, else true division; exact cases stay linear: (w * 4) // 2 → w * 2. */
export function div(a: Sym, b: Sym, floor: boolean): Sym {
  const kb = constant(b);
  const ka = constant(a);
  if (kb !== undefined && ka !== undefined && kb !== 0) return num(floor ? Math.floor(ka / kb) : ka / kb);
  if (kb !== undefined && kb !== 0 && Number.isInteger(kb) && [a.c, ...a.terms.map((t) => t.coef)].every((x) => Number.isInteger(x / kb))) return scale(a, 1 / kb);
  return atom({ op: floor ? '//' : '/', a, b });
}

/**
 * Parse a parameter expression as blocks/expr.ts reads it: `parse('=planes * 4')`.
 * Throws on text that expr.ts would not accept either.
 */
export function parse(expr: string): Sym {
  const src = expr.replace(/^=/, '');
  const tokens = src.match(/\d+(?:\.\d+)?|[A-Za-z_]\w*|\/\/|[-+*/()]|\S/g) ?? [];
  let i = 0;
  const primary = (): Sym => {
    const t = tokens[i++];
    if (t === undefined) throw new Error(`"${expr}" ends too early`);
    if (t === '(') {
      const v = sum();
      if (tokens[i++] !== ')') throw new Error(`"${expr}" misses a ")"`);
      return v;
    }
    if (t === '-') return scale(primary(), -1);
    if (/^\d/.test(t)) return num(Number(t));
    if (/^[A-Za-z_]/.test(t)) return name(t);
    throw new Error(`unexpected "${t}" in "${expr}"`);
  };
  const product = (): Sym => {
    let v = primary();
    for (let op = tokens[i]; op === '*' || op === '/' || op === '//'; op = tokens[i]) {
      i++;
      const r = primary();
      v = op === '*' ? mul(v, r) : div(v, r, op === '//');
    }
    return v;
  };
  const sum = (): Sym => {
    let v = product();
    for (let op = tokens[i]; op === '+' || op === '-'; op = tokens[i]) {
      i++;
      v = add(v, product(), op === '+' ? 1 : -1);
    }
    return v;
  };
  const value = sum();
  if (i !== tokens.length) throw new Error(`unexpected "${tokens[i]}" in "${expr}"`);
  return value;
}

/** Replace names by values: `substitute(parse('=growth * 4'), n => n === 'growth' ? num(32) : undefined)` → 128. */
export function substitute(s: Sym, env: (name: string) => Sym | undefined): Sym {
  let out = num(s.c);
  for (const t of s.terms) {
    const a = t.atom;
    const v = 'name' in a ? (env(a.name) ?? name(a.name)) : a.op === '*' ? mul(substitute(a.a, env), substitute(a.b, env)) : div(substitute(a.a, env), substitute(a.b, env), a.op === '//');
    out = add(out, scale(v, t.coef));
  }
  return out;
}

/** The names a value depends on. */
export function names(s: Sym): string[] {
  return s.terms.flatMap((t) => ('name' in t.atom ? [t.atom.name] : [...names(t.atom.a), ...names(t.atom.b)]));
}

const simple = (s: Sym) => s.terms.length === 0 || (s.terms.length === 1 && s.c === 0 && s.terms[0]!.coef === 1 && 'name' in s.terms[0]!.atom);

/**
 * The value as source text: `format(parse('=in + g + g'), PYTHON)` → 'in + g * 2'.
 * Terms keep the order they first appeared in; the constant comes last.
 */
export function format(s: Sym, style: SymStyle): string {
  const operand = (v: Sym) => (simple(v) ? format(v, style) : `(${format(v, style)})`);
  const atomText = (a: Atom) => {
    if ('name' in a) return style.name(a.name);
    if (a.op === '*') return `${operand(a.a)} * ${operand(a.b)}`;
    return a.op === '//' ? style.floorDiv(operand(a.a), operand(a.b)) : style.div(operand(a.a), operand(a.b));
  };
  let text = '';
  for (const t of s.terms) {
    // A division or product keeps its parentheses next to a minus or a factor: -(c // r) ≠ (-c) // r.
    const body = 'name' in t.atom || t.coef === 1 ? atomText(t.atom) : `(${atomText(t.atom)})`;
    const term = Math.abs(t.coef) === 1 ? body : `${body} * ${Math.abs(t.coef)}`;
    text += text === '' ? (t.coef < 0 ? `-${term}` : term) : t.coef < 0 ? ` - ${term}` : ` + ${term}`;
  }
  if (text === '') return String(s.c);
  return s.c === 0 ? text : `${text} ${s.c < 0 ? '-' : '+'} ${Math.abs(s.c)}`;
}
