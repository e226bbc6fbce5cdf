/**
 * Every training setting of the document, edited through the store's `setTraining` so each
 * change is undoable and saved with the document, plus the engine the next run uses. Locked
 * while a run is active: the run has its own copy of the settings.
 */
import { memo } from 'react';
import { ENGINES } from '../../../shared/api';
import { useApp } from '../store/store';
import { isActive } from '../store/training';
import { useTrainingView, type Engine } from '../store/trainingView';
import { DatasetFields } from './DatasetFields';
import { OptimizerFields } from './OptimizerFields';
import { NumberField, SelectField, SettingGroup } from './settingFields';

const ENGINE_NAMES: Record<Engine, string> = { tfjs: 'Built-in (tfjs)', torch: 'PyTorch' };
const ENGINE_OPTIONS = ENGINES.map((e) => [e, ENGINE_NAMES[e]] as const);

function RunControlsImpl() {
  const settings = useApp((s) => s.doc.training);
  const setTraining = useApp((s) => s.setTraining);
  const active = useApp((s) => isActive(s.training));
  const engine = useTrainingView((v) => v.engine);
  return (
    <form className="settings" aria-label="Run settings" onSubmit={(e) => e.preventDefault()}>
      <SettingGroup title="Run">
        <div className="settings__grid">
          <NumberField label="Epochs" integer min={1} max={1000} value={settings.epochs} disabled={active} onChange={(epochs) => setTraining({ epochs })} />
          <NumberField label="Batch size" integer min={1} max={4096} value={settings.batchSize} disabled={active} onChange={(batchSize) => setTraining({ batchSize })} />
          <NumberField label="Seed" integer min={0} max={2 ** 31 - 1} value={settings.seed} disabled={active} onChange={(seed) => setTraining({ seed })} />
          <SelectField label="Engine" value={engine} options={ENGINE_OPTIONS} disabled={active} onChange={(e) => useTrainingView.getState().set({ engine: e })} />
        </div>
      </SettingGroup>
      <OptimizerFields settings={settings} disabled={active} onChange={setTraining} />
      <DatasetFields settings={settings} disabled={active} onChange={setTraining} />
    </form>
  );
}

/** The run settings form. */
export const RunControls = memo(RunControlsImpl);
