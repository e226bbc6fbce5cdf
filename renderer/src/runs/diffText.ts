/**
 * The words of an architecture diff: a parameter change as `filters 6 → 8`, a connection as
 * `Dense C5 → Dense F6`. Pure, so the view stays a list of these.
 */
import type { EdgeChange, ParamChange } from '../../../shared/graph/diff';
import type { Block } from '../../../shared/graph/schema';
import { nodeName } from '../ui/nodeName';

/** `value(undefined)` → `—`, objects as compact JSON, strings as they are. */
export const value = (v: unknown): string => (v === undefined ? '—' : typeof v === 'string' ? v : JSON.stringify(v));

/** `changeText({ param: 'filters', before: 6, after: 8 })` → `filters 6 → 8`. */
export const changeText = (c: ParamChange) => `${c.param} ${value(c.before)} → ${value(c.after)}`;

/** `edgeText(e, blocks)` → `Dense C5 → Dense F6`, with the input port where the target has several. */
export const edgeText = (e: EdgeChange, blocks: readonly Block[]) => `${nodeName(e.source, blocks)} → ${nodeName(e.target, blocks)}${e.targetPort > 0 ? ` (input ${e.targetPort + 1})` : ''}`;
