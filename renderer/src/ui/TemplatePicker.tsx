/** The templates as a multiple-choice list (the Compare and Experiment tabs pick networks with it). */
import { templateIds } from '../../../shared/templates/index';

export function TemplatePicker({ value, onChange }: { value: string[]; onChange(ids: string[]): void }) {
  return (
    <select multiple aria-label="Templates" value={value} onChange={(e) => onChange([...e.target.selectedOptions].map((o) => o.value))} size={5}>
      {templateIds.map((id) => (
        <option key={id} value={id}>
          {id}
        </option>
      ))}
    </select>
  );
}
