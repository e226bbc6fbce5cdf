/**
 * A short timed probe for `train.estimate`: the document compiled and optimisation steps on
 * random data of the Input's shape, timed for a second. A net whose step at 8 samples is quick
 * is timed at the run's own batch size, after half a second of warm-up (a fresh process runs its
 * first steps up to 1.5× slower while V8 compiles tfjs's code); a large one at 8 samples, so
 * that it answers in seconds — per-sample speed at a small batch is, if anything, lower than at
 * the full one, so that estimate errs on the long side.
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

/** The batch a probe times at: 8 samples, or the run's own when a step at 8 (after the first) took under 50 ms. */
const PROBE_BATCH = 8;
export const probeBatch = (batchSize: number, firstStepSeconds: number): number => (firstStepSeconds < 0.05 ? batchSize : Math.min(batchSize, PROBE_BATCH));

/** `await probe(lenet5(), {})` → `{ type: 'probe', engine: 'tfjs', backend: 'wasm', samplesPerSecond: 950, trainSamples: 8000, valSamples: 2000 }`. */
export async function probe(doc: NetwrightDocument, options: TrainOptions, preferBackend?: string): Promise<ProbeReply> {
  const settings = resolveSettings(doc.training, options);
  // The threads the run itself will use, so that the time measured is the run's.
  const backend = await pickBackend(settings.backend ?? preferBackend, { threads: threadsForRun(doc, settings) });
  const { train, val } = await datasetSize(settings.dataset, settings.validationSplit, settings.limit);
  const model = compileDocument(doc);
  const optimizer = makeOptimizer(settings);
  try {
    const shape = model.inputs[0]!.shape.slice(1) as number[];
    const classes = model.outputs[0]!.shape.at(-1) as number;
    const weights = trainableVariables(model);
    const loss = lossFor(doc);
    const batchOf = (n: number) => tf.tidy(() => ({ xs: tf.randomUniform([n, ...shape]), ys: tf.oneHot(tf.tensor1d(Array.from({ length: n }, (_, i) => i % classes), 'int32'), classes) }));
    const small = Math.min(settings.batchSize, PROBE_BATCH);
    let data = batchOf(small);
    const step = () => trainStep(model, optimizer, loss, data.xs, data.ys, weights);
    step(); // set-up: kernels, operators, the first compile
    let began = performance.now();
    step();
    let steps = 1;
    const n = probeBatch(settings.batchSize, (performance.now() - began) / 1000);
    if (n !== small) {
      // A quick net: time it at the run's batch, after warming up.
      tf.dispose([data.xs, data.ys]);
      data = batchOf(n);
      for (const warm = performance.now(); performance.now() - warm < 500; ) step();
      began = performance.now();
      steps = 0;
    }
    while (steps < 2 || performance.now() - began < 1000) {
      step();
      steps++;
    }
    const seconds = (performance.now() - began) / 1000;
    tf.dispose([data.xs, data.ys]);
    return { type: 'probe', engine: 'tfjs', backend, samplesPerSecond: (steps * n) / seconds, trainSamples: train, valSamples: val };
  } finally {
    model.dispose();
    disposeOptimizer(optimizer);
  }
}
