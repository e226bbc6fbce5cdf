/**
 * The Experiment chart as SVG: every network's training and validation curves over the epochs,
 * overlaid, one colour per network. As in He et al. 2015's figures 1 and 6, thin dashed lines
 * are training and bold lines validation (the paper's test), and the default metric is error
 * (1 − accuracy, in percent); loss is the other choice. A plain string, shown by the Experiment
 * tab, written by `netwright experiment -o`, exported as SVG or PNG.
 * `experimentChart([{ label: 'plain-20', epochs }])` → `'<svg …'`.
 */
import type { EpochMetrics } from '../api';
import { COLOURS, esc, frame, H, linearTicks, M, n, scale, W, xTick, yTick } from '../chart/axes';

export interface ExperimentSeries {
  label: string;
  epochs: readonly EpochMetrics[];
}

export type ExperimentMetric = 'error' | 'loss';

const METRICS: Record<ExperimentMetric, { axis: string; train: (e: EpochMetrics) => number; val: (e: EpochMetrics) => number }> = {
  error: { axis: 'Error (%)', train: (e) => 100 * (1 - e.acc), val: (e) => 100 * (1 - e.valAcc) },
  loss: { axis: 'Loss', train: (e) => e.loss, val: (e) => e.valLoss },
};

/** Room right of the plot for the legend. */
const LEGEND = 130;

/** A curve with a dot at each epoch, so a run of one epoch shows too. */
function curve(points: [number, number][], colour: string, kind: 'train' | 'val', label: string, index: number): string[] {
  const d = points.map(([x, y], k) => `${k === 0 ? 'M' : 'L'}${n(x)} ${n(y)}`).join('');
  const stroke = kind === 'train' ? 'stroke-width="1.2" stroke-dasharray="5 3"' : 'stroke-width="2.6"';
  const title = `${label}: ${kind === 'train' ? 'training' : 'validation'}`;
  return [
    `<path class="series ${kind}" data-network="${index}" d="${d}" fill="none" stroke="${colour}" ${stroke}><title>${esc(title)}</title></path>`,
    ...points.map(([x, y]) => `<circle class="dot ${kind}" cx="${n(x)}" cy="${n(y)}" r="${kind === 'train' ? 2 : 3}" fill="${kind === 'train' ? '#fff' : colour}" stroke="${colour}"/>`),
  ];
}

/** Training (thin, dashed) and validation (bold) curves of each series against the epoch. */
export function experimentChart(series: readonly ExperimentSeries[], options: { metric?: ExperimentMetric; title?: string } = {}): string {
  const metric = METRICS[options.metric ?? 'error'];
  const title = options.title ?? `${options.metric === 'loss' ? 'Loss' : 'Error'}: training (thin, dashed) and validation (bold)`;
  const body: string[] = [];
  const values = series.flatMap((s) => s.epochs.flatMap((e) => [metric.train(e), metric.val(e)])).filter(Number.isFinite);
  if (values.length === 0) {
    body.push(`<text x="${W / 2}" y="${H / 2}" text-anchor="middle" fill="#666">No epoch has ended yet</text>`);
    return frame(title, 'Epoch', metric.axis, body);
  }
  const last = Math.max(1, ...series.flatMap((s) => s.epochs.map((e) => e.epoch)));
  const right = W - M.right - LEGEND;
  const x = scale(0, last, M.left, right, false);
  const yTicks = options.metric === 'loss' ? linearTicks(0, Math.max(...values)) : linearTicks(0, Math.min(100, Math.max(...values)), 5);
  const y = scale(0, yTicks.at(-1)!, H - M.bottom, M.top, false);
  for (const t of linearTicks(0, last, Math.min(last, 8)).filter((t) => Number.isInteger(t))) body.push(xTick(x(t), String(t)));
  for (const t of yTicks) body.push(yTick(y(t), String(t)), `<line x1="${M.left}" y1="${n(y(t))}" x2="${n(right)}" y2="${n(y(t))}" stroke="#eee"/>`);
  series.forEach((s, i) => {
    const colour = COLOURS[i % COLOURS.length]!;
    const at = (f: (e: EpochMetrics) => number) => s.epochs.filter((e) => Number.isFinite(f(e))).map((e): [number, number] => [x(e.epoch), y(f(e))]);
    const train = at(metric.train);
    const val = at(metric.val);
    if (train.length > 0) body.push(...curve(train, colour, 'train', s.label, i));
    if (val.length > 0) body.push(...curve(val, colour, 'val', s.label, i));
    const ly = M.top + 10 + 18 * i;
    body.push(`<line x1="${n(right + 10)}" y1="${ly}" x2="${n(right + 30)}" y2="${ly}" stroke="${colour}" stroke-width="2.6"/><text class="legend" x="${n(right + 34)}" y="${ly + 4}">${esc(s.label)}</text>`);
  });
  const key = M.top + 10 + 18 * series.length + 8;
  body.push(
    `<line x1="${n(right + 10)}" y1="${key}" x2="${n(right + 30)}" y2="${key}" stroke="#444" stroke-width="1.2" stroke-dasharray="5 3"/><text x="${n(right + 34)}" y="${key + 4}">training</text>`,
    `<line x1="${n(right + 10)}" y1="${key + 16}" x2="${n(right + 30)}" y2="${key + 16}" stroke="#444" stroke-width="2.6"/><text x="${n(right + 34)}" y="${key + 20}">validation</text>`,
  );
  return frame(title, 'Epoch', metric.axis, body);
}
