/**
 * Resolve a node's raw parameters against its registry entry: fill defaults, check types and
 * ranges. A bad value is a `ShapeError` that names the parameter.
 */
import { asPadding, asSize } from './arith';
import type { LayerDef, ParamSpec, Params, ParamValue, ShapeError } from './types';

export type Resolved = { ok: true; params: Params } | { ok: false; error: ShapeError };

/** `resolveParams(conv2d, { filters: 6 })` → `{ ok: true, params: { filters: 6, kernel: 3, … } }`. */
export function resolveParams(def: LayerDef, raw: Record<string, unknown>): Resolved {
  const params: Params = {};
  for (const spec of def.params) {
    const given = Object.prototype.hasOwnProperty.call(raw, spec.name) ? raw[spec.name] : undefined;
    const value = given === undefined ? spec.default : check(spec, given);
    if (value === undefined) {
      return { ok: false, error: { param: spec.name, message: `${spec.label} ${describe(spec)}, got ${showValue(given)}.`, fixes: [{ label: `Reset ${spec.label} to ${spec.default}`, params: { [spec.name]: spec.default } }] } };
    }
    params[spec.name] = value;
  }
  return { ok: true, params };
}

function check(spec: ParamSpec, v: unknown): ParamValue | undefined {
  switch (spec.type) {
    case 'int':
    case 'float': {
      if (typeof v !== 'number' || !Number.isFinite(v)) return undefined;
      if (spec.type === 'int' && !Number.isInteger(v)) return undefined;
      if ((spec.min !== undefined && v < spec.min) || (spec.max !== undefined && v > spec.max)) return undefined;
      return v;
    }
    case 'bool':
      return typeof v === 'boolean' ? v : undefined;
    case 'enum':
      return typeof v === 'string' && spec.options?.includes(v) ? v : undefined;
    case 'size': {
      const size = typeof v === 'number' || Array.isArray(v) ? asSize(v as number | number[]) : undefined;
      if (!size || (spec.max !== undefined && size.some((x) => x > spec.max!))) return undefined;
      return size[0] === size[1] && typeof v === 'number' ? v : [...size];
    }
    case 'padding': {
      const p = typeof v === 'number' || typeof v === 'string' || Array.isArray(v) ? asPadding(v as ParamValue, spec.options ?? []) : undefined;
      return p === undefined ? undefined : Array.isArray(p) ? [...p] : (p as ParamValue);
    }
    case 'shape':
      return Array.isArray(v) && v.length >= 1 && v.length <= 4 && v.every((x) => Number.isInteger(x) && (x >= 1 || x === -1)) && v.filter((x) => x === -1).length <= 1
        ? [...(v as number[])]
        : undefined;
  }
}

/** What a parameter accepts, in words: "must be an integer from 1 to 4096". */
export function describe(spec: ParamSpec): string {
  switch (spec.type) {
    case 'int':
    case 'float': {
      const what = spec.type === 'int' ? 'an integer' : 'a number';
      if (spec.min !== undefined && spec.max !== undefined) return `must be ${what} from ${spec.min} to ${spec.max}`;
      if (spec.min !== undefined) return `must be ${what} ≥ ${spec.min}`;
      return `must be ${what}`;
    }
    case 'bool':
      return 'must be true or false';
    case 'enum':
      return `must be one of ${spec.options!.join(', ')}`;
    case 'size':
      return `must be a whole number${spec.max ? ` up to ${spec.max}` : ''} or [height, width]`;
    case 'padding': {
      const words = (spec.options ?? []).map((o) => `"${o}"`);
      return `must be ${[...words, 'P pixels on every side', '[top, bottom, left, right]'].join(', ')}`;
    }
    case 'shape':
      return 'must be a list of 1 to 4 sizes, at most one of them -1 ("the rest")';
  }
}

/**
 * A value as a message quotes it: JSON, so on one line (a string's newlines escaped), at most 60
 * characters, and never an exception (not even for a list nested too deep to write out).
 */
export function showValue(v: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(v) ?? String(v);
  } catch {
    text = Array.isArray(v) ? 'a list nested too deep' : typeof v;
  }
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}
