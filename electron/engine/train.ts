/**
 * Train a document on MNIST with tfjs, reporting progress as `TrainEvent`s. A custom loop
 * (optimizer.minimize per batch) rather than `model.fit`: it stops between any two batches,
 * reads exactly the numbers we report, and owns every tensor it makes.
 */
import * as tf from '@tensorflow/tfjs';
import type { EpochMetrics, TrainEvent, TrainOptions } from '../../shared/api';
import type { NetwrightDocument, Training } from '../../shared/graph/schema';
import { formatShape } from '../../shared/layers/types';
import { pickBackend } from './backend';
import { compileDocument, endsInSoftmax } from './compile';
import { batchTensors, CLASSES, IMAGE_SHAPE, limitSubset, loadMnist, type Subset } from './mnist';
import { permutation, seededRandom } from './random';

export const ENGINE = 'tfjs';
/** At most this many batch events per second: enough for a live curve, cheap to stream. */
const BATCH_EVENTS_PER_SECOND = 20;
const EVAL_BATCH = 500;

export interface StopSignal {
  stopped: boolean;
}

type Loss = (ys: tf.Tensor, out: tf.Tensor) => tf.Scalar;

/**
 * Run one training: `start`, `batch`…, `epoch` per epoch, then `done`; or `stopped` soon after
 * `signal.stopped` is set; or `error` (bad network, NaN loss, any exception). Never throws.
 * `await train(lenet5(), { epochs: 1 }, console.log, { stopped: false })`.
 */
