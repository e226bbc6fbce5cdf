/**
 * `netwright experiment <id|file>... | --preset degradation [--dataset SPEC] [--epochs N]
 * [--batch N] [--lr X] [--optimizer O] [--seed N] [--limit N] [--name TEXT] [--metric error|loss]
 * [-o chart.svg|png] [--data-dir DIR] [--json]`: several networks trained one after another with
 * one set of settings (the first network's own, with the flags over them; a preset's), each as a
 * run of the data folder's history tagged with the experiment, as the app's Experiment tab does.
 * Prints a line per network and epoch (a bar on a terminal), then a table; `--json` prints the
 * experiment's events as JSON lines (batches left out), the last one its end. `-o` writes the
 * overlaid curves. Ctrl+C cancels: the current run stops, the rest are skipped.
 */
import { writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import type { Experiment, ExperimentEvent, ExperimentPreset } from '../../shared/api';
import type { Training } from '../../shared/graph/schema';
import { experimentChart, type ExperimentMetric } from '../../shared/experiment/chart';
import { PRESET_IDS, type PresetId } from '../../shared/experiment/presets';
import { progressOf } from '../../shared/experiment/state';
import { templateIds } from '../../shared/templates/index';
import { settingsStore } from '../app-settings';
import { startExperiment } from '../experiment';
import { defaultDataDir } from '../paths';
import { checkDocument } from '../service';
import { eventBus, experimentPresets, experimentTrainer } from '../service-experiment';
import { trainingHandlers } from '../service-training';
import { intFlag, takeOutput, UsageError, type Parsed } from './args';
import { openDocument } from './documents';
import { trainOptionsFromFlags } from './train';

export const EXPERIMENT_FLAGS = ['json', 'dataset', 'epochs', 'batch', 'limit', 'optimizer', 'lr', 'seed', 'engine', 'preset', 'name', 'metric', 'output', 'data-dir'];

/** The settings the flags set, over the preset's (or the first network's). */
function settingsFromFlags(flags: Parsed['flags']): { training: Partial<Training>; limit?: number; engine?: 'tfjs' | 'torch' } {
  const o = trainOptionsFromFlags(flags);
  const training: Partial<Training> = {};
  if (o.dataset !== undefined) training.dataset = o.dataset;
  if (o.epochs !== undefined) training.epochs = o.epochs;
  if (o.batchSize !== undefined) training.batchSize = o.batchSize;
  if (o.optimizer !== undefined) training.optimizer = o.optimizer;
  if (o.learningRate !== undefined) training.learningRate = o.learningRate;
  const seed = intFlag(flags, 'seed', 0, 2 ** 31 - 1);
  if (seed !== undefined) training.seed = seed;
  return { training, ...(o.limit !== undefined ? { limit: o.limit } : {}), ...(o.engine ? { engine: o.engine } : {}) };
}

const count = (x: number) => (x >= 1e6 ? `${(x / 1e6).toFixed(2)}M` : x >= 1e3 ? `${(x / 1e3).toFixed(1)}K` : String(x));
const pct = (x: number | undefined) => (x === undefined ? '—' : `${(100 * x).toFixed(1)}%`);

/** The final table: network, parameters, last epoch's training and validation accuracy, status. */
export function experimentTable(x: Experiment): string {
  const head = ['Network', 'Params', 'Train acc', 'Val acc', 'Status'];
  const rows = x.networks.map((n) => [n.name, count(n.params), pct(n.epochs.at(-1)?.acc), pct(n.epochs.at(-1)?.valAcc), n.status + (n.message ? `: ${n.message}` : '')]);
  const widths = head.map((_, i) => Math.max(...[head, ...rows].map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((cell, i) => (i === 0 || i === 4 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ').trimEnd();
  return [line(head), ...rows.map(line)].join('\n');
}

/** Progress as lines: which network, each epoch, how it ended; on a terminal, a bar for the batches. */
function progressPrinter(out: NodeJS.WritableStream & { isTTY?: boolean }) {
  let state: Experiment | undefined;
  return (e: ExperimentEvent) => {
    const clear = out.isTTY ? '\r\x1b[K' : '';
    switch (e.type) {
      case 'start':
        state = e.experiment;
        out.write(`Experiment "${state.name}": ${state.networks.length} networks on ${state.datasetTitle}, ${state.settings.epochs} epoch(s) each, seed ${state.settings.seed}\n`);
        break;
      case 'network': {
        const net = state!.networks[e.index]!;
        out.write(`[${e.index + 1}/${state!.networks.length}] ${net.name} (${count(net.params)} parameters) · run ${e.runId}\n`);
        break;
      }
      case 'batch':
        if (out.isTTY && state) {
          const p = progressOf(state, e);
          const filled = Math.round(p.fraction * 30);
          out.write(`${clear}  epoch ${e.epoch}/${e.epochs} [${'#'.repeat(filled)}${'.'.repeat(30 - filled)}] ${Math.round(100 * p.fraction)}% of the experiment`);
        }
        break;
      case 'epoch':
        out.write(`${clear}  epoch ${e.metrics.epoch}/${state!.settings.epochs}: train acc ${e.metrics.acc.toFixed(4)} loss ${e.metrics.loss.toFixed(4)} · val acc ${e.metrics.valAcc.toFixed(4)} loss ${e.metrics.valLoss.toFixed(4)}\n`);
        break;
      case 'network-end':
        out.write(`${clear}  ${e.status === 'done' ? 'done' : e.status === 'stopped' ? 'stopped' : `failed: ${e.message ?? ''}`}\n`);
        break;
      case 'end':
        out.write(`${e.experiment.status === 'cancelled' ? 'Cancelled.\n' : ''}${experimentTable(e.experiment)}\n`);
        break;
    }
  };
}

/** Resolves to the exit code: 0 when every network trained, 3 when one failed or the experiment was cancelled. */
export async function experimentCommand(positional: readonly string[], flags: Parsed['flags'], out: NodeJS.WriteStream = process.stdout): Promise<number> {
  const { rest: refs, out: chartFile } = takeOutput(positional, flags);
  for (const name of ['preset', 'name', 'metric', 'data-dir'] as const) if (flags[name] === true) throw new UsageError(`--${name} needs a value`);
  const metric = (flags.metric ?? 'error') as ExperimentMetric;
  if (metric !== 'error' && metric !== 'loss') throw new UsageError('--metric must be error or loss');
  if (chartFile !== undefined && !/\.(svg|png)$/i.test(chartFile)) throw new UsageError('-o writes the chart as .svg or .png');
  const dataDir = typeof flags['data-dir'] === 'string' ? resolve(flags['data-dir']) : defaultDataDir();
  const json = flags.json === true;
  let preset: ExperimentPreset | undefined;
  if (flags.preset !== undefined) {
    if (!(PRESET_IDS as readonly string[]).includes(flags.preset as string)) throw new UsageError(`--preset must be one of: ${PRESET_IDS.join(', ')}`);
    if (refs.length > 0) throw new UsageError('--preset names its own networks: give no files or template ids with it');
    preset = experimentPresets(join(dataDir, 'cache')).find((p) => p.id === (flags.preset as PresetId))!;
  } else if (refs.length === 0) throw new UsageError('experiment takes one or more files or template ids, or --preset degradation');
  const chosen = settingsFromFlags(flags);
  const networks = [];
  for (const ref of preset?.templates ?? refs) {
    const template = templateIds.includes(ref) ? ref : undefined;
    networks.push({ name: template ?? basename(ref).replace(/\.netwright\.json$|\.json$/i, ''), ...(template ? { template } : {}), doc: await openDocument(ref) });
  }
  const plan = {
    name: typeof flags.name === 'string' ? flags.name : (preset?.title ?? networks.map((n) => n.name).join(' vs ')),
    networks,
    training: { ...preset?.training, ...chosen.training },
    limit: chosen.limit ?? preset?.limit,
    engine: chosen.engine,
  };
  if (preset) {
    const note = [preset.observed, preset.paper, ...(preset.substitute ? [preset.substitute] : [])];
    if (json) out.write(JSON.stringify({ type: 'preset', ...preset }) + '\n');
    else out.write(note.join('\n') + '\n');
  }

  const bus = eventBus(() => {});
  const training = trainingHandlers({ emit: bus.emit, dataDir, checkDocument, torch: { pythonPath: () => settingsStore(dataDir).read().pythonPath } });
  const show = json ? (e: ExperimentEvent) => e.type !== 'batch' && out.write(JSON.stringify(e) + '\n') : progressPrinter(out);
  let x;
  try {
    x = startExperiment(plan, experimentTrainer(training.handlers, bus), show);
  } catch (e) {
    process.stderr.write(`netwright: ${(e as Error).message}\n`);
    return 1;
  }
  const interrupt = () => x.cancel();
  process.once('SIGINT', interrupt);
  const end = await x.done;
  process.off('SIGINT', interrupt);
  if (chartFile) {
    const svg = experimentChart(end.networks.map((n) => ({ label: n.name, epochs: n.epochs })), { metric, title: `${end.name} · ${end.datasetTitle}` });
    await writeFile(chartFile, /\.png$/i.test(chartFile) ? await (await import('sharp')).default(Buffer.from(svg), { density: 144 }).png().toBuffer() : svg);
    if (!json) out.write(`Chart: ${chartFile}\n`);
  }
  return end.status === 'done' && end.networks.every((n) => n.status === 'done') ? 0 : 3;
}
