/**
 * Resolve a node's raw parameters against its registry entry: fill defaults, check types and
 * ranges. A bad value is a `ShapeError` that names the parameter.
 */
import { asPadding } from './arith';
import type { LayerDef, ParamSpec, Params, ParamValue, ShapeError } from './types';

export type Resolved = { ok: true; params: Params } | { ok: false; error: ShapeError };

/** `resolveParams(conv2d, { filters: 6 })` → `{ ok: true, params: { filters: 6, kernel: 3, … } }`. */
export function resolveParams(def: LayerDef, raw: Record<string, unknown>): Resolved {
  const params: Params = {};
  for (const spec of def.params) {
    const given = Object.prototype.hasOwnProperty.call(raw, spec.name) ? raw[spec.name] : undefined;
    const value = given === undefined ? spec.default : check(spec, given);
    if (value === undefined) {
      return { ok: false, error: { param: spec.name, message: `${spec.label} ${describe(spec)}, got ${show(given)}.`, fixes: [{ label: `Reset ${spec.label} to ${spec.default}`, params: { [spec.name]: spec.default } }] } };
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
    case 'padding':
      return typeof v === 'number' || typeof v === 'string' ? asPadding(v) : undefined;
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
    case 'padding':
      return 'must be "valid", "same" or a whole number of pixels';
  }
}

const show = (v: unknown) => (typeof v === 'string' ? `"${v}"` : JSON.stringify(v) ?? String(v));
