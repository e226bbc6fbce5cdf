/**
 * A chart of one or more series, drawn by uPlot on a canvas: lines, or dots (e.g. validation
 * once per epoch), labelled vertical marks (epochs, the best epoch), a linear or log y axis, an
 * x axis of whole units (epochs) ticked at whole numbers.
 * Series may have different x values (see `alignSeries`). The chart follows its container's
 * size and the light/dark theme; its element has role `img`, the name `${title} chart` and a
 * `data-points` attribute with the first series' point count, for tests and assistive tech.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, type JSX } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { alignSeries } from './plotData';
import { useColourScheme } from './useColourScheme';
import { wholeSplits } from './wholeTicks';

export interface PlotSeries {
  label: string;
  /** Ascending. */
  x: number[];
  y: (number | null)[];
  /** A CSS colour or custom property, e.g. `var(--series-val)`; by default the next of the theme's series colours. */
  color?: string;
  /** Points only, no line. */
  dots?: boolean;
  /** Draw faintly, behind the others (e.g. the raw values under a smoothed curve). */
  faint?: boolean;
}

export interface PlotProps {
  title: string;
  series: PlotSeries[];
  xLabel?: string;
  /** The x values are whole units (e.g. epochs): ticks at whole numbers only, never "1.5". */
  integerX?: boolean;
  logY?: boolean;
  yRange?: [number, number];
  format?: (y: number) => string;
  /** Vertical lines, e.g. epochs, the best epoch. */
  marks?: { x: number; label: string; strong?: boolean }[];
  /** In CSS pixels; by default the chart fills its container's height. */
  height?: number;
  /** What an empty chart says, e.g. "Curves appear when a run starts." */
  empty?: string;
}

const PALETTE = ['var(--series-train)', 'var(--series-val)', 'var(--accent)', 'var(--ok)'];
/** A series' colour: its own, or the palette's by position. */
const colourOf = (s: PlotSeries, i: number) => s.color ?? PALETTE[i % PALETTE.length]!;
const FONT = '10px system-ui, sans-serif';

/** The colour a canvas can use for `var(--name)` (canvas does not resolve custom properties). */
function resolve(el: Element, colour: string): string {
  const name = /^var\((--[\w-]+)\)$/.exec(colour.trim())?.[1];
  return name ? getComputedStyle(el).getPropertyValue(name).trim() || '#888' : colour;
}

/** What the hooks read at draw time, always the latest props (a redraw needs no new chart). */
interface Live {
  format?: (y: number) => string;
  marks: NonNullable<PlotProps['marks']>;
  series: PlotSeries[];
  xLabel?: string;
}

const number = (live: Live, y: number) => (live.format ? live.format(y) : String(+y.toPrecision(3)));

/** The values under the pointer: "batch 120: train 0.412 · validation 0.388"; '' off the chart. */
function cursorText(u: uPlot, live: Live): string {
  const i = u.cursor.idx;
  if (i === null || i === undefined) return '';
  const parts: string[] = [];
  live.series.forEach((s, k) => {
    const y = u.data[k + 1]?.[i];
    if (!s.faint && y !== null && y !== undefined) parts.push(`${s.label} ${number(live, y)}`);
  });
  return parts.length ? `${live.xLabel ?? 'x'} ${u.data[0][i]}: ${parts.join(' · ')}` : '';
}

/** Draw the vertical marks across the plotting area, labels at the top. */
function drawMarks(u: uPlot, marks: Live['marks'], ink: { line: string; strong: string; text: string }) {
  const { ctx, bbox } = u;
  const dpr = devicePixelRatio || 1;
  ctx.save();
  ctx.font = FONT.replace('10px', `${10 * dpr}px`);
  ctx.textAlign = 'right';
  ctx.textBaseline = 'top';
  for (const m of marks) {
    const x = Math.round(u.valToPos(m.x, 'x', true));
    if (x < bbox.left || x > bbox.left + bbox.width) continue;
    ctx.strokeStyle = m.strong ? ink.strong : ink.line;
    ctx.lineWidth = (m.strong ? 1.5 : 1) * dpr;
    ctx.setLineDash(m.strong ? [] : [3 * dpr, 3 * dpr]);
    ctx.beginPath();
    ctx.moveTo(x, bbox.top);
    ctx.lineTo(x, bbox.top + bbox.height);
    ctx.stroke();
    ctx.fillStyle = m.strong ? ink.strong : ink.text;
    ctx.fillText(m.label, x - 3 * dpr, bbox.top + 2 * dpr);
  }
  ctx.restore();
}

