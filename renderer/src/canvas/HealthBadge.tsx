/**
 * The health badge on a canvas node: a warning sign at the node's corner when the latest sampled
 * health of the run (the training store's `health`, kept after the run ends) flags the node, or
 * any layer inside a block instance, with an exploding or vanishing gradient or dead units.
 * Hovering or focusing it shows each figure and its hint (thresholds and words: shared/health.ts).
 */
import { useMemo } from 'react';
import { HEALTH_TITLES, healthOfNode, healthLine, nodeWarnings } from '../../../shared/health';
import { useApp } from '../store/store';

/** `id`: the node's id in the graph on the canvas (inside a block, its definition's; the scope gives the instance path). */
export function HealthBadge({ id }: { id: string }) {
  const health = useApp((s) => s.training.health);
  const scope = useApp((s) => s.scope);
  const path = [...scope.map((f) => f.instance), id].join('/');
  const figures = useMemo(() => (health ? healthOfNode(health, path) : []), [health, path]);
  const warnings = useMemo(() => figures.flatMap(nodeWarnings), [figures]);
  if (!health || warnings.length === 0) return null;
  const inner = (node: string) => (node === path ? '' : `${node.slice(path.length + 1)}: `);
  const label = `Health at epoch ${health.epoch}, batch ${health.batch}: ${warnings.map((w) => `${inner(w.node)}${HEALTH_TITLES[w.issue]}`).join(', ')}`;
  return (
    <span className="health-badge nodrag" tabIndex={0} role="img" aria-label={label} data-issues={[...new Set(warnings.map((w) => w.issue))].join(' ')}>
      !
      <span className="health-badge__tip" role="tooltip">
        <span className="health-badge__when">Health at epoch {health.epoch}, batch {health.batch}</span>
        {warnings.map((w) => (
          <span key={`${w.node} ${w.issue}`} className="health-badge__warning">
            <strong>
              {inner(w.node)}
              {HEALTH_TITLES[w.issue]}
            </strong>
            : {w.figure}. <em>{w.hint}</em>
          </span>
        ))}
        {figures.map((f) => (
          <span key={f.node} className="health-badge__figures">
            {inner(f.node)}
            {healthLine(f)}
          </span>
        ))}
      </span>
    </span>
  );
}
