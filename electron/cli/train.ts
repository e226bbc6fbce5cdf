/**
 * `netwright train <file | template-id> --dataset mnist [--epochs N] [--batch N] [--limit N] [--json]`:
 * the same trainer process the app uses, reporting to a terminal (a progress bar) or as JSON
 * lines ending with the `done` event.
 */
import type { TrainEvent, TrainOptions } from '../../shared/api';
import { DATASETS, type NetwrightDocument } from '../../shared/graph/schema';
import { inferGraph } from '../../shared/infer';
import { startRun } from '../engine/runner';
import { UsageError } from './args';
import { InvalidDocument } from './documents';

export interface TrainCliOptions extends TrainOptions {
  dataset?: string;
  json: boolean;
}

/** Resolves to the process exit code: 0 when training finished, 3 when it failed. */
export async function trainCommand(doc: NetwrightDocument, opts: TrainCliOptions, out: NodeJS.WriteStream = process.stdout): Promise<number> {
  if (opts.dataset !== undefined && !(DATASETS as readonly string[]).includes(opts.dataset)) {
    throw new UsageError(`--dataset must be one of: ${DATASETS.join(', ')}`);
  }
  const errors = inferGraph(doc.graph, doc.blocks).errors;
  if (errors.length > 0) throw new InvalidDocument(`The graph has errors:\n${errors.map((e) => `  ${e.nodeId}: ${e.message}`).join('\n')}`);
  const { json, dataset: _dataset, ...options } = opts;
  let code = 3;
  const show = json ? (e: TrainEvent) => out.write(JSON.stringify(e) + '\n') : progressPrinter(out);
  const run = startRun({ doc, options }, (event) => {
    if (event.type === 'done') code = 0;
    if (event.type === 'error' && !json) process.stderr.write(`Training failed: ${event.message}\n`);
    show(event);
  });
  const interrupt = () => run.stop();
  process.once('SIGINT', interrupt);
  await run.done;
  process.off('SIGINT', interrupt);
  return code;
}

function progressPrinter(out: NodeJS.WriteStream) {
  let epochs = 0;
  return (e: TrainEvent) => {
    switch (e.type) {
      case 'start':
        epochs = e.epochs;
        out.write(`Training on ${e.trainSamples} samples, validating on ${e.valSamples} · engine ${e.engine} · backend ${e.backend}\n`);
        break;
      case 'batch':
        if (out.isTTY) {
          const width = 30;
          const filled = Math.round((e.batch / e.batches) * width);
          out.write(`\rEpoch ${e.epoch}/${epochs} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${e.batch}/${e.batches} loss ${e.loss.toFixed(4)} acc ${e.acc.toFixed(3)}`);
        }
        break;
      case 'epoch':
        out.write(`${out.isTTY ? '\r\x1b[K' : ''}Epoch ${e.epoch}/${epochs}: loss ${e.loss.toFixed(4)} acc ${e.acc.toFixed(4)} · val loss ${e.valLoss.toFixed(4)} val acc ${e.valAcc.toFixed(4)}\n`);
        break;
      case 'done':
        out.write(`Done: ${Math.round(e.samplesPerSecond)} samples/s on ${e.backend}\n`);
        break;
      case 'stopped':
        out.write('\nStopped.\n');
        break;
      case 'log':
        out.write(`${e.message}\n`);
        break;
      case 'error':
        break;
    }
  };
}