/** uPlot's options for the chart's current look; data and size come separately. */
function options(el: HTMLElement, props: PlotProps, live: { current: Live }, size: { width: number; height: number }, readout: { current: HTMLElement | null }): uPlot.Options {
  const text = resolve(el, 'var(--muted)');
  const grid = resolve(el, 'var(--border)');
  const ink = { line: grid, strong: resolve(el, 'var(--ok)'), text };
  const axis = { stroke: text, font: FONT, labelFont: FONT, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1, size: 4 } };
  return {
    ...size,
    legend: { show: false },
    cursor: { drag: { x: false, y: false } },
    scales: {
      x: { time: false },
      y: { ...(props.logY ? { distr: 3, log: 10 } : {}), ...(props.yRange ? { range: props.yRange } : {}) },
    },
    axes: [
      {
        ...axis,
        ...(props.xLabel ? { label: props.xLabel, labelSize: 14 } : {}),
        ...(props.integerX ? { splits: (_u: uPlot, _axis: number, min: number, max: number, incr: number) => wholeSplits(min, max, incr) } : {}),
        size: 28,
      },
      {
        ...axis,
        size: 46,
        // A log axis passes null for splits it leaves unlabelled.
        values: (_u, splits) => splits.map((v) => (v == null ? '' : number(live.current, v))),
      },
    ],
    series: [
      {},
      ...props.series.map((s, i): uPlot.Series => {
        const colour = resolve(el, colourOf(s, i));
        return s.dots
          ? { label: s.label, stroke: colour, paths: () => null, points: { show: true, size: 7, width: 1, fill: colour, stroke: resolve(el, 'var(--panel)') } }
          : { label: s.label, stroke: colour, width: s.faint ? 1 : 1.5, alpha: s.faint ? 0.3 : 1, spanGaps: true, points: { show: false } };
      }),
    ],
    // Under the series (after the axes, before the lines), so a mark never hides a validation dot.
    hooks: {
      drawAxes: [(u) => drawMarks(u, live.current.marks, ink)],
      // Written straight into the caption: a React render per pointer move would be wasted work.
      setCursor: [
        (u) => {
          if (readout.current) readout.current.textContent = cursorText(u, live.current);
        },
      ],
    },
  };
}

/** What forces a new uPlot instance (its options); anything else is a data update or a redraw. */
const lookKey = (p: PlotProps, dark: boolean) =>
  JSON.stringify([p.series.map((s) => [s.label, s.color, s.dots, s.faint]), p.xLabel, p.integerX, p.logY, p.yRange, dark]);

/** The chart: `<Plot title="Loss" series={[{ label: 'train', x: steps, y: losses }]} logY />`. */
export function Plot(props: PlotProps): JSX.Element {
  const { title, series, height, marks = [], format, empty = 'No data yet' } = props;
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const dark = useColourScheme();
  const data = useMemo(() => alignSeries(series), [series]);
  const live = useRef<Live>({ format, marks, series, xLabel: props.xLabel });
  live.current = { format, marks, series, xLabel: props.xLabel };
  const readout = useRef<HTMLSpanElement>(null);
  const dataRef = useRef(data);
  dataRef.current = data;
  const key = lookKey(props, dark);

  useLayoutEffect(() => {
    const el = box.current!;
    const u = new uPlot(options(el, props, live, { width: el.clientWidth, height: el.clientHeight }, readout), dataRef.current as uPlot.AlignedData, el);
    plot.current = u;
    return () => {
      u.destroy();
      plot.current = null;
    };
    // Only a change of look rebuilds the chart; `props` is read through `key`.
  }, [key]);

  useEffect(() => {
    plot.current?.setData(data as uPlot.AlignedData);
  }, [data]);

  // Marks and the number format are read by hooks at draw time: a redraw with new axes is enough.
  const marksKey = JSON.stringify(marks);
  useEffect(() => {
    plot.current?.redraw(false, true);
  }, [marksKey, format]);

  useEffect(() => {
    const el = box.current!;
    const observer = new ResizeObserver(() => {
      if (el.clientWidth > 0 && el.clientHeight > 0) plot.current?.setSize({ width: el.clientWidth, height: el.clientHeight });
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const points = series[0]?.x.length ?? 0;
  return (
    <figure className="plot">
      <figcaption className="plot__title">
        {title}
        {series.map((s, i) =>
          s.faint ? null : (
            <span key={i} className="plot__key" style={{ ['--key' as string]: colourOf(s, i) }}>
              {s.label}
            </span>
          ),
        )}
        <span ref={readout} className="plot__readout" />
      </figcaption>
      <div ref={box} className="plot__canvas" role="img" aria-label={`${title} chart`} data-points={points} style={height ? { height } : undefined}>
        {series.every((s) => s.x.length === 0) ? <p className="plot__empty">{empty}</p> : null}
      </div>
    </figure>
  );
}
