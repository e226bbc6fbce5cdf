/**
 * A parameter field inside a block definition: a number, or an expression of the block's
 * parameters (`=n3x3`, `=width * 4`), with the value it takes in the opened instance.
 */
import { useId } from 'react';
import { isExpression } from '../../../shared/blocks/expr';
import type { ParamSpec, ParamValue } from '../../../shared/layers/types';
import { DraftInput, FieldError } from '../ui/fields';
import { parseNumber, parseSize } from '../ui/parse';

/** Whether a field of this spec holding `value` is edited as an expression. */
export const takesExpression = (spec: ParamSpec, value: unknown) => isExpression(value) || spec.type === 'int' || spec.type === 'float' || spec.type === 'size';

function parse(spec: ParamSpec, text: string): ParamValue | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  if (t.startsWith('=')) return t.length > 1 ? t : undefined;
  if (spec.type === 'size') return parseSize(t);
  if (spec.type === 'int' || spec.type === 'float') return parseNumber(t);
  return t;
}

const show = (v: ParamValue | undefined) => (v === undefined ? '' : Array.isArray(v) ? v.join('×') : String(v));

export function ExpressionField({ spec, value, resolved, error, onChange }: { spec: ParamSpec; value: ParamValue | undefined; resolved?: ParamValue; error?: string; onChange(v: ParamValue): void }) {
  const id = useId();
  const expression = isExpression(value);
  return (
    <div className={`field${error ? ' field--error' : ''}`}>
      <label htmlFor={id}>{spec.label}</label>
      <DraftInput
        id={id}
        value={value}
        parse={(t) => parse(spec, t)}
        format={show}
        onChange={onChange}
        placeholder="a number, or =parameter"
        spellCheck={false}
        {...(error ? { 'aria-invalid': true, 'aria-describedby': `${id}-error` } : {})}
      />
      {expression && resolved !== undefined ? <small className="field__help">{show(resolved)} in this instance</small> : null}
      <FieldError id={id} error={error} />
    </div>
  );
}
