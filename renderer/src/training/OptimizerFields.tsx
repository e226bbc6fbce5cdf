/** The optimizer settings: which one, its learning rate and schedule, momentum, weight decay. */
import type { Schedule, Training } from '../../../shared/graph/schema';
import { NumberField, SelectField, SettingGroup } from './settingFields';

const OPTIMIZERS = [
  ['sgd', 'SGD with momentum'],
  ['adam', 'Adam'],
  ['rmsprop', 'RMSprop'],
] as const;

const SCHEDULES = [
  ['none', 'Constant'],
  ['step', 'Step'],
  ['cosine', 'Cosine'],
] as const;

/** The schedule a kind starts as; a step schedule keeps its numbers when the user comes back to it. */
const scheduleOf = (kind: Schedule['kind'], current: Schedule): Schedule =>
  kind === 'step' ? (current.kind === 'step' ? current : { kind, every: 10, gamma: 0.1 }) : { kind };

interface Props {
  settings: Training;
  disabled: boolean;
  onChange(patch: Partial<Training>): void;
}

/** The "Optimizer" group of the run settings. */
export function OptimizerFields({ settings, disabled, onChange }: Props) {
  const { schedule } = settings;
  return (
    <SettingGroup title="Optimizer">
      <div className="settings__grid">
        <SelectField label="Optimizer" value={settings.optimizer} options={OPTIMIZERS} disabled={disabled} onChange={(optimizer) => onChange({ optimizer })} />
        <NumberField label="Learning rate" min={1e-7} max={10} value={settings.learningRate} disabled={disabled} onChange={(learningRate) => onChange({ learningRate })} />
        {/* Adam and RMSprop ignore momentum, so it is only asked for where it acts. */}
        {settings.optimizer === 'sgd' ? <NumberField label="Momentum" min={0} max={0.999} step={0.05} value={settings.momentum} disabled={disabled} onChange={(momentum) => onChange({ momentum })} /> : null}
        <NumberField label="Weight decay" min={0} max={1} value={settings.weightDecay} disabled={disabled} onChange={(weightDecay) => onChange({ weightDecay })} />
        <SelectField label="Schedule" value={schedule.kind} options={SCHEDULES} disabled={disabled} onChange={(kind) => onChange({ schedule: scheduleOf(kind, schedule) })} />
        {schedule.kind === 'step' ? (
          <>
            <NumberField label="Step every (epochs)" integer min={1} max={1000} value={schedule.every} disabled={disabled} onChange={(every) => onChange({ schedule: { ...schedule, every } })} />
            <NumberField label="Step factor" min={0.0001} max={1} step={0.05} value={schedule.gamma} disabled={disabled} onChange={(gamma) => onChange({ schedule: { ...schedule, gamma } })} />
          </>
        ) : null}
      </div>
    </SettingGroup>
  );
}
