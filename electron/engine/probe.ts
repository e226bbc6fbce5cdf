/**
 * A short timed probe for `train.estimate`: the document compiled, a few optimisation steps on
 * random data of the Input's shape, timed after one warm-up step. Batches are capped at 8
 * samples so that a large net answers in seconds; per-sample speed at a small batch is, if
 * anything, lower than at the full one, so the estimate errs on the long side.
 */
import * as tf from '@tensorflow/tfjs';
import type { TrainOptions } from '../../shared/api';
import type { NetwrightDocument } from '../../shared/graph/schema';
import { pickBackend } from './backend';
import { compileDocument } from './compile';
import { datasetSize } from './data/load';
import { disposeOptimizer, makeOptimizer } from './optimizer';
import type { ProbeReply } from './protocol';
import { resolveSettings } from './settings';
import { lossFor, trainStep, trainableVariables } from './step';
import { threadsForRun } from './wasm-threads';

/** `await probe(lenet5(), {})` → `{ type: 'probe', engine: 'tfjs', backend: 'wasm', samplesPerSecond: 950, trainSamples: 8000, valSamples: 2000 }`. */
export async function probe(doc: NetwrightDocument, options: TrainOptions, preferBackend?: string): Promise<ProbeReply> {
  const settings = resolveSettings(doc.training, options);
  // The threads the run itself will use, so that the time measured is the run's.
  const backend = await pickBackend(settings.backend ?? preferBackend, { threads: threadsForRun(doc, settings) });
  const { train, val } = await datasetSize(settings.dataset, settings.validationSplit, settings.limit);
  const model = compileDocument(doc);
  const optimizer = makeOptimizer(settings);
  try {
    const n = Math.min(settings.batchSize, 8);
    const shape = model.inputs[0]!.shape.slice(1) as number[];
    const classes = model.outputs[0]!.shape.at(-1) as number;
    const xs = tf.randomUniform([n, ...shape]);
    const ys = tf.oneHot(tf.tensor1d(Array.from({ length: n }, (_, i) => i % classes), 'int32'), classes);
    const weights = trainableVariables(model);
    const loss = lossFor(doc);
    const step = () => trainStep(model, optimizer, loss, xs, ys, weights);
    step();
    let steps = 0;
    const began = performance.now();
    while (steps < 2 || performance.now() - began < 1000) {
      step();
      steps++;
    }
    const seconds = (performance.now() - began) / 1000;
    tf.dispose([xs, ys]);
    return { type: 'probe', engine: 'tfjs', backend, samplesPerSecond: (steps * n) / seconds, trainSamples: train, valSamples: val };
  } finally {
    model.dispose();
    disposeOptimizer(optimizer);
  }
}
