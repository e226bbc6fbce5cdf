/**
 * A small SVG line chart: one line per batch series, dots for per-epoch validation points.
 * Long series are averaged into at most one point per pixel column, so drawing stays cheap.
 * The svg carries `data-points`, the number of batch points it plots, for tests.
 */
import { memo } from 'react';

export interface XY {
  x: number;
  y: number;
}

export interface ChartSeries {
  name: string;
  /** A CSS class that colours the series. */
  className: string;
  points: readonly XY[];
  /** Lines for per-batch values, dots for per-epoch ones. */
  style: 'line' | 'dots';
}

interface Props {
  title: string;
  series: readonly ChartSeries[];
  /** The x range to show, e.g. every batch of the run. */
  xMax: number;
  /** A fixed y range (accuracy: 0–1), or fit the data. */
  yRange?: [number, number];
  format?: (y: number) => string;
  /** Labelled marks along x, e.g. where each epoch ends. */
  xMarks?: readonly { x: number; label: string }[];
}

const W = 320;
const H = 150;
const PAD = { left: 40, right: 8, top: 8, bottom: 20 };

/** Average runs of points so that at most `max` remain: `thin(points, 300)`. */
export function thin(points: readonly XY[], max: number): readonly XY[] {
  if (points.length <= max) return points;
  const per = Math.ceil(points.length / max);
  const out: XY[] = [];
  for (let i = 0; i < points.length; i += per) {
    let x = 0;
    let y = 0;
    const end = Math.min(i + per, points.length);
    for (let j = i; j < end; j++) {
      x += points[j]!.x;
      y += points[j]!.y;
    }
    out.push({ x: x / (end - i), y: y / (end - i) });
  }
  return out;
}

function range(series: readonly ChartSeries[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of series) for (const p of s.points) if (Number.isFinite(p.y)) (lo = Math.min(lo, p.y)), (hi = Math.max(hi, p.y));
  if (lo === Infinity) return [0, 1];
  if (hi - lo < 1e-9) return [lo - 0.5, hi + 0.5];
  return [Math.min(0, lo), hi * 1.05];
}

function LineChartImpl({ title, series, xMax, yRange, format = (y) => y.toFixed(2), xMarks = [] }: Props) {
  const [y0, y1] = yRange ?? range(series);
  const sx = (x: number) => PAD.left + (x / Math.max(xMax, 1)) * (W - PAD.left - PAD.right);
  const sy = (y: number) => PAD.top + (1 - (y - y0) / (y1 - y0 || 1)) * (H - PAD.top - PAD.bottom);
  const plotted = series.filter((s) => s.style === 'line').reduce((n, s) => n + s.points.length, 0);
  const ticks = [y0, (y0 + y1) / 2, y1];
  return (
    <figure className="chart">
      <figcaption className="chart__title">
        {title}
        {series.map((s) => (
          <span key={s.name} className={`chart__key ${s.className}`}>
            {s.name}
          </span>
        ))}
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`${title} chart`} data-points={plotted}>
        {ticks.map((t) => (
          <g key={t} className="chart__grid">
            <line x1={PAD.left} x2={W - PAD.right} y1={sy(t)} y2={sy(t)} />
            <text x={PAD.left - 4} y={sy(t) + 3} textAnchor="end">
              {format(t)}
            </text>
          </g>
        ))}
        {xMarks.map((m) => (
          <g key={m.x} className="chart__mark">
            <line x1={sx(m.x)} x2={sx(m.x)} y1={PAD.top} y2={H - PAD.bottom} />
            <text x={sx(m.x)} y={H - 5} textAnchor="end">
              {m.label}
            </text>
          </g>
        ))}
        {series.map((s) =>
          s.style === 'line' ? (
            <path key={s.name} className={`chart__line ${s.className}`} d={linePath(thin(s.points, W - PAD.left - PAD.right), sx, sy)} />
          ) : (
            <g key={s.name} className={`chart__dots ${s.className}`}>
              {s.points.map((p) => (
                <circle key={p.x} cx={sx(p.x)} cy={sy(p.y)} r={3.2} />
              ))}
            </g>
          ),
        )}
      </svg>
    </figure>
  );
}

function linePath(points: readonly XY[], sx: (x: number) => number, sy: (y: number) => number): string {
  let d = '';
  for (const p of points) if (Number.isFinite(p.y)) d += `${d ? 'L' : 'M'}${sx(p.x).toFixed(1)},${sy(p.y).toFixed(1)}`;
  return d;
}

/** The chart component; memoised so it redraws only when its series change. */
export const LineChart = memo(LineChartImpl);