export async function train(doc: NetwrightDocument, options: TrainOptions, emit: (e: TrainEvent) => void, signal: StopSignal, preferBackend?: string): Promise<void> {
  let model: tf.LayersModel | undefined;
  let optimizer: tf.Optimizer | undefined;
  try {
    const backend = await pickBackend(preferBackend);
    const settings = { ...doc.training, ...definedOnly(options) };
    model = compileDocument(doc);
    checkFitsMnist(model);
    const split = await loadMnist(doc.training.seed);
    const trainSet = options.limit ? limitSubset(split.train, options.limit) : split.train;
    const batchesPerEpoch = Math.ceil(trainSet.count / settings.batchSize);
    emit({ type: 'start', engine: ENGINE, backend, epochs: settings.epochs, batchesPerEpoch, trainSamples: trainSet.count, valSamples: split.val.count });

    optimizer = makeOptimizer(settings);
    const loss: Loss = endsInSoftmax(doc) ? crossEntropyOnProbabilities : (ys, logits) => tf.losses.softmaxCrossEntropy(ys, logits) as tf.Scalar;
    const weights = model.trainableWeights.map((w) => w.read() as tf.Variable);
    const rand = seededRandom(doc.training.seed + 1);
    const epochs: EpochMetrics[] = [];
    let trainSeconds = 0;
    let lastBatchEvent = -Infinity;

    for (let epoch = 1; epoch <= settings.epochs; epoch++) {
      const order = permutation(trainSet.count, rand);
      let lossSum = 0;
      let correct = 0;
      for (let b = 0; b < batchesPerEpoch; b++) {
        // Let the stop message (an event-loop event) arrive between batches.
        await new Promise((resolve) => setImmediate(resolve));
        if (signal.stopped) return emit({ type: 'stopped' });
        const start = b * settings.batchSize;
        const end = Math.min(start + settings.batchSize, trainSet.count);
        const began = performance.now();
        const { xs, ys } = batchTensors(trainSet, start, end, order);
        let hits: tf.Scalar | undefined;
        const cost = optimizer.minimize(
          () => {
            const out = model!.apply(xs, { training: true }) as tf.Tensor;
            hits = tf.keep(countCorrect(ys, out));
            return loss(ys, out);
          },
          true,
          weights,
        )!;
        const [batchLoss] = await cost.data();
        const [batchHits] = await hits!.data();
        tf.dispose([xs, ys, cost, hits!]);
        trainSeconds += (performance.now() - began) / 1000;
        if (!Number.isFinite(batchLoss)) return emit({ type: 'error', message: divergedMessage(batchLoss!, epoch, b + 1, settings.learningRate) });
        const n = end - start;
        lossSum += batchLoss! * n;
        correct += batchHits!;
        const now = performance.now();
        if (now - lastBatchEvent >= 1000 / BATCH_EVENTS_PER_SECOND || b === batchesPerEpoch - 1) {
          lastBatchEvent = now;
          emit({ type: 'batch', epoch, batch: b + 1, batches: batchesPerEpoch, loss: batchLoss!, acc: batchHits! / n });
        }
      }
      if (signal.stopped) return emit({ type: 'stopped' });
      const val = evaluate(model, split.val, loss);
      if (!Number.isFinite(val.loss)) return emit({ type: 'error', message: divergedMessage(val.loss, epoch, batchesPerEpoch, settings.learningRate) });
      const metrics: EpochMetrics = { epoch, loss: lossSum / trainSet.count, acc: correct / trainSet.count, valLoss: val.loss, valAcc: val.acc };
      epochs.push(metrics);
      emit({ type: 'epoch', ...metrics });
    }
    emit({ type: 'done', epochs, engine: ENGINE, backend, samplesPerSecond: (trainSet.count * settings.epochs) / Math.max(trainSeconds, 1e-9) });
  } catch (err) {
    emit({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  } finally {
    model?.dispose();
    optimizer?.dispose();
  }
}

/** Options the caller left out must not erase the document's settings. */
function definedOnly(options: TrainOptions): Partial<Training> {
  const out: Partial<Training> = {};
  if (options.epochs !== undefined) out.epochs = options.epochs;
  if (options.batchSize !== undefined) out.batchSize = options.batchSize;
  return out;
}

function makeOptimizer(t: Training): tf.Optimizer {
  switch (t.optimizer) {
    case 'adam':
      return tf.train.adam(t.learningRate);
    case 'sgd':
      return tf.train.sgd(t.learningRate);
    case 'rmsprop':
      return tf.train.rmsprop(t.learningRate);
  }
}

/** MNIST feeds 28×28×1 images and has 10 classes; say so in the user's terms when it does not fit. */
function checkFitsMnist(model: tf.LayersModel) {
  if (model.inputs.length !== 1 || model.outputs.length !== 1) {
    throw new Error(`Training needs exactly one Input and one output layer; this network has ${model.inputs.length} and ${model.outputs.length}.`);
  }
  const input = model.inputs[0]!.shape.slice(1) as number[];
  const output = model.outputs[0]!.shape.slice(1) as number[];
  if (formatShape(input) !== formatShape(IMAGE_SHAPE)) {
    throw new Error(`MNIST images are ${formatShape(IMAGE_SHAPE)}, but the Input is ${formatShape(input)} — set the Input to height 28, width 28, 1 channel.`);
  }
  if (output.length !== 1 || output[0] !== CLASSES) {
    throw new Error(`MNIST has ${CLASSES} classes, so the network must end in ${CLASSES} values, but its output is ${formatShape(output)} — end with Flatten and Dense(${CLASSES}).`);
  }
}

/** Mean categorical cross-entropy of probabilities, clipped so a confident mistake stays finite. */
const crossEntropyOnProbabilities: Loss = (ys, probs) => tf.tidy(() => tf.mean(tf.neg(tf.sum(tf.mul(ys, tf.log(tf.clipByValue(probs, 1e-7, 1))), -1))) as tf.Scalar);

const countCorrect = (ys: tf.Tensor, out: tf.Tensor): tf.Scalar => tf.tidy(() => tf.sum(tf.cast(tf.equal(tf.argMax(ys, -1), tf.argMax(out, -1)), 'float32')) as tf.Scalar);

/** Loss and accuracy on a whole subset, in inference mode (no dropout). */
function evaluate(model: tf.LayersModel, s: Subset, loss: Loss): { loss: number; acc: number } {
  let lossSum = 0;
  let correct = 0;
  for (let start = 0; start < s.count; start += EVAL_BATCH) {
    const end = Math.min(start + EVAL_BATCH, s.count);
    const [l, c] = tf.tidy(() => {
      const { xs, ys } = batchTensors(s, start, end);
      const out = model.predict(xs) as tf.Tensor;
      return [loss(ys, out).dataSync()[0]!, countCorrect(ys, out).dataSync()[0]!];
    });
    lossSum += l! * (end - start);
    correct += c!;
  }
  return { loss: lossSum / s.count, acc: correct / s.count };
}

function divergedMessage(loss: number, epoch: number, batch: number, lr: number): string {
  return `The loss became ${Number.isNaN(loss) ? 'NaN' : 'infinite'} at epoch ${epoch}, batch ${batch}: training diverged. Lower the learning rate (now ${lr}), e.g. to ${lr / 10}.`;
}
