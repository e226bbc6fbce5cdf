/**
 * Form fields for layer parameters, one per `ParamSpec` type. Each commits on every change, so
 * the canvas and every downstream shape update while the user types; a value that does not
 * parse is committed as typed, so the layer's error says what it must be.
 */
import { useEffect, useId, useState } from 'react';
import type { ParamSpec, ParamValue } from '../../../shared/layers/types';
import { formatList, parseNumber, parseSize, parseList } from './parse';

type InputProps = Omit<React.InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'>;

/**
 * A text box that keeps what the user typed (even "" or "5×") while the committed value stays
 * in the document; it follows the document when the value changes from elsewhere (a fix).
 */
export function DraftInput({ value, parse, format, onChange, ...rest }: { value: ParamValue | undefined; parse(text: string): ParamValue | undefined; format(v: ParamValue | undefined): string; onChange(v: ParamValue): void } & InputProps) {
  const [text, setText] = useState(() => format(value));
  useEffect(() => {
    setText((t) => (sameValue(parse(t), value) ? t : format(value)));
    // Only a new value from outside matters here; parse and format are pure and fixed per field.
  }, [value]);
  return (
    <input
      {...rest}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        const v = parse(e.target.value);
        if (v !== undefined) onChange(v);
      }}
    />
  );
}

const sameValue = (a: ParamValue | undefined, b: ParamValue | undefined) => JSON.stringify(a) === JSON.stringify(b);
const show = (v: ParamValue | undefined) => (v === undefined ? '' : Array.isArray(v) ? formatList(v) : String(v));

/** A number box; only what parses as a number is committed. */
export function NumberInput({ value, onChange, ...rest }: { value: number | undefined; onChange(n: number): void } & InputProps) {
  return <DraftInput type="number" {...rest} value={value} parse={parseNumber} format={show} onChange={(v) => onChange(v as number)} />;
}

/** One labelled field for a parameter (the label text is `spec.label`). */
export function ParamField({ spec, value, error, onChange }: { spec: ParamSpec; value: ParamValue | undefined; error?: string; onChange(v: ParamValue): void }) {
  const id = useId();
  const invalid = error ? { 'aria-invalid': true, 'aria-describedby': `${id}-error` } : {};
  return (
    <div className={`field${error ? ' field--error' : ''}`}>
      {spec.type === 'bool' ? (
        <label className="field__check">
          <input type="checkbox" checked={value === true} onChange={(e) => onChange(e.target.checked)} {...invalid} />
          {spec.label}
        </label>
      ) : (
        <>
          <label htmlFor={id}>{spec.label}</label>
          <Control id={id} spec={spec} value={value} onChange={onChange} invalid={invalid} />
        </>
      )}
      {spec.help ? <small className="field__help">{spec.help}</small> : null}
      <FieldError id={id} error={error} />
    </div>
  );
}

/** A field's error under it; `id-error` is what the input's aria-describedby names. */
export function FieldError({ id, error }: { id: string; error?: string }) {
  return error ? (
    <small className="field__error" id={`${id}-error`}>
      {error}
    </small>
  ) : null;
}

interface ControlProps {
  id: string;
  spec: ParamSpec;
  value: ParamValue | undefined;
  onChange(v: ParamValue): void;
  invalid: object;
}

function Control({ id, spec, value, onChange, invalid }: ControlProps) {
  switch (spec.type) {
    case 'int':
    case 'float':
      return <NumberInput id={id} value={typeof value === 'number' ? value : undefined} min={spec.min} max={spec.max} step={spec.type === 'int' ? 1 : 'any'} onChange={onChange} {...invalid} />;
    case 'size':
      return <DraftInput id={id} value={value} parse={parseSize} format={(v) => (Array.isArray(v) ? v.join('×') : show(v))} onChange={onChange} inputMode="numeric" placeholder="5 or 5×3" {...invalid} />;
    case 'shape':
      return <DraftInput id={id} value={value} parse={(t) => (t.trim() ? (parseList(t, 4, true) ?? t) : undefined)} format={show} onChange={onChange} placeholder="1, 1, -1" {...invalid} />;
    case 'enum':
      return (
        <select id={id} value={String(value)} onChange={(e) => onChange(e.target.value)} {...invalid}>
          {spec.options?.map((o) => (
            <option key={o}>{o}</option>
          ))}
        </select>
      );
    case 'padding':
      return <PaddingControl id={id} spec={spec} value={value} onChange={onChange} invalid={invalid} />;
    case 'bool':
      return null;
  }
}

/** Padding: one of the named choices ("valid", "same"), P pixels, or `top, bottom, left, right`. */
function PaddingControl({ id, spec, value, onChange, invalid }: ControlProps) {
  const named = spec.options ?? [];
  const pixels = <DraftInput id={named.length ? undefined : id} aria-label={named.length ? `${spec.label} pixels` : undefined} value={value} parse={(t) => (t.trim() ? (parseList(t, 4) ?? t) : undefined)} format={show} onChange={onChange} placeholder="P or t, b, l, r" {...invalid} />;
  if (!named.length) return pixels;
  const custom = !named.includes(String(value));
  return (
    <div className={`field__row${custom ? '' : ' field__row--single'}`}>
      <select id={id} value={custom ? 'pixels' : String(value)} onChange={(e) => onChange(e.target.value === 'pixels' ? 1 : e.target.value)} {...invalid}>
        {named.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
        <option value="pixels">pixels</option>
      </select>
      {custom ? pixels : null}
    </div>
  );
}
