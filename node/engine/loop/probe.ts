/**
 * A short timed probe for `train.estimate`: the document compiled and optimisation steps on
 * random data of the Input's shape, timed for a second. A net whose step at the run's batch size
 * takes at most 2 s is timed at that size, after a second of warm-up (a fresh
 * process runs its first steps up to 1.5× slower while V8 compiles tfjs's code); a larger one at
 * 8 samples, so that it answers in seconds — per-sample speed at a small batch is lower than at
 * the full one (LeNet-5, Mini-VGG and ResNet-20 ran 2–3× slower per sample at 8, cold), so that
 * estimate errs on the long side.
 */
import * as tf from '@tensorflow/tfjs';
import type { TrainOptions } from '../../../shared/api';
import type { NetwrightDocument } from '../../../shared/graph/schema';
import { pickBackend } from '../backend/choose';
import { compileDocument } from '../model/compile';
import { datasetSize } from '../data/load';
import { checkHeapFits, fitsHeap, guardWasmHeap } from '../budget/memory';
import { disposeOptimizer, makeOptimizer } from './optimizer';
import type { ProbeReply } from '../protocol/messages';
import { resolveSettings } from './run-settings';
import { lossFor, trainStep, trainableVariables } from './step';
import { threadsForRun } from '../backend/wasm-threads';

/**
 * The batch a probe times at: the run's own when a step of it would take at most 2 s, judged
 * from a step at 8 samples after the first (an upper bound: per sample, 8 is the slower batch),
 * else 8 samples.
 */
const PROBE_BATCH = 8;
export function probeBatch(batchSize: number, smallStepSeconds: number): number {
  const small = Math.min(batchSize, PROBE_BATCH);
  return (smallStepSeconds * batchSize) / small <= 2 ? batchSize : small;
}

/** `await probe(lenet5(), {})` → `{ type: 'probe', engine: 'tfjs', backend: 'wasm', samplesPerSecond: 950, trainSamples: 8000, valSamples: 2000 }`. */
export async function probe(doc: NetwrightDocument, options: TrainOptions, preferBackend?: string): Promise<ProbeReply> {
  const settings = resolveSettings(doc.training, options);
  // The threads the run itself will use, so that the time measured is the run's.
  const backend = await pickBackend(settings.backend ?? preferBackend, { threads: threadsForRun(doc, settings) });
  const { train, val } = await datasetSize(settings.dataset, settings.validationSplit, settings.limit);
  const small = Math.min(settings.batchSize, PROBE_BATCH);
  // Refused, as a run would be, when even the probe's batch is beyond the wasm heap.
  guardWasmHeap();
  checkHeapFits(doc, { ...settings, batchSize: small }, backend);
  const model = compileDocument(doc);
  const optimizer = makeOptimizer(settings);
  try {
    const shape = model.inputs[0]!.shape.slice(1) as number[];
    const classes = model.outputs[0]!.shape.at(-1) as number;
    const weights = trainableVariables(model);
    const loss = lossFor(doc);
    const batchOf = (n: number) => tf.tidy(() => ({ xs: tf.randomUniform([n, ...shape]), ys: tf.oneHot(tf.tensor1d(Array.from({ length: n }, (_, i) => i % classes), 'int32'), classes) }));
    let data = batchOf(small);
    const step = () => trainStep(model, optimizer, loss, data.xs, data.ys, weights);
    step(); // set-up: kernels, operators, the first compile
    let began = performance.now();
    step();
    let steps = 1;
    const quick = probeBatch(settings.batchSize, (performance.now() - began) / 1000);
    const n = fitsHeap(doc, { ...settings, batchSize: quick }, backend) ? quick : small;
    if (n !== small) {
      // A quick net: time it at the run's batch, after warming up.
      tf.dispose([data.xs, data.ys]);
      data = batchOf(n);
      for (const warm = performance.now(); performance.now() - warm < 1000; ) step();
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
