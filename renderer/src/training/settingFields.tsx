/**
 * Labelled form controls for the training settings. Numbers commit only values in range (so
 * the document stays valid while the user types "0.0" on the way to "0.001"); the box says
 * when what it holds is not committed.
 */
import { useId, useState, type ReactNode } from 'react';
import { NumberInput } from '../ui/fields';

interface NumberFieldProps {
  label: string;
  value: number;
  min: number;
  max: number;
  /** Whole numbers only (epochs, batch size, seed). */
  integer?: boolean;
  /** The spinner's step; `any` for rates. */
  step?: number | 'any';
  disabled?: boolean;
  onChange(n: number): void;
}

/** A number box with its label: `<NumberField label="Epochs" value={3} min={1} max={1000} integer onChange={…} />`. */
export function NumberField({ label, value, min, max, integer, step = integer ? 1 : 'any', disabled, onChange }: NumberFieldProps) {
  const [bad, setBad] = useState(false);
  const id = useId();
  return (
    <label className="setting">
      <span>{label}</span>
      <NumberInput
        min={min}
        max={max}
        step={step}
        value={value}
        disabled={disabled}
        aria-invalid={bad || undefined}
        aria-describedby={bad ? id : undefined}
        onChange={(n) => {
          const ok = n >= min && n <= max && (!integer || Number.isInteger(n));
          setBad(!ok);
          if (ok && n !== value) onChange(n);
        }}
      />
      {bad ? (
        <small className="setting__error" id={id}>
          {integer ? 'A whole number, ' : ''}
          {min} to {max}
        </small>
      ) : null}
    </label>
  );
}

/** A select with its label; `options` are `[value, text]` pairs. */
export function SelectField<T extends string>({ label, value, options, disabled, onChange }: { label: string; value: T; options: readonly (readonly [T, string])[]; disabled?: boolean; onChange(v: T): void }) {
  return (
    <label className="setting">
      <span>{label}</span>
      <select value={value} disabled={disabled} onChange={(e) => onChange(e.target.value as T)}>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}

/** A checkbox with its label. */
export function CheckField({ label, checked, disabled, onChange }: { label: string; checked: boolean; disabled?: boolean; onChange(v: boolean): void }) {
  return (
    <label className="setting setting--check">
      <input type="checkbox" checked={checked} disabled={disabled} onChange={(e) => onChange(e.target.checked)} />
      <span>{label}</span>
    </label>
  );
}

/** A titled group of settings. */
export function SettingGroup({ title, children }: { title: string; children: ReactNode }) {
  return (
    <fieldset className="settings__group">
      <legend>{title}</legend>
      {children}
    </fieldset>
  );
}
