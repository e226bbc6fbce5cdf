/** The ticked runs' curves overlaid: loss and accuracy per epoch, training and validation. */
import { memo, useMemo } from 'react';
import { Plot } from '../training/Plot';
import { overlaySeries } from './overlay';
import { useRuns } from './store';

const pct = (y: number) => `${Math.round(y * 100)}%`;

function RunCurvesImpl() {
  const all = useRuns((s) => s.runs);
  const selected = useRuns((s) => s.selected);
  // In tick order, so each run keeps the colour its swatch in the list shows.
  const runs = useMemo(() => selected.flatMap((id) => all.filter((r) => r.id === id)), [all, selected]);
  const loss = useMemo(() => overlaySeries(runs, 'loss'), [runs]);
  const acc = useMemo(() => overlaySeries(runs, 'acc'), [runs]);
  if (runs.length === 0) return <p className="muted runs__hint">Tick runs in the list to overlay their curves; tick two to compare their architectures.</p>;
  return (
    <div className="runs__curves">
      <Plot title="Loss per epoch" series={loss} xLabel="epoch" integerX height={170} />
      <Plot title="Accuracy per epoch" series={acc} xLabel="epoch" integerX yRange={[0, 1]} format={pct} height={170} />
    </div>
  );
}

/** The overlay of the ticked runs' curves. */
export const RunCurves = memo(RunCurvesImpl);
