/**
 * The training panel's line about the network's health: the latest sampled batch's warnings
 * (exploding or vanishing gradients, dead units) with their figures and hints, or that there are
 * none and the largest update-to-weight ratio. The canvas shows the same warnings on the nodes.
 */
import { figureText, healthWarnings, warningText, type HealthEvent } from '../../../shared/health';

/** At most this many warnings are spelled out; the rest are counted. */
const SHOWN = 3;

export function HealthLine({ health }: { health?: HealthEvent }) {
  if (!health) return null;
  const warnings = healthWarnings(health);
  const when = `Health at epoch ${health.epoch}, batch ${health.batch}`;
  if (warnings.length === 0) {
    const ratios = health.nodes.flatMap((n) => (typeof n.updateRatio === 'number' ? [n.updateRatio] : []));
    const largest = ratios.length ? ` · largest ‖Δw‖/‖w‖ ${figureText(Math.max(...ratios))}` : '';
    return (
      <p className="health-line" aria-label="Health">
        {when}: no warnings on {health.nodes.length} layer{health.nodes.length === 1 ? '' : 's'}
        {largest}
      </p>
    );
  }
  return (
    <div className="health-line health-line--warn" aria-label="Health">
      {when}: {warnings.length} warning{warnings.length === 1 ? '' : 's'}
      <ul>
        {warnings.slice(0, SHOWN).map((w) => (
          <li key={`${w.node} ${w.issue}`}>{warningText(w)}</li>
        ))}
        {warnings.length > SHOWN ? <li>and {warnings.length - SHOWN} more (hover the badges on the canvas)</li> : null}
      </ul>
    </div>
  );
}
