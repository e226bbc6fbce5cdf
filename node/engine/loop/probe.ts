/**
 * The timed probe of `train.estimate`: a short stretch of the run itself. It sets up as a run
 * does (`prepareRun`: the real dataset, fitted and normalised), then times the training loop
 * (`epochLoop`: batches gathered and augmented, the step, the learning-rate schedule, metric
 * streaming) for 1.5 s at the run's batch size after a second of warm-up, one validation pass
 * over a batch of the validation set, and the evaluation the run reports after each epoch (confusion
 * matrix, sample pictures). A step of the probe timing only `trainStep` on random data said
 * LeNet-5 ran at 5,199 samples/s where its run averaged 1,804.
 *
 * A net whose step at the run's batch size would take more than 4 s is timed at 8 samples
 * instead, so that the probe answers in seconds; per sample a smaller batch is slower (LeNet-5,
 * Mini-VGG and ResNet-20 ran 2–3× slower at 8), so that estimate errs on the long side.
 */
import type * as tf from '@tensorflow/tfjs';
import type { TrainOptions } from '../../../shared/api';
import type { NetwrightDocument } from '../../../shared/graph/schema';
import { endsInSoftmax } from '../../../shared/graph/softmax-output';
import { fitsHeap } from '../budget/memory';
import { imageSize, limitSubset } from '../data/subset';
import type { ProbeReply } from '../protocol/messages';
import { makeBatch } from './batches';
import { RunControl } from './control';
import { epochLoop } from './epoch';
import { evalBatchSize, evaluateSubset, evaluationOf } from './evaluate';
import { disposeOptimizer, makeOptimizer } from './optimizer';
import { prepareRun, type PrepareConfig, type PreparedRun } from './prepare';
import { EtaClock } from './progress';
import { lossFor, trainStep, trainableVariables, type Loss } from './step';

/**
 * The batch a probe times at: the run's own when a step of it would take at most 4 s, judged
 * from a step at 8 samples after the first (an upper bound: per sample, 8 is the slower batch),
 * else 8 samples. (At 2 s, a busy machine pushed Mini-VGG's batch of 32 over the line, and its
 * estimate, timed at 8, came out 44–52 % long.)
 */
const PROBE_BATCH = 8;
export function probeBatch(batchSize: number, smallStepSeconds: number): number {
  const small = Math.min(batchSize, PROBE_BATCH);
  return (smallStepSeconds * batchSize) / small <= 4 ? batchSize : small;
}

const seconds = (since: number) => (performance.now() - since) / 1000;

/**
 * `await probe(lenet5(), {})` → `{ type: 'probe', engine: 'tfjs', backend: 'wasm',
 * samplesPerSecond: 1900, valSamplesPerSecond: 9000, epochOverheadSeconds: 0.02,
 * trainSamples: 8000, valSamples: 2000 }`.
 */
export async function probe(doc: NetwrightDocument, options: TrainOptions, config: PrepareConfig = {}): Promise<ProbeReply> {
  const small = Math.min(doc.training.batchSize, options.batchSize ?? doc.training.batchSize, PROBE_BATCH);
  // Refused, as a run would be, when even the probe's batch is beyond the wasm heap.
  const run = await prepareRun(doc, options, { ...config, heapBatch: small });
  const optimizer = makeOptimizer(run.settings);
  try {
    const { settings, data, backend } = run;
    const loss = lossFor(doc);
    const weights = trainableVariables(run.model);
    const step = (n: number) => {
      const { xs, ys } = makeBatch(data.train, Uint32Array.from({ length: Math.min(n, data.train.count) }, (_, i) => i), run.recipe);
      try {
        trainStep(run.model, optimizer, loss, xs, ys, weights);
      } finally {
        xs.dispose();
        ys.dispose();
      }
    };
    step(small); // set-up: kernels, operators, the first compile
    const began = performance.now();
    step(small);
    const quick = probeBatch(settings.batchSize, seconds(began)) === settings.batchSize && fitsHeap(doc, settings, backend);
    const reply = { type: 'probe' as const, engine: 'tfjs' as const, backend, trainSamples: data.train.count, valSamples: data.val.count };
    if (!quick) {
      // A large net: steps at 8 samples for a second; validation taken as a third of a step's work.
      let steps = 0;
      const start = performance.now();
      while (steps < 2 || seconds(start) < 1) {
        step(small);
        steps++;
      }
      const samplesPerSecond = (steps * small) / seconds(start);
      return { ...reply, samplesPerSecond, valSamplesPerSecond: 3 * samplesPerSecond, epochOverheadSeconds: 0 };
    }
    const loop = timedLoop(run, optimizer, loss, weights);
    // Warm up for a second at the run's batch size (a fresh process runs its first steps up to
    // 1.5× slower, and the first batches at a new size are slower still), then time 1.5 s.
    let perBatch = (await loop(2)) / 2;
    for (let warmed = 0; warmed < 1; ) {
      const n = Math.max(2, Math.ceil(0.5 / perBatch));
      const took = await loop(n);
      warmed += took;
      perBatch = took / n;
    }
    const batches = Math.min(run.batchesPerEpoch, Math.max(3, Math.ceil(1.5 / perBatch)));
    const samples = Math.min(batches * settings.batchSize, data.train.count);
    const samplesPerSecond = samples / (await loop(batches));
    return { ...reply, samplesPerSecond, ...(await timeValidation(run, loss, endsInSoftmax(doc))) };
  } finally {
    run.model.dispose();
    disposeOptimizer(optimizer);
  }
}

/**
 * `await loop(n)`: the seconds that the run's own epoch loop takes for its first `n` batches of
 * an epoch, with its batch events serialised as the trainer process sends them.
 */
function timedLoop(run: PreparedRun, optimizer: tf.Optimizer, loss: Loss, weights: tf.Variable[]) {
  const { settings, data } = run;
  return async (batches: number): Promise<number> => {
    const count = Math.min(batches * settings.batchSize, data.train.count);
    const part = { ...data, train: limitSubset(data.train, count) };
    const began = performance.now();
    await epochLoop(
      {
        model: run.model,
        optimizer,
        loss,
        weights,
        data: part,
        recipe: run.recipe,
        settings: { ...settings, epochs: 1 },
        batchesPerEpoch: Math.ceil(count / settings.batchSize),
        clock: new EtaClock(count, 0, 1),
        control: new RunControl(),
        emit: (e) => JSON.stringify(e),
        eventsPerSecond: 20,
      },
      async () => undefined,
    );
    return seconds(began);
  };
}

/**
 * Validation's speed, from one evaluation batch after a warm-up one of the same size, and the
 * fixed cost of each epoch's report: the confusion matrix and the sample pictures.
 */
async function timeValidation(run: PreparedRun, loss: Loss, probabilities: boolean): Promise<Pick<ProbeReply, 'valSamplesPerSecond' | 'epochOverheadSeconds'>> {
  const { data, input, recipe, settings } = run;
  const options = { batch: evalBatchSize(settings.batchSize, imageSize(input)), probabilities };
  const part = limitSubset(data.val, Math.min(options.batch, data.val.count));
  evaluateSubset(run.model, part, recipe, loss, options);
  let began = performance.now();
  const val = evaluateSubset(run.model, part, recipe, loss, options);
  const valSamplesPerSecond = part.count / seconds(began);
  began = performance.now();
  await evaluationOf(1, val, data, input);
  return { valSamplesPerSecond, epochOverheadSeconds: seconds(began) };
}
